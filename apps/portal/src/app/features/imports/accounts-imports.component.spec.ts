import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { Account, ImportBatchView } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { IMPORT_POLL_MS } from '../../data/imports.service';
import { AccountsImportsComponent } from './accounts-imports.component';

const account: Account = { id: 'a1', clientId: 'c1', name: 'Coinbase', kind: 'exchange', exchange: 'Coinbase', eventCount: 12, createdAt: '2026-01-01T00:00:00Z' };

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

describe('AccountsImportsComponent', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<AccountsImportsComponent>;
  let el: HTMLElement;

  async function settle(): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
  }

  async function render(): Promise<void> {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [AccountsImportsComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations()],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AccountsImportsComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    ctrl.expectOne('/api/clients/c1/accounts').flush([account]);
    ctrl.expectOne('/api/clients/c1/imports').flush([]);
    ctrl.expectOne('/api/clients/c1/exchange-connections').flush([]);
    await settle();
  }

  function button(name: string): HTMLButtonElement {
    const b = [...el.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
    if (!b) throw new Error(`no button "${name}"`);
    return b;
  }

  /** Picks a file with the keyboard-friendly file input, uploads it and follows the batch until `final`. */
  async function uploadAndFinish(final: ImportBatchView): Promise<void> {
    const input = el.querySelector('input[type=file]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['date,type\n'], 'coinbase.csv', { type: 'text/csv' })] });
    input.dispatchEvent(new Event('change'));
    await settle();
    expect(el.querySelector('[data-testid=chosen-file]')?.textContent).toContain('coinbase.csv');
    button('Upload').click();
    const post = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/imports' });
    expect((post.request.body as FormData).get('accountId')).toBe('a1'); // the only account is preselected
    post.flush(batchView(), { status: 202, statusText: 'Accepted' });
    await settle();
    expect(el.querySelector('[data-testid=chosen-file]')).toBeNull(); // ready for the next (fixed) file
    expect(el.querySelector('[data-testid=import-progress]')?.textContent).toContain('Waiting to start');

    jest.advanceTimersByTime(0);
    ctrl.expectOne('/api/clients/c1/imports/b1').flush(batchView({ status: 'running', rowsTotal: 3, rowsDone: 2 }));
    await settle();
    expect(el.querySelector('[data-testid=import-progress]')?.textContent).toContain('Imported 2 of 3 rows');
    expect(el.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('67');

    jest.advanceTimersByTime(IMPORT_POLL_MS);
    ctrl.expectOne('/api/clients/c1/imports/b1').flush(final);
    await settle();
    // Finished: the counts of the accounts and the history are fetched again, and polling stops.
    ctrl.expectOne('/api/clients/c1/accounts').flush([{ ...account, eventCount: account.eventCount + final.eventsAdded }]);
    ctrl.expectOne('/api/clients/c1/imports').flush([final]);
    await settle();
    jest.advanceTimersByTime(IMPORT_POLL_MS * 5);
    ctrl.expectNone('/api/clients/c1/imports/b1');
  }

  afterEach(() => {
    ctrl.verify();
    jest.useRealTimers();
  });

  it('lists the accounts with their kind and event count', async () => {
    await render();
    const cells = [...el.querySelectorAll('table[aria-label=Accounts] td')].map((td) => td.textContent?.trim());
    expect(cells).toEqual(['Coinbase', 'Exchange (Coinbase)', '12']);
    expect(el.textContent).toContain('No files uploaded yet.');
  });

  it('shows every problem of a failed upload with its line, column and value, and that nothing was imported', async () => {
    await render();
    const issues = [
      { file: 'coinbase.csv', line: 3, column: 'date', value: '2024-13-01', code: 'BAD_DATE', message: 'date is not a valid ISO 8601 timestamp' },
      { file: 'coinbase.csv', line: 5, column: 'sent_amount', value: '', code: 'MISSING_FIELD', message: 'sent_asset and sent_amount are required for a sell' },
      { file: 'coinbase.csv', line: 7, column: 'type', value: 'swap', code: 'UNKNOWN_TYPE', message: 'type must be one of buy, sell' },
    ];
    await uploadAndFinish(batchView({ status: 'failed', rowsTotal: 3, rowsDone: 3, issueCount: 3, issues }));
    expect(el.querySelector('[data-testid=import-outcome]')?.textContent?.trim()).toBe('Nothing was imported');
    expect(el.querySelector('[data-testid=import-result]')?.textContent).toContain('We found 3 problems in this file');
    const rows = [...el.querySelectorAll('[data-testid=import-issue]')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));
    expect(rows).toEqual([
      ['3', 'date', '2024-13-01', 'date is not a valid ISO 8601 timestamp'],
      ['5', 'sent_amount', '(empty)', 'sent_asset and sent_amount are required for a sell'],
      ['7', 'type', 'swap', 'type must be one of buy, sell'],
    ]);
    expect(el.textContent).toContain('Fix them in the file and upload it again');
  });

  it('shows the counts of a succeeded upload and adds it to the history (with the 1099-DA lines it stored)', async () => {
    await render();
    await uploadAndFinish(batchView({ status: 'succeeded', format: 'coinbase', rowsTotal: 3, rowsDone: 3, eventsAdded: 2, duplicatesSkipped: 1, formLinesAdded: 4 }));
    expect(el.querySelector('[data-testid=import-outcome]')?.textContent?.trim()).toBe('2 new transactions, 1 already imported');
    expect(el.querySelectorAll('[data-testid=import-issue]')).toHaveLength(0);
    const history = [...el.querySelectorAll('[data-testid=import-history-row] td')].map((td) => td.textContent?.trim());
    expect(history.slice(1, 10)).toEqual(['coinbase.csv', 'Coinbase', 'Coinbase transaction history', 'Imported', '3', '2', '1', '4', '0']);
    expect(history[10]).toContain('Download original');
    expect(el.querySelector('table[aria-label=Accounts] td:last-child')?.textContent?.trim()).toBe('14');
  });

  it('stops polling when it is destroyed (the user leaves the page mid-import)', async () => {
    await render();
    const input = el.querySelector('input[type=file]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'big.csv')] });
    input.dispatchEvent(new Event('change'));
    await settle();
    button('Upload').click();
    ctrl.expectOne('/api/clients/c1/imports').flush(batchView({ status: 'running', rowsTotal: 1000, rowsDone: 10 }));
    await settle();
    jest.advanceTimersByTime(0);
    ctrl.expectOne('/api/clients/c1/imports/b1').flush(batchView({ status: 'running', rowsTotal: 1000, rowsDone: 500 }));
    fixture.destroy();
    jest.advanceTimersByTime(IMPORT_POLL_MS * 10);
    ctrl.expectNone('/api/clients/c1/imports/b1');
  });

  it('takes a file dropped on the drop zone', async () => {
    await render();
    const drop = new Event('drop', { cancelable: true }) as Event & { dataTransfer: { files: File[] } };
    drop.dataTransfer = { files: [new File(['a,b\n'], 'dropped.csv', { type: 'text/csv' })] };
    el.querySelector('[data-testid=drop-zone]')?.dispatchEvent(drop);
    await settle();
    expect(drop.defaultPrevented).toBe(true); // the browser must not open the file instead
    expect(el.querySelector('[data-testid=chosen-file]')?.textContent).toContain('dropped.csv');
    expect(button('Upload').disabled).toBe(false);
  });

  it('keeps the chosen file and says why when the server refuses it (e.g. too large)', async () => {
    await render();
    const input = el.querySelector('input[type=file]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'huge.csv')] });
    input.dispatchEvent(new Event('change'));
    await settle();
    button('Upload').click();
    ctrl
      .expectOne('/api/clients/c1/imports')
      .flush({ code: 'PAYLOAD_TOO_LARGE', message: 'File too large', correlationId: 'x' }, { status: 413, statusText: 'Payload Too Large' });
    await settle();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('This file is larger than this Lotline accepts');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Split it into smaller files');
    expect(el.querySelector('[data-testid=chosen-file]')?.textContent).toContain('huge.csv');
    expect(el.querySelector('[data-testid=import-result]')).toBeNull();
  });
});
