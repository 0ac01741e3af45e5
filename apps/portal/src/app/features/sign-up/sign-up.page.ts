import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH } from '@lotline/contracts';
import { AuthApiService } from '../../data/auth-api.service';
import { passwordValidators, passwordsMatch } from '../../shared/forms';

/** Creates a firm and its first firm admin, then opens the dashboard. */
@Component({
  selector: 'll-sign-up-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Create your firm</h1>
    <form [formGroup]="form" (ngSubmit)="submit()" class="card">
      <mat-form-field>
        <mat-label>Firm name</mat-label>
        <input matInput formControlName="firmName" autocomplete="organization" required />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Your name</mat-label>
        <input matInput formControlName="displayName" autocomplete="name" required />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Email</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="username" required />
        @if (form.controls.email.hasError('email')) { <mat-error>Enter a valid email address.</mat-error> }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="new-password" required />
        <mat-hint>At least {{ minLength }} characters; common passwords are refused.</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Repeat password</mat-label>
        <input matInput type="password" formControlName="confirm" autocomplete="new-password" required />
      </mat-form-field>
      @if (form.touched && form.hasError('mismatch')) { <p class="error" role="alert">The passwords do not match.</p> }
      <button mat-flat-button type="submit" [disabled]="busy()">Create firm</button>
    </form>
    <p>Already have an account? <a routerLink="/sign-in">Sign in</a>.</p>
  `,
  styles: `.card { display: grid; gap: 4px; max-width: 420px; } .error { color: #b3261e; }`,
})
export class SignUpPage {
  private readonly auth = inject(AuthApiService);
  private readonly router = inject(Router);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      firmName: ['', [Validators.required, Validators.maxLength(200)]],
      displayName: ['', [Validators.required, Validators.maxLength(200)]],
      email: ['', [Validators.required, Validators.email]],
      password: ['', passwordValidators],
      confirm: ['', Validators.required],
    },
    { validators: passwordsMatch },
  );
  protected readonly busy = signal(false);

  protected submit(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    this.busy.set(true);
    const { firmName, displayName, email, password } = this.form.getRawValue();
    this.auth.signUp({ firmName: firmName.trim(), displayName: displayName.trim(), email: email.trim(), password }).subscribe({
      next: () => void this.router.navigateByUrl('/clients'),
      error: () => this.busy.set(false),
    });
  }
}
