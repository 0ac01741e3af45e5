import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ReconciliationSettingsView } from '@lotline/contracts';
import { ReconciliationPolicyComponent } from './reconciliation-policy.component';

const policy: ReconciliationSettingsView = {
  transferWindowHours: 72,
  transferFeeTolerance: '0.01',
  stablecoinsAsUsd: false,
  outlierThreshold: '0.25',
  blockingKinds: [],
  nonBlockingKinds: ['possible-duplicate', 'price-outlier'],
};

describe('ReconciliationPolicyComponent', () => {
  let ctrl: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({ imports: [ReconciliationPolicyComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()] });
    ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ReconciliationPolicyComponent);
    fixture.detectChanges();
    ctrl.expectOne('/api/firm/reconciliation-settings').flush(policy);
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const type = (testId: string, value: string) => {
      const input = el.querySelector(`[data-testid=${testId}]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, el, type };
  }

  afterEach(() => ctrl.verify());

  it('shows the policy and saves the edited values, fractions as decimal strings', async () => {
    const { fixture, el, type } = await render();
    expect((el.querySelector('[data-testid=window-hours]') as HTMLInputElement).value).toBe('72');
    type('window-hours', '48');
    type('fee-tolerance', '0.015');
    fixture.detectChanges();
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const req = ctrl.expectOne('/api/firm/reconciliation-settings');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ transferWindowHours: 48, transferFeeTolerance: '0.015', outlierThreshold: '0.25', stablecoinsAsUsd: false, blockingKinds: [] });
    req.flush({ ...policy, transferWindowHours: 48, transferFeeTolerance: '0.015' });
  });

  it('refuses an out-of-range window locally and shows the server’s field errors', async () => {
    const { fixture, el, type } = await render();
    type('window-hours', '721');
    fixture.detectChanges();
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    ctrl.expectNone('/api/firm/reconciliation-settings');
    type('window-hours', '24');
    type('fee-tolerance', '0.5');
    fixture.detectChanges();
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    ctrl.expectOne('/api/firm/reconciliation-settings').flush(
      { code: 'VALIDATION_FAILED', message: 'bad', details: [{ field: 'transferFeeTolerance', message: 'must be at most 0.2' }], correlationId: 'c' },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=policy-errors]')?.textContent).toContain('transferFeeTolerance: must be at most 0.2');
  });
});
