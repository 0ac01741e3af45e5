import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { RecomputeStatusView, ResolutionView, WarningQueueResponse, WarningView } from '@lotline/contracts';
import { of } from 'rxjs';
import { provideAppAbility } from '../../core/ability';
import { RECOMPUTE_IDLE_POLL_MS, backoffMs } from '../../data/reconciliation.service';
import { WarningQueueComponent } from './warning-queue.component';

function warning(patch: Partial<WarningView> = {}): WarningView {
  return {
    id: 'missing-price:e1',
    key: 'k1',
    clientId: 'c1',
    clientName: 'Alice',
    kind: 'missing-price',
    severity: 'high',
    blocking: true,
    status: 'open',
    resolvedBy: null,
    account: 'Ledger',
    asset: 'ETH',
    at: '2024-04-01T09:00:00Z',
    eventIds: ['e1'],
    message: 'No USD price for the fee of 0.01 ETH on 2024-04-01',
    actions: ['enter-price'],
    code: null,
    suggestionCount: 0,
    ...patch,
  };
}

function queue(items: WarningView[], patch: Partial<WarningQueueResponse> = {}): WarningQueueResponse {
  return { items, total: items.length, page: 1, pageSize: 50, countsByKind: {}, openBlocking: items.filter((w) => w.blocking).length, ...patch };
}

function status(patch: Partial<RecomputeStatusView> = {}): RecomputeStatusView {
  return { clientId: 'c1', state: 'done', lastComputedAt: '2026-01-01T00:00:00Z', lastError: null, inputsHash: 'h', eventCount: 5, engineVersion: '1', openWarnings: 2, openBlocking: 2, ...patch };
}

const resolution: ResolutionView = {
  id: 'r1',
  clientId: 'c1',
  action: 'enter-price',
  payload: { action: 'enter-price', eventId: 'e1', usdValue: '30', source: 'CoinGecko' },
  warningIds: ['missing-price:e1'],
  reason: 'Entered a price',
  evidenceNote: null,
  createdBy: { id: 'p', displayName: 'Pat Preparer' },
  createdAt: '2026-01-01T00:01:00Z',
  byClient: false,
  batchId: null,
  undoneBy: null,
  undoneAt: null,
};

describe('WarningQueueComponent', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<WarningQueueComponent>;
  let el: HTMLElement;
  const open = jest.fn();

  async function settle(): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
  }

  function warningsRequest(): TestRequest {
    return ctrl.expectOne((r) => r.url === '/api/clients/c1/warnings');
  }

  async function render(first: WarningQueueResponse): Promise<void> {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [WarningQueueComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations(), provideRouter([]), { provide: MatDialog, useValue: { open } }],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WarningQueueComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    ctrl.expectOne('/api/clients/c1/recompute').flush(status());
    const req = warningsRequest();
    expect(req.request.params.get('status')).toBe('open');
    req.flush(first);
    ctrl.expectOne((r) => r.url === '/api/clients/c1/resolutions').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await settle();
  }

  function texts(selector: string): string[] {
    return [...el.querySelectorAll(selector)].map((n) => n.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  }

  afterEach(() => {
    ctrl.verify();
    jest.useRealTimers();
  });

  it('shows each warning with its severity, blocking flag and message, the open blocking count and the counts by kind', async () => {
    await render(
      queue([warning(), warning({ id: 'price-outlier:e2', key: 'k2', kind: 'price-outlier', severity: 'low', blocking: false, message: 'Far from the market' })], {
        countsByKind: { 'missing-price': 1, 'price-outlier': 1 },
      }),
    );
    expect(texts('[data-testid=open-blocking]')).toEqual(['1 open blocking warning']);
    expect(texts('[data-testid=kind-count]')).toEqual(['Missing USD price (1)', 'Price outlier (1)']);
    const rows = [...el.querySelectorAll('[data-testid=warning-row]')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()));
    expect(rows[0].slice(0, 5)).toEqual(['High · Blocking', 'Missing USD price', 'Apr 1, 2024', 'Ledger · ETH', 'No USD price for the fee of 0.01 ETH on 2024-04-01']);
    expect(rows[1][0]).toBe('Low');
  });

  it('filters by kind from the counts and goes back to the first page', async () => {
    await render(queue([warning()], { countsByKind: { 'missing-price': 3 }, total: 120 }));
    const chip = el.querySelector('[data-testid=kind-count]') as HTMLButtonElement;
    chip.click();
    await settle();
    const req = warningsRequest();
    expect(req.request.params.get('kind')).toBe('missing-price');
    expect(req.request.params.get('page')).toBe('1');
    req.flush(queue([warning()], { countsByKind: { 'missing-price': 3 } }));
    await settle();
    expect(el.querySelector('[data-testid=kind-count]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('after a resolution, follows the recompute with backoff and shows the new warnings when it is done', async () => {
    await render(queue([warning()]));
    open.mockReturnValue({ afterClosed: () => of(resolution) });
    const resolve = [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Resolve') as HTMLButtonElement;
    resolve.click();
    expect(open.mock.calls[0][1]).toEqual({ data: { clientId: 'c1', warningKey: 'k1' } });
    await settle();
    // The history shows the new record at once; the recompute is followed until done.
    ctrl.expectOne((r) => r.url === '/api/clients/c1/resolutions').flush({ items: [resolution], total: 1, page: 1, pageSize: 20 });
    ctrl.expectOne('/api/clients/c1/recompute').flush(status({ state: 'running' }));
    await settle();
    expect(el.querySelector('[data-testid=recompute-status]')?.getAttribute('data-state')).toBe('running');
    ctrl.expectNone((r) => r.url === '/api/clients/c1/warnings'); // not refreshed while the old numbers stand
    jest.advanceTimersByTime(backoffMs(0));
    ctrl.expectOne('/api/clients/c1/recompute').flush(status({ state: 'done', lastComputedAt: '2026-01-01T00:01:05Z', openBlocking: 0 }));
    await settle();
    warningsRequest().flush(queue([]));
    ctrl.expectOne((r) => r.url === '/api/clients/c1/resolutions').flush({ items: [resolution], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(texts('[data-testid=open-blocking]')).toEqual(['0 open blocking warnings']);
    expect(el.querySelectorAll('[data-testid=warning-row]')).toHaveLength(0);
    expect(texts('[data-testid=resolution-row] td').slice(1, 4)).toEqual(['Pat Preparer', 'Entered a price', 'Entered a price']);
  });

  it('picks up a recompute started elsewhere (e.g. an upload on the page) and then shows the new warnings', async () => {
    await render(queue([]));
    jest.advanceTimersByTime(RECOMPUTE_IDLE_POLL_MS - 1);
    ctrl.expectNone('/api/clients/c1/recompute');
    jest.advanceTimersByTime(1);
    ctrl.expectOne('/api/clients/c1/recompute').flush(status({ state: 'queued' }));
    await settle();
    jest.advanceTimersByTime(backoffMs(0));
    ctrl.expectOne('/api/clients/c1/recompute').flush(status({ state: 'done', lastComputedAt: '2026-01-01T00:05:00Z' }));
    await settle();
    warningsRequest().flush(queue([warning()]));
    ctrl.expectOne((r) => r.url === '/api/clients/c1/resolutions').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await settle();
    expect(el.querySelectorAll('[data-testid=warning-row]')).toHaveLength(1);
    // Nothing ran meanwhile: the next look finds it done and refreshes nothing.
    jest.advanceTimersByTime(RECOMPUTE_IDLE_POLL_MS);
    ctrl.expectOne('/api/clients/c1/recompute').flush(status({ state: 'done', lastComputedAt: '2026-01-01T00:05:00Z' }));
    await settle();
    ctrl.expectNone((r) => r.url === '/api/clients/c1/warnings');
  });
});
