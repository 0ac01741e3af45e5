import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { COST_BASIS_METHODS, REPORT_PAYERS, type CostBasisMethod, type FirmSettings, type ReportPayer } from '@lotline/contracts';
import { NotificationsService } from '../../core/notifications.service';
import { FirmService } from '../../data/firm.service';
import { BillingSettingsComponent } from '../billing/billing-settings.component';
import { FIRM_SETTINGS_SECTIONS } from './settings-sections';
import { METHOD_LABELS, PAYER_LABELS, PRICE_PATTERN } from '../../shared/labels';
import { current } from '../../shared/resource';

/** Firm settings (firm admin): default method, report price (a decimal string), who pays, invitations, 2FA policy. */
@Component({
  selector: 'll-settings-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, BillingSettingsComponent, FIRM_SETTINGS_SECTIONS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Settings</h1>
    @if (firmValue(); as f) {
      <p>Firm settings for <strong>{{ f.name }}</strong>.</p>
      <form [formGroup]="form" (ngSubmit)="save()" class="card">
        <mat-form-field>
          <mat-label>Firm name</mat-label>
          <input matInput formControlName="name" required maxlength="200" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Default cost-basis method</mat-label>
          <mat-select formControlName="defaultMethod">
            @for (m of methods; track m) { <mat-option [value]="m">{{ methodLabels[m] }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Report price (USD)</mat-label>
          <input matInput formControlName="reportPriceUsd" inputmode="decimal" required />
          @if (form.controls.reportPriceUsd.invalid) { <mat-error>A dollar amount like 149 or 149.50.</mat-error> }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Who pays for reports</mat-label>
          <mat-select formControlName="payer">
            @for (p of payers; track p) { <mat-option [value]="p">{{ payerLabels[p] }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Invitation expiry (days)</mat-label>
          <input matInput type="number" formControlName="invitationExpiryDays" min="1" max="90" required />
          @if (form.controls.invitationExpiryDays.invalid) { <mat-error>Between 1 and 90 days.</mat-error> }
        </mat-form-field>
        <mat-slide-toggle formControlName="requireTwoFactorForStaff">Require two-factor authentication for staff</mat-slide-toggle>
        <div><button mat-flat-button type="submit" [disabled]="busy() || form.pristine">Save settings</button></div>
      </form>
      <ll-billing-settings />
      <ll-report-print-settings /> <ll-reconciliation-policy /> <ll-price-table />
    } @else if (firm.error()) {
      <p role="alert">The firm settings could not be loaded.</p>
    } @else {
      <p>Loading…</p>
    }
  `,
  styles: `.card { display: grid; gap: 8px; max-width: 480px; }`,
})
export class SettingsPage {
  private readonly api = inject(FirmService);
  private readonly notifications = inject(NotificationsService);
  protected readonly methods = COST_BASIS_METHODS;
  protected readonly payers = REPORT_PAYERS;
  protected readonly methodLabels = METHOD_LABELS;
  protected readonly payerLabels = PAYER_LABELS;
  protected readonly firm = rxResource({ stream: () => this.api.get() });
  protected readonly firmValue = current(this.firm);
  protected readonly busy = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    defaultMethod: ['fifo' as CostBasisMethod],
    reportPriceUsd: ['', [Validators.required, Validators.pattern(PRICE_PATTERN)]],
    payer: ['client' as ReportPayer],
    invitationExpiryDays: [14, [Validators.required, Validators.min(1), Validators.max(90)]],
    requireTwoFactorForStaff: [false],
  });

  constructor() {
    effect(() => {
      const f = this.firmValue();
      if (f) this.load(f);
    });
  }

  protected save(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    this.busy.set(true);
    // The price stays the decimal string the admin typed; it is never turned into a number.
    this.api.update({ ...v, name: v.name.trim(), reportPriceUsd: v.reportPriceUsd.trim(), invitationExpiryDays: Math.trunc(Number(v.invitationExpiryDays)) }).subscribe({
      next: (f) => {
        this.busy.set(false);
        this.firm.set(f);
        this.notifications.info('Settings saved.');
      },
      error: () => this.busy.set(false),
    });
  }

  private load(f: FirmSettings): void {
    this.form.reset({
      name: f.name,
      defaultMethod: f.defaultMethod,
      reportPriceUsd: f.reportPriceUsd,
      payer: f.payer,
      invitationExpiryDays: f.invitationExpiryDays,
      requireTwoFactorForStaff: f.requireTwoFactorForStaff,
    });
  }
}
