import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ClientBilling } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { BillingReturnPage } from './billing-return.page';

const paid: ClientBilling = {
  clientId: 'c1',
  taxYear: 2025,
  priceUsd: '49.00',
  priceSource: 'firm',
  payer: 'client',
  entitlement: { paid: true, reason: null, paymentId: 'p1' },
  canCheckout: false,
  checkoutUnavailableReason: 'The 2025 report is already paid.',
  payments: [{ id: 'p1', taxYear: 2025, status: 'paid', method: 'stripe_checkout', amountUsd: '49.00', currency: 'usd', note: null, failureReason: null, createdAt: '2026-03-02T15:00:00Z', createdByName: 'Alice', paidAt: '2026-03-02T15:01:00Z', refundedAt: null }],
};

describe('BillingReturnPage', () => {
  let ctrl: HttpTestingController;

  /** The page as Stripe's redirect opens it: the query string carries client, year and session (or canceled). */
  async function render(query: string) {
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: 'billing/return', component: BillingReturnPage }]), provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    ctrl = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/billing/return?${query}`, BillingReturnPage);
    harness.detectChanges();
    await Promise.resolve();
    harness.detectChanges();
    return { fixture: harness.fixture, el: harness.routeNativeElement as HTMLElement };
  }

  afterEach(() => ctrl.verify());

  it('asks the API to read the session from Stripe, then shows the report paid', async () => {
    const { fixture, el } = await render('clientId=c1&taxYear=2025&session_id=cs_test_9');
    const confirm = ctrl.expectOne('/api/clients/c1/billing/checkout/confirm');
    expect(confirm.request.body).toEqual({ taxYear: 2025, sessionId: 'cs_test_9' });
    confirm.flush(paid);
    await fixture.whenStable();
    fixture.detectChanges();
    ctrl.expectOne('/api/clients/c1/billing?taxYear=2025').flush(paid);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="return-status"]')?.textContent).toContain('Thank you: the 2025 report is paid.');
  });

  it('says nothing was charged when the payer canceled, without calling the API', async () => {
    const { el } = await render('clientId=c1&taxYear=2025&canceled=1');
    expect(el.querySelector('[data-testid="return-status"]')?.textContent).toContain('Nothing was charged');
  });
});
