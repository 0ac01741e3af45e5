import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ClientBilling } from '@lotline/contracts';
import { EMPTY, catchError, concat } from 'rxjs';
import { SessionService } from '../../core/session.service';
import { BillingService } from '../../data/billing.service';
import { billingSummary } from './billing-labels';

/**
 * Where Stripe Checkout sends the browser back (?clientId&taxYear&session_id, or &canceled=1). Stripe's webhook may
 * arrive a moment after the customer: the page asks again until the payment is settled.
 */
@Component({
  selector: 'll-billing-return-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Report payment</h1>
    @if (canceled) {
      <p data-testid="return-status">You left the payment page. Nothing was charged; you can pay later.</p>
    } @else if (value(); as b) {
      <p data-testid="return-status">{{ message(b) }}</p>
    } @else if (billing.error()) {
      <p role="alert">The payment status could not be loaded.</p>
    } @else {
      <p>Checking your payment…</p>
    }
    <p><a [routerLink]="back()">Back</a></p>
  `,
})
export class BillingReturnPage {
  private readonly api = inject(BillingService);
  private readonly session = inject(SessionService);
  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;
  private readonly clientId = this.query.get('clientId') ?? '';
  private readonly taxYear = Number(this.query.get('taxYear'));
  private readonly sessionId = this.query.get('session_id') ?? '';
  protected readonly canceled = this.query.has('canceled');

  protected readonly back = computed(() => (this.session.user()?.role === 'client' ? '/workspace' : `/clients/${this.clientId}`));
  protected readonly billing = rxResource({
    params: () => ({ id: this.clientId, year: this.taxYear, session: this.sessionId, canceled: this.canceled }),
    stream: ({ params }) => {
      if (params.canceled || !params.id || !Number.isInteger(params.year)) return EMPTY;
      // Ask the API to read the session from Stripe first; then follow until settled (the webhook may be on its way).
      const confirm = params.session ? this.api.confirm(params.id, params.year, params.session).pipe(catchError(() => EMPTY)) : EMPTY;
      return concat(confirm, this.api.watch(params.id, params.year));
    },
  });
  protected readonly value = computed(() => (this.billing.hasValue() ? this.billing.value() : undefined));

  protected message(b: ClientBilling): string {
    const last = b.payments[0];
    if (last?.status === 'pending') return 'Stripe has not confirmed the payment yet. This page updates by itself; you can also come back later.';
    if (b.entitlement.paid) return `Thank you: the ${b.taxYear} report is paid.`;
    return billingSummary(b);
  }
}
