import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ClientBilling, PaymentView } from '@lotline/contracts';
import { SILENT_ERRORS } from '../core/http-context';
import { BillingService } from './billing.service';

function payment(patch: Partial<PaymentView> = {}): PaymentView {
  return {
    id: 'p1',
    taxYear: 2025,
    status: 'pending',
    method: 'stripe_checkout',
    amountUsd: '49.00',
    currency: 'usd',
    note: null,
    failureReason: null,
    createdAt: '2026-03-02T15:00:00.000Z',
    createdByName: 'Cleo',
    paidAt: null,
    refundedAt: null,
    ...patch,
  };
}

function billing(payments: PaymentView[], paid = false): ClientBilling {
  return {
    clientId: 'c 1',
    taxYear: 2025,
    priceUsd: '49.00',
    priceSource: 'firm',
    payer: 'client',
    entitlement: { paid, reason: paid ? null : 'Not paid yet.', paymentId: paid ? 'p1' : null },
    canCheckout: !paid,
    checkoutUnavailableReason: null,
    payments,
  };
}

describe('BillingService', () => {
  let service: BillingService;
  let ctrl: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(BillingService);
    ctrl = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    ctrl.verify();
  });

  it('reads the firm settings and a client year, escaping the id and sending the year as a query parameter', () => {
    service.settings().subscribe();
    ctrl.expectOne('/api/billing/settings').flush({ reportPriceUsd: '49.00', payer: 'client', currency: 'usd', stripe: { configured: false, mode: null, reason: 'off' } });
    let got: ClientBilling | undefined;
    service.forClient('c 1', 2024).subscribe((b) => (got = b));
    const req = ctrl.expectOne((r) => r.url === '/api/clients/c%201/billing');
    expect(req.request.params.get('taxYear')).toBe('2024');
    req.flush(billing([]));
    expect(got?.priceUsd).toBe('49.00');
  });

  it('starts a checkout with the tax year and leaves its errors to the caller', () => {
    let url = '';
    service.checkout('c1', 2025).subscribe((r) => (url = r.url));
    const req = ctrl.expectOne('/api/clients/c1/billing/checkout');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ taxYear: 2025 });
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush({ url: 'https://checkout.stripe.com/c/pay/cs_1', paymentId: 'p1' });
    expect(url).toBe('https://checkout.stripe.com/c/pay/cs_1');
  });

  it('confirms a checkout on return with the year and the session id (silent)', () => {
    service.confirm('c1', 2025, 'cs_test_1').subscribe();
    const req = ctrl.expectOne('/api/clients/c1/billing/checkout/confirm');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ taxYear: 2025, sessionId: 'cs_test_1' });
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush(billing([payment({ status: 'paid' })], true));
  });

  it('records a firm payment with method and note (silent: the dialog shows refusals)', () => {
    let error: unknown;
    service.record('c1', { taxYear: 2025, method: 'comped', note: 'Pro bono' }).subscribe({ error: (e) => (error = e) });
    const req = ctrl.expectOne('/api/clients/c1/billing/payments');
    expect(req.request.body).toEqual({ taxYear: 2025, method: 'comped', note: 'Pro bono' });
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush({ code: 'CONFLICT', message: 'The 2025 report is already paid.', correlationId: 'x' }, { status: 409, statusText: 'Conflict' });
    expect(error).toBeTruthy();
  });

  it('watches a pending payment until Stripe confirms it, then stops asking', () => {
    jest.useFakeTimers();
    const seen: string[] = [];
    let done = false;
    service.watch('c1', 2025, 1000).subscribe({ next: (b) => seen.push(b.payments[0]?.status ?? 'none'), complete: () => (done = true) });
    jest.advanceTimersByTime(0);
    ctrl.expectOne((r) => r.url === '/api/clients/c1/billing').flush(billing([payment()]));
    jest.advanceTimersByTime(1000);
    ctrl.expectOne((r) => r.url === '/api/clients/c1/billing').flush(billing([payment({ status: 'paid', paidAt: '2026-03-02T15:01:00.000Z' })], true));
    jest.advanceTimersByTime(5000);
    ctrl.expectNone((r) => r.url === '/api/clients/c1/billing');
    expect(seen).toEqual(['pending', 'paid']);
    expect(done).toBe(true);
  });

  it('gives up watching after the limit while the payment stays pending', () => {
    jest.useFakeTimers();
    let count = 0;
    let done = false;
    service.watch('c1', 2025, 1000, 3).subscribe({ next: () => count++, complete: () => (done = true) });
    for (let i = 0; i < 3; i++) {
      jest.advanceTimersByTime(i === 0 ? 0 : 1000);
      ctrl.expectOne((r) => r.url === '/api/clients/c1/billing').flush(billing([payment()]));
    }
    jest.advanceTimersByTime(5000);
    ctrl.expectNone((r) => r.url === '/api/clients/c1/billing');
    expect(count).toBe(3);
    expect(done).toBe(true);
  });
});
