import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH } from '@lotline/contracts';
import { of } from 'rxjs';
import { homeFor } from '../../core/session.service';
import { InvitationsService } from '../../data/invitations.service';
import { passwordValidators, passwordsMatch } from '../../shared/forms';
import { current } from '../../shared/resource';

/** /accept-invitation?token=...: shows the firm and (for clients) the consent, sets the password, signs in. */
@Component({
  selector: 'll-accept-invitation-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Accept invitation</h1>
    @if (!token()) {
      <p role="alert">This link has no invitation token. Open the link exactly as you received it.</p>
    } @else if (preview.isLoading()) {
      <p>Checking your invitation…</p>
    } @else if (preview.error()) {
      <p role="alert">This invitation is not valid any more (it may have expired, been revoked or already used). Ask for a new one.</p>
    } @else if (previewValue(); as p) {
      <p data-testid="invitation-firm">
        <strong>{{ p.firmName }}</strong> invites {{ p.email }} to Lotline as {{ p.kind === 'client' ? 'a client' : 'a preparer' }}.
      </p>
      <form [formGroup]="form" (ngSubmit)="accept()" class="card">
        <mat-form-field>
          <mat-label>Your name</mat-label>
          <input matInput formControlName="displayName" autocomplete="name" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Choose a password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint>At least {{ minLength }} characters.</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Repeat password</mat-label>
          <input matInput type="password" formControlName="confirm" autocomplete="new-password" required />
        </mat-form-field>
        @if (form.touched && form.hasError('mismatch')) { <p class="error" role="alert">The passwords do not match.</p> }
        @if (isClient()) {
          <section class="consent" aria-labelledby="consent-title">
            <h2 id="consent-title">Sharing your data with {{ p.firmName }}</h2>
            <p class="consent-text">{{ p.consentText }}</p>
            <mat-checkbox formControlName="consent">I agree to share my data with {{ p.firmName }}</mat-checkbox>
          </section>
        }
        <button mat-flat-button type="submit" [disabled]="busy() || (isClient() && !form.controls.consent.value)">Accept and sign in</button>
      </form>
    }
  `,
  styles: `
    .card { display: grid; gap: 4px; max-width: 520px; }
    .consent-text { white-space: pre-wrap; background: #f5f5f5; padding: 8px; max-height: 240px; overflow: auto; }
    .error { color: #b3261e; }
  `,
})
export class AcceptInvitationPage {
  private readonly invitations = inject(InvitationsService);
  private readonly router = inject(Router);
  readonly token = input<string>();
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly preview = rxResource({
    params: () => this.token() || undefined,
    stream: ({ params }) => (params ? this.invitations.preview(params) : of(undefined)),
  });
  protected readonly previewValue = current(this.preview);
  protected readonly isClient = computed(() => this.previewValue()?.kind === 'client');
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      displayName: ['', [Validators.required, Validators.maxLength(200)]],
      password: ['', passwordValidators],
      confirm: ['', Validators.required],
      consent: [false],
    },
    { validators: passwordsMatch },
  );
  protected readonly busy = signal(false);

  constructor() {
    // Prefill the name the inviter typed once the preview arrives (still editable).
    effect(() => {
      const p = this.previewValue();
      if (p && !this.form.controls.displayName.value) this.form.controls.displayName.setValue(p.displayName);
    });
  }

  protected accept(): void {
    const token = this.token();
    const p = this.previewValue();
    if (!token || !p) return;
    if (this.form.invalid || (this.isClient() && !this.form.controls.consent.value)) return this.form.markAllAsTouched();
    this.busy.set(true);
    const { displayName, password, consent } = this.form.getRawValue();
    this.invitations.accept({ token, password, displayName: displayName.trim(), ...(this.isClient() ? { consent } : {}) }).subscribe({
      next: (s) => void this.router.navigateByUrl(homeFor(s.user.role)),
      error: () => this.busy.set(false),
    });
  }
}
