import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AppliedMatchView, RecomputeStatusView } from '@lotline/contracts';
import { of } from 'rxjs';
import { provideAppAbility } from '../../core/ability';
import { MatchedTransfersComponent } from './matched-transfers.component';

function match(patch: Partial<AppliedMatchView>): AppliedMatchView {
  return {
    withdrawalId: 'w1',
    depositId: 'd1',
    asset: 'BTC',
    fromAccount: 'Coinbase',
    toAccount: 'Ledger',
    sent: '1',
    received: '0.9995',
    fee: '0.0005',
    confidence: 0.97,
    tier: 'high',
    automatic: true,
    resolutionId: null,
    withdrawnAt: '2024-02-01T00:00:00Z',
    depositedAt: '2024-02-01T01:00:00Z',
    reason: 'same amount within 1 h',
    computedAt: '2026-01-01T00:00:00Z',
    ...patch,
  };
}

describe('MatchedTransfersComponent', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<MatchedTransfersComponent>;
  let el: HTMLElement;
  const auto = match({});
  const manual = match({ withdrawalId: 'w2', depositId: 'd2', asset: 'ETH', sent: '2', received: '1.99', fee: '0.01', confidence: 0.6567, tier: 'medium', automatic: false, resolutionId: 'r9' });
  const settle = async () => {
    await Promise.resolve();
    fixture.detectChanges();
  };
  const rows = () => [...el.querySelectorAll('[data-testid=match-row]')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()));
  const done: Partial<RecomputeStatusView> = { state: 'done', lastComputedAt: '2026-01-02T00:00:00Z' };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MatchedTransfersComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations(), { provide: MatDialog, useValue: { open: () => ({ afterClosed: () => of(true) }) } }],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MatchedTransfersComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    ctrl.expectOne((r) => r.url === '/api/clients/c1/matches' && !r.params.has('origin')).flush({ items: [auto, manual], total: 2, page: 1, pageSize: 20 });
    await settle();
  });
  afterEach(() => ctrl.verify());

  it('shows automatic and manual matches with tier, confidence, amounts and accounts; filters by origin', async () => {
    const [a, m] = rows();
    expect(a.slice(0, 3)).toEqual(['Automatic', 'BTC: Coinbase → Ledger', '1 / 0.9995 (0.0005)']);
    expect(a[4]).toBe('high (97%)');
    expect(m.slice(0, 3)).toEqual(['Manual', 'ETH: Coinbase → Ledger', '2 / 1.99 (0.01)']);
    expect(m[4]).toBe('medium (66%)');
    expect(el.querySelectorAll('button[aria-label^="Undo match"]')).toHaveLength(2);

    ([...el.querySelectorAll('mat-button-toggle button')].find((b) => b.textContent?.includes('Manual')) as HTMLButtonElement).click();
    await settle();
    const req = ctrl.expectOne((r) => r.url === '/api/clients/c1/matches');
    expect(req.request.params.get('origin')).toBe('manual');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ items: [manual], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(rows().map((r) => r[0])).toEqual(['Manual']);
  });

  it('undoes an automatic match with an unmatch resolution, then follows the recompute and reloads', async () => {
    (el.querySelector('button[aria-label="Undo match BTC Coinbase to Ledger"]') as HTMLButtonElement).click();
    const post = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions' });
    expect(post.request.body).toEqual({ payload: { action: 'unmatch', withdrawalId: 'w1', depositId: 'd1' }, warningIds: [], reason: 'Undo of the automatic BTC transfer match' });
    post.flush({ id: 'r10', action: 'unmatch' });
    await settle();
    expect(rows()[0][5]).toBe('Undone, recalculating…');
    ctrl.expectOne({ method: 'GET', url: '/api/clients/c1/recompute' }).flush(done);
    await settle();
    ctrl.expectOne((r) => r.url === '/api/clients/c1/matches').flush({ items: [manual], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(rows().map((r) => r[1])).toEqual(['ETH: Coinbase → Ledger']);
  });

  it('undoes a manual match by undoing the resolution that made it', async () => {
    (el.querySelector('button[aria-label="Undo match ETH Coinbase to Ledger"]') as HTMLButtonElement).click();
    const post = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions/r9/undo' });
    expect(post.request.body).toEqual({ reason: 'Undo of the ETH transfer match' });
    post.flush({ id: 'r11', action: 'undo' });
    await settle();
    ctrl.expectOne({ method: 'GET', url: '/api/clients/c1/recompute' }).flush(done);
    await settle();
    ctrl.expectOne((r) => r.url === '/api/clients/c1/matches').flush({ items: [auto], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(rows().map((r) => r[0])).toEqual(['Automatic']);
  });
});
