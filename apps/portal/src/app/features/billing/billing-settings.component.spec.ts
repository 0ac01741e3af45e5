import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { BillingSettings } from '@lotline/contracts';
import { BillingSettingsComponent } from './billing-settings.component';

describe('BillingSettingsComponent', () => {
  let ctrl: HttpTestingController;

  async function render(answer: BillingSettings) {
    TestBed.configureTestingModule({ imports: [BillingSettingsComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(BillingSettingsComponent);
    fixture.detectChanges();
    await Promise.resolve();
    ctrl.expectOne('/api/billing/settings').flush(answer);
    await fixture.whenStable();
    fixture.detectChanges();
    return (fixture.nativeElement as HTMLElement).querySelector('[data-testid="stripe-status"]')?.textContent ?? '';
  }

  afterEach(() => ctrl.verify());

  it('says online payment is off and why', async () => {
    const text = await render({ reportPriceUsd: '49.00', payer: 'client', currency: 'usd', stripe: { configured: false, mode: null, reason: 'STRIPE_SECRET_KEY is not set.' } });
    expect(text).toContain('Off. STRIPE_SECRET_KEY is not set.');
  });

  it('says which Stripe mode is on', async () => {
    expect(await render({ reportPriceUsd: '49.00', payer: 'firm', currency: 'usd', stripe: { configured: true, mode: 'live', reason: null } })).toContain('live mode: real charges');
  });
});
