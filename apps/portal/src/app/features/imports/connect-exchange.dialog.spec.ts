import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { EXCHANGE_IDS, type Account, type ExchangeConnectionView } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { ConnectExchangeDialog, type ConnectExchangeData } from './connect-exchange.dialog';
import { EXCHANGE_CHOICES } from './exchange-labels';

const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
const krakenAccount: Account = { id: 'a1', clientId: 'c1', name: 'Kraken main', kind: 'exchange', exchange: 'kraken', eventCount: 0, createdAt: '2026-01-01T00:00:00Z' };
const connection: ExchangeConnectionView = {
  id: 'x1',
  clientId: 'c1',
  accountId: 'a9',
  accountName: 'Kraken',
  exchange: 'kraken',
  keyHint: '1234',
  createdAt: '2026-01-01T00:00:00Z',
  lastSyncedAt: null,
  lastError: null,
  balances: {},
  balancesAt: '2026-01-01T00:00:00Z',
};

describe('ConnectExchangeDialog', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<ConnectExchangeDialog>;
  let el: HTMLElement;
  const close = jest.fn();

  async function render(data: Partial<ConnectExchangeData> = {}): Promise<void> {
    TestBed.configureTestingModule({
      imports: [ConnectExchangeDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppAbility(),
        provideNoopAnimations(),
        { provide: MAT_DIALOG_DATA, useValue: { clientId: 'c1', accounts: [], connectedAccountIds: [], ...data } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConnectExchangeDialog);
    await fixture.whenStable();
    el = fixture.nativeElement as HTMLElement;
  }

  function field(name: string): HTMLInputElement {
    const input = el.querySelector(`input[formcontrolname=${name}], textarea[formcontrolname=${name}]`);
    if (!input) throw new Error(`no field ${name}`);
    return input as HTMLInputElement;
  }

  function type(name: string, value: string): void {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  afterEach(() => {
    ctrl.verify();
    close.mockReset();
  });

  it('offers the exchanges of the contract, says how keys are handled, and hides the secret as typed', async () => {
    await render();
    expect(EXCHANGE_CHOICES.map((e) => e.id)).toEqual([...EXCHANGE_IDS]);
    expect(el.querySelector('mat-select[formcontrolname=exchange]')?.textContent).toContain('Kraken');
    const note = el.querySelector('[data-testid=key-note]')?.textContent ?? '';
    expect(note).toContain('read-only');
    expect(note).toContain('encrypted');
    expect(note).toContain('never shows it again');
    expect(field('secret').type).toBe('password');
    // Kraken issues no passphrase, so none is asked for.
    expect(el.querySelector('input[formcontrolname=passphrase]')).toBeNull();
    // No other account to choose: a new one is named.
    expect(el.querySelector('mat-radio-group')).toBeNull();
  });

  it('connects a new account with the contract body, then clears the form and closes with the connection', async () => {
    await render();
    type('accountName', '  Kraken  ');
    type('apiKey', ' KEY-abcd1234 ');
    type('secret', SECRET);
    await submit();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/exchange-connections' });
    expect(req.request.body).toEqual({ exchange: 'kraken', accountName: 'Kraken', apiKey: 'KEY-abcd1234', secret: SECRET });
    req.flush(connection);
    await fixture.whenStable();
    expect(close).toHaveBeenCalledWith(connection);
    expect(field('secret').value).toBe('');
    expect(field('apiKey').value).toBe('');
    expect(el.innerHTML).not.toContain(SECRET);
  });

  it("shows the API's refusal inside the dialog, stays open, and does not keep the secret", async () => {
    await render();
    type('accountName', 'Kraken');
    type('apiKey', 'KEY-abcd1234');
    type('secret', SECRET);
    await submit();
    const message = 'This API key lacks the "Query Ledger Entries" permission on Kraken. Edit the key on Kraken and try again.';
    ctrl
      .expectOne('/api/clients/c1/exchange-connections')
      .flush({ code: 'VALIDATION_FAILED', message, correlationId: 'x' }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(message);
    expect(close).not.toHaveBeenCalled();
    expect(field('secret').value).toBe('');
    expect(field('apiKey').value).toBe('KEY-abcd1234');
    expect((el.querySelector('button[type=submit]') as HTMLButtonElement).disabled).toBe(false);
    // The secret must be typed again before another try.
    await submit();
    ctrl.expectNone('/api/clients/c1/exchange-connections');
  });

  it('connects an existing exchange account that has no connection yet', async () => {
    const taken: Account = { ...krakenAccount, id: 'a2', name: 'Kraken old' };
    const wallet: Account = { ...krakenAccount, id: 'a3', name: 'Ledger', kind: 'wallet', exchange: null };
    await render({ accounts: [krakenAccount, taken, wallet], connectedAccountIds: ['a2'] });
    (el.querySelector('mat-radio-button[value=existing] input') as HTMLInputElement).click();
    await fixture.whenStable();
    expect(el.querySelector('input[formcontrolname=accountName]')).toBeNull();
    expect(el.querySelector('mat-select[formcontrolname=accountId]')?.textContent).toContain('Kraken main');
    type('apiKey', 'KEY-abcd1234');
    type('secret', SECRET);
    await submit();
    const req = ctrl.expectOne('/api/clients/c1/exchange-connections');
    expect(req.request.body).toEqual({ exchange: 'kraken', accountId: 'a1', apiKey: 'KEY-abcd1234', secret: SECRET });
    req.flush({ ...connection, accountId: 'a1', accountName: 'Kraken main' });
  });

  async function choose(exchange: string): Promise<void> {
    (fixture.componentInstance as unknown as { form: { controls: { exchange: { setValue(v: string): void } } } }).form.controls.exchange.setValue(exchange);
    fixture.detectChanges();
    await fixture.whenStable();
  }
  const label = (name: string) => field(name).closest('mat-form-field')?.querySelector('mat-label')?.textContent?.trim();

  it('asks Coinbase for the CDP key name and the whole PEM private key (a text area), sends it intact, and clears it after a refusal', async () => {
    await render();
    await choose('coinbase');
    expect(label('apiKey')).toBe('API key name');
    expect(label('secret')).toBe('Private key');
    expect(field('secret').tagName).toBe('TEXTAREA');
    expect(el.querySelector('[data-testid=key-help]')?.textContent).toContain('organizations/');
    expect(el.querySelector('[data-testid=key-note]')?.textContent).toContain('Coinbase: View');
    const pem = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSkLxBbB6tz2cyBQ2hmB0Vb0pTDo7pNoAoGCCqGSM49\nAwEHoUQDQgAEm2hXf3ZJ1bCt8B7kAF7qF0gQm7l0sbUKOA==\n-----END EC PRIVATE KEY-----\n';
    type('accountName', 'Coinbase');
    type('apiKey', 'organizations/org-1/apiKeys/key-1');
    type('secret', pem);
    await submit();
    const req = ctrl.expectOne('/api/clients/c1/exchange-connections');
    expect(req.request.body).toEqual({ exchange: 'coinbase', accountName: 'Coinbase', apiKey: 'organizations/org-1/apiKeys/key-1', secret: pem.trim() });
    req.flush({ code: 'VALIDATION_FAILED', message: 'The exchange rejected these API keys.', correlationId: 'x' }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(field('secret').value).toBe('');
    expect(el.innerHTML).not.toContain('MHcCAQEEIBkg4LVWM9nuwNSkLxBbB6tz2cyBQ2hmB0Vb0pTDo7pNoAoGCCqGSM49');
  });

  it('asks Gemini for an account key and its API secret (hidden as typed) and names the Auditor role', async () => {
    await render();
    await choose('gemini');
    expect(label('apiKey')).toBe('API key');
    expect(label('secret')).toBe('API secret');
    expect(field('secret').type).toBe('password');
    expect(el.querySelector('[data-testid=key-help]')?.textContent).toContain('account-');
    expect(el.querySelector('[data-testid=key-note]')?.textContent).toContain('Gemini: the Auditor role');
    type('accountName', 'Gemini');
    type('apiKey', 'account-abcd1234');
    type('secret', 'has a space');
    await submit();
    ctrl.expectNone('/api/clients/c1/exchange-connections');
  });
});
