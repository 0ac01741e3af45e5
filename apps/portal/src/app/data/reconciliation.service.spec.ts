import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RecomputeStatusView } from '@lotline/contracts';
import { provideAppAbility } from '../core/ability';
import { RECOMPUTE_POLL_MAX_MS, RECOMPUTE_POLL_MS, ReconciliationService, STALE_ATTEMPTS, backoffMs } from './reconciliation.service';

function recomputeView(patch: Partial<RecomputeStatusView> = {}): RecomputeStatusView {
  return {
    clientId: 'c1',
    state: 'done',
    lastComputedAt: '2026-01-01T00:00:00Z',
    lastError: null,
    inputsHash: 'h',
    eventCount: 10,
    engineVersion: '1',
    openWarnings: 0,
    openBlocking: 0,
    ...patch,
  };
}

describe('ReconciliationService', () => {
  let service: ReconciliationService;
  let ctrl: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    service = TestBed.inject(ReconciliationService);
    ctrl = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    ctrl.verify();
  });

  it('asks the firm-wide queue with only the filters that are set, the client filter included', () => {
    service.warnings({ status: 'open', kind: 'missing-price', blocking: 'true', clientId: 'c 9', page: 2, pageSize: 25 }).subscribe();
    const req = ctrl.expectOne((r) => r.url === '/api/warnings');
    expect(req.request.params.keys().sort()).toEqual(['blocking', 'clientId', 'kind', 'page', 'pageSize', 'status']);
    expect(req.request.params.get('clientId')).toBe('c 9');
    expect(req.request.params.get('kind')).toBe('missing-price');
    expect(req.request.params.get('page')).toBe('2');
    req.flush({ items: [], total: 0, page: 2, pageSize: 25, countsByKind: {}, openBlocking: 0 });
  });

  it("asks one client's queue on the client's route, without a client filter", () => {
    service.warnings({ status: 'resolved', clientId: 'other' }, 'c/1').subscribe();
    const req = ctrl.expectOne((r) => r.url === '/api/clients/c%2F1/warnings');
    expect(req.request.params.keys()).toEqual(['status']);
    req.flush({ items: [], total: 0, page: 1, pageSize: 50, countsByKind: {}, openBlocking: 0 });
  });

  it('posts a resolution, an undo with its reason and the bulk actions to their routes', () => {
    const body = { payload: { action: 'enter-price', eventId: '7', usdValue: '1234.5', source: 'CoinGecko' }, warningIds: ['missing-price:7'], reason: 'r' };
    service.resolve('c1', body).subscribe();
    expect(ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions' }).request.body).toEqual(body);
    service.undo('c1', 'r/1', 'wrong pair').subscribe();
    expect(ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions/r%2F1/undo' }).request.body).toEqual({ reason: 'wrong pair' });
    service.acceptSuggestions('c1', { minConfidence: 0.6 }).subscribe();
    expect(ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions/accept-suggestions' }).request.body).toEqual({ minConfidence: 0.6 });
    service.markDust('c1', { maxUsd: '1.00' }).subscribe();
    expect(ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions/mark-dust' }).request.body).toEqual({ maxUsd: '1.00' });
  });

  it('reads the preview, the 8949 rows with their filters, a row, the what-if and saves the method per tax year', () => {
    service.preview('c1', 2024).subscribe();
    ctrl.expectOne('/api/clients/c1/tax-years/2024/preview');
    service.form8949('c1', 2024, { page: 3, pageSize: 50, term: 'long' }).subscribe();
    const rows = ctrl.expectOne((r) => r.url === '/api/clients/c1/tax-years/2024/form8949');
    expect(rows.request.params.toString()).toBe('page=3&pageSize=50&term=long');
    service.form8949Row('c1', 2024, 12).subscribe();
    ctrl.expectOne('/api/clients/c1/tax-years/2024/form8949/12');
    service.whatIf('c1', 2024).subscribe();
    ctrl.expectOne('/api/clients/c1/tax-years/2024/what-if');
    service.chooseMethod('c1', 2024, { method: 'hifo' }).subscribe();
    expect(ctrl.expectOne({ method: 'PUT', url: '/api/clients/c1/tax-years/2024/method' }).request.body).toEqual({ method: 'hifo' });
  });

  it('grows the polling wait by half each time, up to a cap', () => {
    expect([0, 1, 2, 3].map(backoffMs)).toEqual([RECOMPUTE_POLL_MS, 750, 1125, 1688]);
    expect(backoffMs(50)).toBe(RECOMPUTE_POLL_MAX_MS);
  });

  it('follows a recompute with growing waits and stops once it is done', () => {
    jest.useFakeTimers();
    const seen: string[] = [];
    let completed = false;
    service.watchRecompute('c1').subscribe({ next: (s) => seen.push(s.state), complete: () => (completed = true) });
    ctrl.expectOne('/api/clients/c1/recompute').flush(recomputeView({ state: 'queued' }));
    jest.advanceTimersByTime(backoffMs(0) - 1);
    ctrl.expectNone('/api/clients/c1/recompute'); // not before the first wait
    jest.advanceTimersByTime(1);
    ctrl.expectOne('/api/clients/c1/recompute').flush(recomputeView({ state: 'running' }));
    jest.advanceTimersByTime(backoffMs(1) - 1);
    ctrl.expectNone('/api/clients/c1/recompute'); // the second wait is longer
    jest.advanceTimersByTime(1);
    ctrl.expectOne('/api/clients/c1/recompute').flush(recomputeView({ state: 'done', lastComputedAt: '2026-01-02T00:00:00Z' }));
    expect(seen).toEqual(['queued', 'running', 'done']);
    expect(completed).toBe(true);
    jest.advanceTimersByTime(RECOMPUTE_POLL_MAX_MS * 10);
    ctrl.expectNone('/api/clients/c1/recompute');
  });

  it('after a change, does not take the previous result for the new one (asks again, a bounded number of times)', () => {
    jest.useFakeTimers();
    const seen: (string | null)[] = [];
    let completed = false;
    service.watchRecompute('c1', '2026-01-01T00:00:00Z').subscribe({ next: (s) => seen.push(s.lastComputedAt), complete: () => (completed = true) });
    ctrl.expectOne('/api/clients/c1/recompute').flush(recomputeView());
    expect(completed).toBe(false);
    jest.advanceTimersByTime(backoffMs(0));
    ctrl.expectOne('/api/clients/c1/recompute').flush(recomputeView({ lastComputedAt: '2026-01-01T00:00:05Z' }));
    expect(completed).toBe(true);
    expect(seen).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z']);

    // A change that starts no job: the unchanged answer is accepted after STALE_ATTEMPTS more questions.
    let gaveUp = false;
    service.watchRecompute('c1', '2026-01-01T00:00:00Z').subscribe({ complete: () => (gaveUp = true) });
    for (let i = 0; i <= STALE_ATTEMPTS; i++) {
      if (i > 0) jest.advanceTimersByTime(backoffMs(i - 1));
      ctrl.expectOne('/api/clients/c1/recompute').flush(recomputeView());
    }
    expect(gaveUp).toBe(true);
    jest.advanceTimersByTime(RECOMPUTE_POLL_MAX_MS * 10);
    ctrl.expectNone('/api/clients/c1/recompute');
  });

  it('stops following when unsubscribed', () => {
    jest.useFakeTimers();
    const sub = service.watchRecompute('c1').subscribe();
    ctrl.expectOne('/api/clients/c1/recompute').flush(recomputeView({ state: 'running' }));
    sub.unsubscribe();
    jest.advanceTimersByTime(RECOMPUTE_POLL_MAX_MS * 10);
    ctrl.expectNone('/api/clients/c1/recompute');
  });

  it("answers a client's question on its key", () => {
    service.answer('c1', 'ab12', { choice: 'own-account', account: 'Ledger' }).subscribe();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/questions/ab12/answer' });
    expect(req.request.body).toEqual({ choice: 'own-account', account: 'Ledger' });
    req.flush({ items: [] });
  });
});
