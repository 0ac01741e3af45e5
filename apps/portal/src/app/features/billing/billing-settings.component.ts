import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { BillingService } from '../../data/billing.service';
import { current } from '../../shared/resource';

/** Settings page: is online payment (Stripe Checkout) on, in which mode, and if not, why. Never shows a key. */
@Component({
  selector: 'll-billing-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="billing-settings-title">
      <h2 id="billing-settings-title">Online payment</h2>
      @if (value(); as s) {
        @if (s.stripe.configured) {
          <p data-testid="stripe-status">
            On: clients (or you, when the firm pays) pay each report by card through Stripe Checkout
            ({{ s.stripe.mode === 'live' ? 'live mode: real charges' : 'test mode: no real charges' }}).
          </p>
        } @else {
          <p data-testid="stripe-status">Off. {{ s.stripe.reason }}</p>
        }
        <p class="hint">The report price and who pays are set above; a client's own price is set on the client's page. A firm admin can always record a report as comped or invoiced outside Lotline.</p>
      } @else if (settings.error()) {
        <p role="alert">The payment settings could not be loaded.</p>
      }
    </section>
  `,
  styles: `.hint { color: var(--mat-sys-on-surface-variant); max-width: 640px; }`,
})
export class BillingSettingsComponent {
  private readonly api = inject(BillingService);
  protected readonly settings = rxResource({ stream: () => this.api.settings() });
  protected readonly value = current(this.settings);
}
