import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SessionUser } from '@lotline/contracts';
import { homeFor } from '../../core/session.service';
import { AuthApiService } from '../../data/auth-api.service';
import { safeReturnUrl } from '../../shared/forms';

/** Email + password, then (when the account has 2FA) a TOTP or recovery code. */
@Component({
  selector: 'll-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Sign in</h1>
    @if (challenge() === null) {
      <form [formGroup]="form" (ngSubmit)="signIn()" class="card">
        <mat-form-field>
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="username" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="current-password" required />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()">Sign in</button>
      </form>
      <p>New firm? <a routerLink="/sign-up">Create your firm's account</a>.</p>
    } @else {
      <form [formGroup]="codeForm" (ngSubmit)="verify()" class="card">
        <p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
        <mat-form-field>
          <mat-label>Authentication code</mat-label>
          <input matInput formControlName="code" autocomplete="one-time-code" required />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()">Verify</button>
        <button mat-button type="button" (click)="restart()">Use another account</button>
      </form>
    }
  `,
  styles: `.card { display: grid; gap: 4px; max-width: 420px; }`,
})
export class SignInPage {
  private readonly auth = inject(AuthApiService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly returnUrl = input<string>();

  protected readonly form = this.fb.group({ email: ['', [Validators.required, Validators.email]], password: ['', Validators.required] });
  protected readonly codeForm = this.fb.group({ code: ['', [Validators.required, Validators.maxLength(64)]] });
  protected readonly challenge = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected signIn(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    this.busy.set(true);
    const { email, password } = this.form.getRawValue();
    this.auth.signIn({ email: email.trim(), password }).subscribe({
      next: (r) => {
        this.busy.set(false);
        switch (r.kind) {
          case 'session':
            this.done(r.user);
            break;
          case 'two_factor_required':
            this.challenge.set(r.challengeToken);
            break;
        }
      },
      error: () => this.busy.set(false),
    });
  }

  protected verify(): void {
    const challengeToken = this.challenge();
    if (this.codeForm.invalid || challengeToken === null) return this.codeForm.markAllAsTouched();
    this.busy.set(true);
    const code = this.codeForm.getRawValue().code.replace(/\s+/g, '');
    this.auth.signInTwoFactor({ challengeToken, code }).subscribe({
      next: (s) => this.done(s.user),
      error: () => this.busy.set(false),
    });
  }

  protected restart(): void {
    this.challenge.set(null);
    this.codeForm.reset();
    this.form.controls.password.reset();
  }

  private done(user: SessionUser): void {
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) ?? homeFor(user.role));
  }
}
