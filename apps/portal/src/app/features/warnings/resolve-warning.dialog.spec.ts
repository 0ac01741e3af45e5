import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { WarningDetail } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { ResolveWarningDialog } from './resolve-warning.dialog';

function detail(patch: Partial<WarningDetail> = {}): WarningDetail {
  return {
    id: 'unmatched-withdrawal:w1',
    key: 'k1',
    clientId: 'c1',
    clientName: 'Alice',
    kind: 'unmatched-withdrawal',
    severity: 'high',
    blocking: true,
    status: 'open',
    resolvedBy: null,
    account: 'Coinbase',
    asset: 'ETH',
    at: '2024-03-01T12:00:00Z',
    eventIds: ['w1'],
    message: 'Withdrawal of 1 ETH from Coinbase has no matching deposit',
    actions: ['match-pair', 'mark-sent-to-third-party'],
    code: null,
    suggestionCount: 2,
    explanation: 'A withdrawal to one of your own accounts keeps its basis.',
    events: [
      {
        id: 'w1',
        account: 'Coinbase',
        timestamp: '2024-03-01T12:00:00Z',
        type: 'withdrawal',
        sent: { asset: 'ETH', amount: '1' },
        received: null,
        fee: null,
        usdValue: null,
        externalId: 'x',
        source: { kind: 'file', fileName: 'coinbase.csv', line: 3 },
      },
    ],
    suggestions: [
      { withdrawalId: 'w1', depositId: 'd1', asset: 'ETH', fromAccount: 'Coinbase', toAccount: 'Ledger', sent: '1', received: '1', fee: '0', confidence: 0.7817, tier: 'medium', gapMinutes: 3600, reason: '60 h apart' },
      { withdrawalId: 'w1', depositId: 'd2', asset: 'ETH', fromAccount: 'Coinbase', toAccount: 'Trezor', sent: '1', received: '0.995', fee: '0.005', confidence: 0.52, tier: 'low', gapMinutes: 4000, reason: '' },
    ],
    resolutions: [],
    ...patch,
  };
}

describe('ResolveWarningDialog', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<ResolveWarningDialog>;
  let el: HTMLElement;
  const close = jest.fn();

  async function render(w: WarningDetail): Promise<void> {
    close.mockReset();
    TestBed.configureTestingModule({
      imports: [ResolveWarningDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppAbility(),
        provideNoopAnimations(),
        { provide: MAT_DIALOG_DATA, useValue: { clientId: 'c1', warningKey: 'k1' } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResolveWarningDialog);
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    ctrl.expectOne('/api/clients/c1/warnings/k1').flush(w);
    await settle();
  }

  async function settle(): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
  }

  function submit(): void {
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  }

  afterEach(() => ctrl.verify());

  it('prices the event from the price history: quantity times the quoted price, exact, with the quote as source', async () => {
    await render(detail({ id: 'missing-price:w1', kind: 'missing-price', actions: ['enter-price'], suggestions: [], suggestionCount: 0, events: [{ ...detail().events[0], sent: { asset: 'ETH', amount: '0.123456789012345678' } }] }));
    ctrl.expectOne((r) => r.url === '/api/prices').flush({
      items: [{ id: 'p1', asset: 'ETH', at: '2024-03-01T00:00:00Z', granularity: 'day', priceUsd: '3000.5', source: 'CoinGecko daily close', createdAt: '2026-01-01T00:00:00Z' }],
      total: 1,
      page: 1,
      pageSize: 10,
    });
    await settle();
    const quote = el.querySelector('[data-testid=price-quote]') as HTMLButtonElement;
    expect(quote.textContent).toContain('$3,000.50');
    quote.click();
    fixture.detectChanges();
    expect((el.querySelector('[formcontrolname=usdValue]') as HTMLInputElement).value).toBe('370.432095431543206839');
    submit();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions' });
    expect(req.request.body.payload).toEqual({ action: 'enter-price', eventId: 'w1', usdValue: '370.432095431543206839', source: 'CoinGecko daily close, 2024-03-01 (3000.5 USD per ETH)' });
    req.flush({ id: 'r1' });
  });

  it('shows the transaction with its source row and the suggestions with their confidence; the best is picked', async () => {
    await render(detail());
    expect(el.querySelector('[data-testid=warning-event]')?.textContent).toContain('coinbase.csv line 3');
    const suggestions = [...el.querySelectorAll('[data-testid=match-suggestion]')];
    expect(suggestions.map((s) => s.textContent?.replace(/\s+/g, ' ').trim().split(' · ').slice(0, 2))).toEqual([
      ['1 ETH Coinbase → 1 ETH Ledger', '78% (medium)'],
      ['1 ETH Coinbase → 0.995 ETH Trezor', '52% (low)'],
    ]);
    expect((suggestions[0].querySelector('input[type=radio]') as HTMLInputElement).checked).toBe(true);

    submit();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions' });
    expect(req.request.body).toEqual({ payload: { action: 'match-pair', withdrawalId: 'w1', depositId: 'd1' }, warningIds: ['unmatched-withdrawal:w1'], reason: 'Matched a transfer' });
    req.flush({ id: 'r1' });
    expect(close).toHaveBeenCalledWith({ id: 'r1' });
  });

  it('categorises an inflow: the category choices and, for income, its kind', async () => {
    const inflow = { ...detail().events[0], id: 'd9', type: 'deposit', sent: null, received: { asset: 'SOL', amount: '40' } };
    await render(detail({ id: 'uncategorised-inflow:d9', kind: 'uncategorised-inflow', eventIds: ['d9'], actions: ['categorise-inflow', 'match-pair'], suggestions: [], suggestionCount: 0, events: [inflow] }));
    const group = el.querySelector('mat-radio-group[aria-label="What was this deposit"]');
    expect([...(group?.querySelectorAll('label') ?? [])].map((l) => l.textContent?.trim())).toEqual(['Income', 'A purchase', 'A transfer from another own account', 'A gift received']);
    expect(el.textContent).toContain('Income kind');
    submit();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions' });
    expect(req.request.body.payload).toEqual({ action: 'categorise-inflow', eventId: 'd9', category: { as: 'income', incomeKind: 'staking' } });
    req.flush({ id: 'r1' });
  });

  it('asks for the price before sending anything, and shows the API refusal naming the field', async () => {
    await render(detail({ id: 'missing-price:f1', kind: 'missing-price', actions: ['enter-price'], suggestions: [], suggestionCount: 0 }));
    // The price history around the event is offered (its own request; nothing picked yet).
    const prices = ctrl.expectOne((r) => r.url === '/api/prices');
    expect(prices.request.params.get('asset')).toBe('ETH');
    expect(prices.request.params.get('from')).toBe('2024-02-28T12:00:00.000Z');
    expect(prices.request.params.get('to')).toBe('2024-03-02T12:00:00.000Z');
    prices.flush({ items: [], total: 0, page: 1, pageSize: 10 });
    fixture.detectChanges();
    submit();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('The USD value must be a plain non-negative amount');
    ctrl.expectNone('/api/clients/c1/resolutions');

    const set = (name: string, value: string) => {
      const input = el.querySelector(`[formcontrolname=${name}]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('usdValue', '30.00');
    set('priceSource', 'CoinGecko daily close');
    submit();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions' });
    expect(req.request.body.payload).toEqual({ action: 'enter-price', eventId: 'w1', usdValue: '30', source: 'CoinGecko daily close' });
    req.flush(
      { code: 'VALIDATION_FAILED', message: 'payload.usdValue: a non-negative decimal string is required', correlationId: 'x' },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('payload.usdValue');
    expect(close).not.toHaveBeenCalled();
  });
});
