import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ExchangeConnectionView, ImportBatchView } from '@lotline/contracts';
import { of } from 'rxjs';
import { provideAppAbility } from '../../core/ability';
import { IMPORT_POLL_MS } from '../../data/imports.service';
import { ExchangeConnectionsComponent } from './exchange-connections.component';

const connection: ExchangeConnectionView = {
  id: 'x1',
  clientId: 'c1',
  accountId: 'a1',
  accountName: 'Kraken main',
  exchange: 'kraken',
  keyHint: '1234',
  createdAt: '2026-01-01T00:00:00Z',
  lastSyncedAt: null,
  lastError: null,
  balances: { ZUSD: '100.0000', XXBT: '0.5000000000', XETH: '0.0000000000' },
  balancesAt: '2026-01-01T00:00:00Z',
};

function batchView(patch: Partial<ImportBatchView> = {}): ImportBatchView {
  return {
    id: 'b9',
    accountId: 'a1',
    accountName: 'Kraken main',
    fileName: null,
    fileSha256: null,
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

describe('ExchangeConnectionsComponent', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<ExchangeConnectionsComponent>;
  let el: HTMLElement;
  let changed: number;
  const open = jest.fn();

  async function settle(): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
  }

  async function render(list: ExchangeConnectionView[], canImport = true): Promise<void> {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [ExchangeConnectionsComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations(), { provide: MatDialog, useValue: { open } }],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExchangeConnectionsComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.componentRef.setInput('canImport', canImport);
    changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    ctrl.expectOne('/api/clients/c1/exchange-connections').flush(list);
    await settle();
  }

  function button(name: string): HTMLButtonElement | undefined {
    return [...el.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
  }

  function cells(): (string | undefined)[] {
    return [...el.querySelectorAll('[data-testid=exchange-connection-row] td')].map((td) => td.textContent?.trim());
  }

  afterEach(() => {
    ctrl.verify();
    open.mockReset();
    jest.useRealTimers();
  });

  it('lists a connection with only the key hint, never anything else of the key', async () => {
    // Even if a response carried more than the contract, the table shows only the hint.
    const leaky = { ...connection, apiKey: 'FULLKEY-abcd1234', secret: 'TOPSECRET' } as ExchangeConnectionView;
    await render([leaky]);
    expect(cells().slice(0, 6)).toEqual(['Kraken', 'Kraken main', '••••1234', 'Never', '—', 'XXBT 0.5, ZUSD 100']);
    expect(el.textContent).not.toContain('FULLKEY');
    expect(el.textContent).not.toContain('TOPSECRET');
    expect(el.innerHTML).not.toContain('FULLKEY');
    expect(el.innerHTML).not.toContain('TOPSECRET');
    expect(button('Sync now')).toBeDefined();
    expect(button('Remove')).toBeDefined();
    expect(button('Connect an exchange')).toBeDefined();
  });

  it('shows the table read-only to those who may not import', async () => {
    await render([{ ...connection, lastSyncedAt: '2026-02-01T10:00:00Z', lastError: 'The key was revoked on Kraken.' }], false);
    expect(cells()).toHaveLength(6);
    expect(cells()[4]).toBe('The key was revoked on Kraken.');
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('syncs now: progress, then the new and already-known counts, and the connection and parent reload', async () => {
    await render([connection]);
    button('Sync now')?.click();
    await settle();
    ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/exchange-connections/x1/sync' }).flush({ connectionId: 'x1', batchId: 'b9', status: 'queued' }, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(el.querySelector('[data-testid=sync-progress]')?.textContent).toContain('Waiting to start');
    expect(button('Sync now')?.disabled).toBe(true);

    jest.advanceTimersByTime(0);
    ctrl.expectOne('/api/clients/c1/imports/b9').flush(batchView({ status: 'running' }));
    await settle();
    expect(el.querySelector('[data-testid=sync-progress]')?.textContent).toContain('Reading from Kraken');
    expect(el.querySelector('mat-progress-bar')).not.toBeNull();

    jest.advanceTimersByTime(IMPORT_POLL_MS);
    ctrl.expectOne('/api/clients/c1/imports/b9').flush(batchView({ status: 'succeeded', rowsTotal: 15, rowsDone: 15, eventsAdded: 12, duplicatesSkipped: 3 }));
    await settle();
    ctrl.expectOne('/api/clients/c1/exchange-connections').flush([{ ...connection, lastSyncedAt: '2026-02-01T10:00:00Z' }]);
    await settle();
    expect(el.querySelector('[data-testid=sync-outcome]')?.textContent?.trim()).toBe('12 new transactions, 3 already known');
    expect(cells()[3]).not.toBe('Never');
    expect(changed).toBe(1);
    expect(button('Sync now')?.disabled).toBe(false);
    jest.advanceTimersByTime(IMPORT_POLL_MS * 5);
    ctrl.expectNone('/api/clients/c1/imports/b9');
  });

  it("says why a sync failed (the connection's last error)", async () => {
    await render([connection]);
    button('Sync now')?.click();
    ctrl.expectOne('/api/clients/c1/exchange-connections/x1/sync').flush({ connectionId: 'x1', batchId: 'b9', status: 'queued' });
    jest.advanceTimersByTime(0);
    ctrl.expectOne('/api/clients/c1/imports/b9').flush(batchView({ status: 'failed' }));
    await settle();
    const lastError = 'This API key lacks the "Query Ledger Entries" permission on Kraken.';
    ctrl.expectOne('/api/clients/c1/exchange-connections').flush([{ ...connection, lastError }]);
    await settle();
    expect(el.querySelector('[data-testid=sync-outcome]')?.textContent).toContain(`The sync failed: ${lastError}`);
    expect(cells()[4]).toBe(lastError);
  });

  it('stops polling a sync when it is destroyed (the user leaves the page)', async () => {
    await render([connection]);
    button('Sync now')?.click();
    ctrl.expectOne('/api/clients/c1/exchange-connections/x1/sync').flush({ connectionId: 'x1', batchId: 'b9', status: 'queued' });
    jest.advanceTimersByTime(0);
    ctrl.expectOne('/api/clients/c1/imports/b9').flush(batchView({ status: 'running' }));
    fixture.destroy();
    jest.advanceTimersByTime(IMPORT_POLL_MS * 10);
    ctrl.expectNone('/api/clients/c1/imports/b9');
  });

  it('removes a connection after confirmation', async () => {
    open.mockReturnValue({ afterClosed: () => of(true) });
    await render([connection]);
    button('Remove')?.click();
    expect(open.mock.calls[0][1].data.message).toContain('key ending in 1234');
    ctrl.expectOne({ method: 'DELETE', url: '/api/clients/c1/exchange-connections/x1' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(cells()).toHaveLength(0);
    expect(el.textContent).toContain('No exchange connected');
  });

  it('keeps the connection when the removal is cancelled', async () => {
    open.mockReturnValue({ afterClosed: () => of(false) });
    await render([connection]);
    button('Remove')?.click();
    ctrl.expectNone('/api/clients/c1/exchange-connections/x1');
    expect(cells()[0]).toBe('Kraken');
  });

  it('adds a new connection from the dialog and tells the parent (a new account may exist)', async () => {
    await render([]);
    open.mockReturnValue({ afterClosed: () => of(connection) });
    button('Connect an exchange')?.click();
    await settle();
    expect(open.mock.calls[0][1].data).toEqual({ clientId: 'c1', accounts: [], connectedAccountIds: [] });
    expect(cells().slice(0, 3)).toEqual(['Kraken', 'Kraken main', '••••1234']);
    expect(changed).toBe(1);
  });
});
