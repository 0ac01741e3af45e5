import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ExchangeConnectionView, ImportBatchView } from '@lotline/contracts';
import { provideAppAbility } from '../core/ability';
import { SILENT_ERRORS } from '../core/http-context';
import { ExchangesService } from './exchanges.service';
import { IMPORT_POLL_MS } from './imports.service';

const connection: ExchangeConnectionView = {
  id: 'x1',
  clientId: 'c1',
  accountId: 'a1',
  accountName: 'Kraken',
  exchange: 'kraken',
  keyHint: '1234',
  createdAt: '2026-01-01T00:00:00Z',
  lastSyncedAt: null,
  lastError: null,
  balances: { XXBT: '0.5' },
  balancesAt: '2026-01-01T00:00:00Z',
};

function batchView(patch: Partial<ImportBatchView> = {}): ImportBatchView {
  return {
    id: 'b9',
    accountId: 'a1',
    accountName: 'Kraken',
    fileName: null,
    fileSha256: null,
    format: null,
    status: 'queued',
    rowsTotal: null,
    rowsDone: 0,
    eventsAdded: 0,
    duplicatesSkipped: 0,
    issueCount: 0,
    issues: [],
    assumedTimeZone: null,
    createdAt: '2026-01-02T03:04:05Z',
    finishedAt: null,
    ...patch,
  };
}

describe('ExchangesService', () => {
  let service: ExchangesService;
  let ctrl: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    service = TestBed.inject(ExchangesService);
    ctrl = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    ctrl.verify();
  });

  it('lists the connections of a client', () => {
    let list: ExchangeConnectionView[] | undefined;
    service.connections('c/1').subscribe((l) => (list = l));
    ctrl.expectOne({ method: 'GET', url: '/api/clients/c%2F1/exchange-connections' }).flush([connection]);
    expect(list).toEqual([connection]);
  });

  it('connects with exactly the contract body, and handles its own errors (silent)', () => {
    const body = { exchange: 'kraken' as const, accountName: 'Kraken', apiKey: 'KEY-abcd1234', secret: 'c2VjcmV0' };
    service.connect('c1', body).subscribe();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/exchange-connections' });
    expect(req.request.body).toEqual(body);
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush(connection);
  });

  it('removes a connection', () => {
    let done = false;
    service.remove('c1', 'x/1').subscribe(() => (done = true));
    const req = ctrl.expectOne({ method: 'DELETE', url: '/api/clients/c1/exchange-connections/x%2F1' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
  });

  it('queues a sync, then polls its import batch until it finishes', () => {
    jest.useFakeTimers();
    const seen: string[] = [];
    let completed = false;
    service.syncAndWatch('c1', 'x1').subscribe({ next: (b) => seen.push(`${b.status} ${b.eventsAdded}/${b.duplicatesSkipped}`), complete: () => (completed = true) });
    const post = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/exchange-connections/x1/sync' });
    expect(post.request.body).toEqual({});
    post.flush({ connectionId: 'x1', batchId: 'b9', status: 'queued' }, { status: 202, statusText: 'Accepted' });
    jest.advanceTimersByTime(0);
    ctrl.expectOne({ method: 'GET', url: '/api/clients/c1/imports/b9' }).flush(batchView({ status: 'running' }));
    jest.advanceTimersByTime(IMPORT_POLL_MS);
    ctrl.expectOne('/api/clients/c1/imports/b9').flush(batchView({ status: 'succeeded', rowsTotal: 5, rowsDone: 5, eventsAdded: 3, duplicatesSkipped: 2 }));
    expect(seen).toEqual(['running 0/0', 'succeeded 3/2']);
    expect(completed).toBe(true);
    jest.advanceTimersByTime(IMPORT_POLL_MS * 10);
    ctrl.expectNone('/api/clients/c1/imports/b9');
  });

  it('does not poll when the sync is refused', () => {
    jest.useFakeTimers();
    let failed = false;
    service.syncAndWatch('c1', 'x1').subscribe({ error: () => (failed = true) });
    ctrl.expectOne('/api/clients/c1/exchange-connections/x1/sync').flush({ code: 'NOT_FOUND', message: 'Not found.' }, { status: 404, statusText: 'Not Found' });
    expect(failed).toBe(true);
    jest.advanceTimersByTime(IMPORT_POLL_MS * 3);
    ctrl.expectNone((r) => r.url.includes('/imports/'));
  });
});
