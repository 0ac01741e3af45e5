import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH, type TwoFactorEnrolResponse } from '@lotline/contracts';
import { NotificationsService } from '../../core/notifications.service';
import { SessionService } from '../../core/session.service';
import { AuthApiService } from '../../data/auth-api.service';
import { passwordValidators } from '../../shared/forms';

/** The QR SVG from our API as an <img> data URL (no markup inserted into the page); null unless it is an SVG. */
export function qrImageUrl(svg: string): string | null {
  const text = svg.trimStart();
  return text.startsWith('<svg') || text.startsWith('<?xml') ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}` : null;
}

/** My account: change password; enrol two-factor authentication and keep the recovery codes. */
@Component({
  selector: 'll-account-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>My account</h1>
    @if (session.user(); as u) {
      <p>{{ u.displayName }} · {{ u.email }} · {{ u.firmName }}</p>
    }

    <section aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form [formGroup]="passwordForm" (ngSubmit)="changePassword()" class="card">
        <mat-form-field>
          <mat-label>Current password</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>New password</mat-label>
          <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
          <mat-hint>At least {{ minLength }} characters.</mat-hint>
        </mat-form-field>
        <div><button mat-flat-button type="submit" [disabled]="busy()">Change password</button></div>
      </form>
    </section>

    <section aria-labelledby="twofa-title">
      <h2 id="twofa-title">Two-factor authentication</h2>
      @if (recoveryCodes(); as codes) {
        <p role="status">Two-factor authentication is on. Save these recovery codes now; each works once and they are not shown again.</p>
        <ol class="codes" data-testid="recovery-codes">
          @for (c of codes; track c) { <li><code>{{ c }}</code></li> }
        </ol>
        <button mat-stroked-button type="button" (click)="recoveryCodes.set(null)">I have saved them</button>
      } @else if (twoFactorOn()) {
        <p>Two-factor authentication is on. A firm admin can reset it if you lose your device and your recovery codes.</p>
      } @else if (enrolment(); as e) {
        <p>Scan this code with your authenticator app, or enter the secret by hand, then type the 6-digit code it shows.</p>
        @if (qr(); as src) {
          <img [src]="src" alt="QR code for your authenticator app" width="200" height="200" />
        }
        <p>Secret: <code data-testid="totp-secret">{{ e.secret }}</code></p>
        <form [formGroup]="codeForm" (ngSubmit)="verify()" class="card">
          <mat-form-field>
            <mat-label>Code from the app</mat-label>
            <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" required />
          </mat-form-field>
          <div><button mat-flat-button type="submit" [disabled]="busy()">Turn on 2FA</button></div>
        </form>
      } @else {
        <p>Protect your account with a code from an authenticator app at sign-in.</p>
        <button mat-flat-button type="button" (click)="enrol()" [disabled]="busy()">Set up two-factor authentication</button>
      }
    </section>
  `,
  styles: `
    .card { display: grid; gap: 4px; max-width: 420px; }
    .codes { columns: 2; font-size: 15px; }
    section { margin-bottom: 24px; }
  `,
})
export class AccountPage {
  private readonly auth = inject(AuthApiService);
  private readonly notifications = inject(NotificationsService);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly session = inject(SessionService);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly passwordForm = this.fb.group({ currentPassword: ['', Validators.required], newPassword: ['', passwordValidators] });
  protected readonly codeForm = this.fb.group({ code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]] });
  protected readonly busy = signal(false);
  protected readonly enrolment = signal<TwoFactorEnrolResponse | null>(null);
  protected readonly qr = computed(() => {
    const e = this.enrolment();
    return e ? qrImageUrl(e.qrSvg) : null;
  });
  protected readonly recoveryCodes = signal<readonly string[] | null>(null);
  protected readonly twoFactorOn = computed(() => this.session.user()?.twoFactorEnabled ?? false);

  protected changePassword(): void {
    if (this.passwordForm.invalid) return this.passwordForm.markAllAsTouched();
    this.busy.set(true);
    this.auth.changePassword(this.passwordForm.getRawValue()).subscribe({
      next: () => {
        this.busy.set(false);
        this.passwordForm.reset();
        this.notifications.info('Password changed.');
      },
      error: () => this.busy.set(false),
    });
  }

  protected enrol(): void {
    this.busy.set(true);
    this.auth.enrolTwoFactor().subscribe({
      next: (e) => {
        this.busy.set(false);
        this.enrolment.set(e);
      },
      error: () => this.busy.set(false),
    });
  }

  protected verify(): void {
    if (this.codeForm.invalid) return this.codeForm.markAllAsTouched();
    this.busy.set(true);
    this.auth.verifyTwoFactor(this.codeForm.getRawValue().code.trim()).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.enrolment.set(null);
        this.recoveryCodes.set(r.recoveryCodes);
      },
      error: () => this.busy.set(false),
    });
  }
}
