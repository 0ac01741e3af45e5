import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { AbilityServiceSignal } from '@casl/angular';
import type { AppAbility } from '@lotline/authz';
import type { ClientBilling } from '@lotline/contracts';
import { describeError } from '../../core/api-error';
import { NotificationsService } from '../../core/notifications.service';
import { SessionService } from '../../core/session.service';
import { BillingService } from '../../data/billing.service';
import { defaultTaxYear, taxYears } from '../../shared/labels';
import { current } from '../../shared/resource';
import { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, billingSummary, dollars } from './billing-labels';
import { RecordPaymentDialog, type RecordPaymentData } from './record-payment.dialog';

/**
 * The report's payment for one client and tax year: price, Paid / not paid and why (refunds included), "Pay $X" (to
 * Stripe Checkout) when this user may pay, "Record payment" for a firm admin, and the payment history.
 */
@Component({
  selector: 'll-client-billing',
  imports: [DatePipe, MatButtonModule, MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="billing-title">
      <h2 id="billing-title">Report payment</h2>
      <mat-form-field>
        <mat-label>Tax year</mat-label>
        <mat-select [value]="taxYear()" (valueChange)="taxYear.set($event)">
          @for (y of years; track y) { <mat-option [value]="y">{{ y }}</mat-option> }
        </mat-select>
      </mat-form-field>
      @if (value(); as b) {
        <dl class="facts">
          <dt>Price</dt><dd data-testid="billing-price">{{ money(b.priceUsd) }}@if (b.priceSource === 'client') { (this client's price) }</dd>
          <dt>Payment</dt><dd data-testid="billing-status">{{ summary(b) }}</dd>
        </dl>
        <div class="row">
          @if (b.canCheckout) {
            <button mat-flat-button type="button" (click)="pay(b)" [disabled]="busy()" data-testid="pay-button">
              Pay {{ money(b.priceUsd) }} for {{ isClient() ? 'your' : 'the' }} {{ b.taxYear }} report
            </button>
          } @else if (!b.entitlement.paid && b.checkoutUnavailableReason) {
            <p class="hint" data-testid="checkout-unavailable">{{ b.checkoutUnavailableReason }}</p>
          }
          @if (canRecord() && !hasPaidRecord(b)) {
            <button mat-stroked-button type="button" (click)="record(b)" [disabled]="busy()" data-testid="record-payment">Record payment</button>
          }
        </div>
        @if (b.payments.length) {
          <table class="payments">
            <thead><tr><th>Date</th><th>How</th><th>Amount</th><th>Status</th><th>Details</th></tr></thead>
            <tbody>
              @for (p of b.payments; track p.id) {
                <tr>
                  <td>{{ p.createdAt | date: 'mediumDate' }}</td>
                  <td>{{ methodLabels[p.method] }}</td>
                  <td>{{ money(p.amountUsd) }}</td>
                  <td>{{ statusLabels[p.status] }}@if (p.refundedAt) { {{ p.refundedAt | date: 'mediumDate' }} }</td>
                  <td>{{ p.note ?? p.failureReason ?? '' }}@if (p.createdByName) { — {{ p.createdByName }} }</td>
                </tr>
              }
            </tbody>
          </table>
        }
      } @else if (billing.error()) {
        <p role="alert">The payment status could not be loaded.</p>
      } @else {
        <p>Loading…</p>
      }
    </section>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { font-weight: 500; }
    dd { margin: 0; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
    .hint { color: var(--mat-sys-on-surface-variant); max-width: 640px; }
    .payments { border-collapse: collapse; }
    .payments th, .payments td { text-align: left; padding: 4px 12px 4px 0; }
  `,
})
export class ClientBillingComponent {
  private readonly api = inject(BillingService);
  private readonly session = inject(SessionService);
  private readonly notifications = inject(NotificationsService);
  private readonly dialog = inject(MatDialog);
  private readonly document = inject(DOCUMENT);
  private readonly can = inject<AbilityServiceSignal<AppAbility>>(AbilityServiceSignal).can;
  readonly clientId = input.required<string>();
  readonly clientName = input('');

  protected readonly years = taxYears();
  protected readonly taxYear = signal(defaultTaxYear());
  protected readonly statusLabels = PAYMENT_STATUS_LABELS;
  protected readonly methodLabels = PAYMENT_METHOD_LABELS;
  protected readonly money = dollars;
  protected readonly summary = billingSummary;
  protected readonly busy = signal(false);
  protected readonly hasPaidRecord = (b: ClientBilling) => b.payments.some((p) => p.status === 'paid');
  protected readonly isClient = computed(() => this.session.user()?.role === 'client');
  protected readonly canRecord = computed(() => this.can('create', 'Billing'));
  protected readonly billing = rxResource({
    params: () => ({ id: this.clientId(), year: this.taxYear() }),
    stream: ({ params }) => this.api.forClient(params.id, params.year),
  });
  protected readonly value = current(this.billing);

  /** Sends the browser to Stripe's page; Stripe sends it back to /billing/return. */
  protected pay(b: ClientBilling): void {
    this.busy.set(true);
    this.api.checkout(b.clientId, b.taxYear).subscribe({
      next: (r) => this.document.location.assign(r.url),
      error: (e: unknown) => {
        this.busy.set(false);
        this.notifications.error(describeError(e));
        this.billing.reload();
      },
    });
  }

  protected record(b: ClientBilling): void {
    this.dialog
      .open<RecordPaymentDialog, RecordPaymentData, ClientBilling>(RecordPaymentDialog, { data: { clientId: b.clientId, clientName: this.clientName(), taxYear: b.taxYear, priceUsd: b.priceUsd } })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.billing.set(updated);
        this.notifications.info(`The ${updated.taxYear} report is recorded as paid.`);
      });
  }
}
