import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ClientBilling, Role } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { SessionService } from '../../core/session.service';
import { defaultTaxYear } from '../../shared/labels';
import { ClientBillingComponent } from './client-billing.component';

const year = defaultTaxYear();
const unpaid: ClientBilling = {
  clientId: 'c1',
  taxYear: year,
  priceUsd: '1249.50',
  priceSource: 'firm',
  payer: 'client',
  entitlement: { paid: false, reason: `Payment refunded on ${year + 1}-03-04.`, paymentId: 'p1' },
  canCheckout: true,
  checkoutUnavailableReason: null,
  payments: [
    { id: 'p1', taxYear: year, status: 'refunded', method: 'stripe_checkout', amountUsd: '1249.50', currency: 'usd', note: null, failureReason: null, createdAt: `${year + 1}-03-01T10:00:00Z`, createdByName: 'Cleo', paidAt: `${year + 1}-03-01T10:05:00Z`, refundedAt: `${year + 1}-03-04T10:00:00Z` },
  ],
};

describe('ClientBillingComponent', () => {
  let ctrl: HttpTestingController;

  async function render(role: Role, answer: ClientBilling) {
    TestBed.configureTestingModule({ imports: [ClientBillingComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations()] });
    ctrl = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionService).apply({
      kind: 'session',
      accessToken: 't',
      accessTokenExpiresAt: '2030-01-01T00:00:00Z',
      user: { id: 'u', email: 'u@x.test', displayName: 'U', role, firmId: 'f', firmName: 'F', clientId: role === 'client' ? 'c1' : null, twoFactorEnabled: false },
    });
    const fixture = TestBed.createComponent(ClientBillingComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.detectChanges();
    await Promise.resolve();
    fixture.detectChanges();
    ctrl.expectOne(`/api/clients/c1/billing?taxYear=${year}`).flush(answer);
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => ctrl.verify());

  it('shows a refunded report as not paid with the reason, offers the client to pay again, and no admin recording', async () => {
    const { el } = await render('client', unpaid);
    expect(el.querySelector('[data-testid="billing-status"]')?.textContent).toContain(`Not paid: Payment refunded on ${year + 1}-03-04.`);
    expect(el.querySelector('[data-testid="billing-price"]')?.textContent).toContain('$1,249.50');
    expect(el.querySelector('[data-testid="pay-button"]')?.textContent).toContain(`Pay $1,249.50 for your ${year} report`);
    expect(el.querySelector('[data-testid="record-payment"]')).toBeNull();
    expect(el.textContent).toContain('Refunded');
  });

  it('explains why online payment is unavailable and lets a firm admin record the payment', async () => {
    const { el } = await render('firm_admin', { ...unpaid, canCheckout: false, checkoutUnavailableReason: 'Online payment is not set up on this server.', payments: [], entitlement: { paid: false, reason: 'Not paid yet.', paymentId: null } });
    expect(el.querySelector('[data-testid="pay-button"]')).toBeNull();
    expect(el.querySelector('[data-testid="checkout-unavailable"]')?.textContent).toContain('Online payment is not set up on this server.');
    expect(el.querySelector('[data-testid="record-payment"]')).not.toBeNull();
  });

  it('shows Paid and hides both actions once a paid record exists', async () => {
    const paid: ClientBilling = { ...unpaid, canCheckout: false, checkoutUnavailableReason: `The ${year} report is already paid.`, entitlement: { paid: true, reason: null, paymentId: 'p2' }, payments: [{ ...unpaid.payments[0], id: 'p2', status: 'paid', method: 'comped', amountUsd: '0.00', note: 'Pro bono', refundedAt: null }] };
    const { el } = await render('firm_admin', paid);
    expect(el.querySelector('[data-testid="billing-status"]')?.textContent?.trim()).toBe('Paid');
    expect(el.querySelector('[data-testid="record-payment"]')).toBeNull();
    expect(el.querySelector('[data-testid="pay-button"]')).toBeNull();
    expect(el.textContent).toContain('Comped by the firm');
    expect(el.textContent).toContain('Pro bono');
  });
});
