import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ImportBatchView } from '@lotline/contracts';
import { provideAppAbility } from '../core/ability';
import { IMPORT_POLL_MS, ImportsService } from './imports.service';

function batchView(patch: Partial<ImportBatchView> = {}): ImportBatchView {
  return {
    id: 'b1',
    accountId: 'a1',
    accountName: 'Coinbase',
    fileName: 'coinbase.csv',
    fileSha256: 'ab'.repeat(32),
    format: null,
    status: 'queued',
    rowsTotal: null,
    rowsDone: 0,
    eventsAdded: 0,
    duplicatesSkipped: 0,
    formLinesAdded: 0,
    issueCount: 0,
    issues: [],
    assumedTimeZone: null,
    createdAt: '2026-01-02T03:04:05Z',
    finishedAt: null,
    ...patch,
  };
}

describe('ImportsService', () => {
  let service: ImportsService;
  let ctrl: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    service = TestBed.inject(ImportsService);
    ctrl = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    ctrl.verify();
  });

  it('uploads a multipart body with the file, the account and the format override', () => {
    const file = new File(['date,type\n'], 'kraken ledgers.csv', { type: 'text/csv' });
    let answered: ImportBatchView | undefined;
    service.upload('c/1', file, 'a1', 'kraken-ledgers').subscribe((b) => (answered = b));
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c%2F1/imports' });
    const body = req.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect([...body.keys()]).toEqual(['accountId', 'format', 'file']);
    expect(body.get('accountId')).toBe('a1');
    expect(body.get('format')).toBe('kraken-ledgers');
    const sent = body.get('file') as File;
    expect(sent.name).toBe('kraken ledgers.csv');
    expect(sent.size).toBe(file.size);
    // The browser sets the multipart boundary itself: no hand-made content type.
    expect(req.request.headers.has('Content-Type')).toBe(false);
    req.flush(batchView(), { status: 202, statusText: 'Accepted' });
    expect(answered?.status).toBe('queued');
  });

  it('leaves the format out when it is to be detected', () => {
    service.upload('c1', new File(['x'], 'a.csv'), 'a1', '').subscribe();
    const req = ctrl.expectOne('/api/clients/c1/imports');
    const body = req.request.body as FormData;
    expect(body.has('format')).toBe(false);
    expect(body.get('accountId')).toBe('a1');
    req.flush(batchView());
  });

  it('polls a batch until it finishes, then stops asking', () => {
    jest.useFakeTimers();
    const seen: string[] = [];
    let completed = false;
    service.watch('c1', 'b1').subscribe({ next: (b) => seen.push(`${b.status} ${b.rowsDone}`), complete: () => (completed = true) });
    jest.advanceTimersByTime(0);
    ctrl.expectOne('/api/clients/c1/imports/b1').flush(batchView({ status: 'running', rowsTotal: 10, rowsDone: 4 }));
    jest.advanceTimersByTime(IMPORT_POLL_MS);
    ctrl.expectOne('/api/clients/c1/imports/b1').flush(batchView({ status: 'running', rowsTotal: 10, rowsDone: 9 }));
    jest.advanceTimersByTime(IMPORT_POLL_MS);
    ctrl.expectOne('/api/clients/c1/imports/b1').flush(batchView({ status: 'succeeded', rowsTotal: 10, rowsDone: 10, eventsAdded: 10 }));
    expect(seen).toEqual(['running 4', 'running 9', 'succeeded 10']);
    expect(completed).toBe(true);
    jest.advanceTimersByTime(IMPORT_POLL_MS * 10);
    ctrl.expectNone('/api/clients/c1/imports/b1');
  });

  it('stops polling when the subscriber goes away (e.g. the component is destroyed)', () => {
    jest.useFakeTimers();
    const sub = service.watch('c1', 'b1').subscribe();
    jest.advanceTimersByTime(0);
    ctrl.expectOne('/api/clients/c1/imports/b1').flush(batchView({ status: 'running' }));
    jest.advanceTimersByTime(IMPORT_POLL_MS);
    const pending = ctrl.expectOne('/api/clients/c1/imports/b1');
    sub.unsubscribe();
    expect(pending.cancelled).toBe(true);
    jest.advanceTimersByTime(IMPORT_POLL_MS * 10);
    ctrl.expectNone('/api/clients/c1/imports/b1');
  });

  it('creates an account with the contract body', () => {
    service.createAccount('c1', { name: 'Ledger', kind: 'wallet' }).subscribe();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/accounts' });
    expect(req.request.body).toEqual({ name: 'Ledger', kind: 'wallet' });
    req.flush({ id: 'a2', clientId: 'c1', name: 'Ledger', kind: 'wallet', exchange: null, eventCount: 0, createdAt: '2026-01-01T00:00:00Z' });
  });
});
