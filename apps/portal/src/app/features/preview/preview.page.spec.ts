import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { AmountTotalsView, Form8949RowView, PreviewResponse, WhatIfResponse } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { PreviewPage } from './preview.page';
import { WhatIfComponent } from './what-if.component';

const zero: AmountTotalsView = { rows: 0, proceeds: '0', costBasis: '0', adjustment: '0', gain: '0' };
const short: AmountTotalsView = { rows: 2, proceeds: '4530', costBasis: '3020', adjustment: '0', gain: '1510' };

const preview: PreviewResponse = {
  clientId: 'c1',
  taxYear: 2024,
  status: 'ready',
  method: { taxYear: 2024, method: 'fifo', origin: 'firm', chosenBy: null, chosenAt: null },
  computedAt: '2026-01-01T00:00:00Z',
  recompute: 'done',
  shortTerm: short,
  longTerm: zero,
  total: short,
  boxes: [{ ...short, box: 'C', term: 'short' }],
  income: '12.3456',
  incomeByKind: [{ kind: 'staking', usdValue: '12.3456' }],
  assets: [],
  holdings: [{ scopeKey: '*', asset: 'ETH', quantity: '0.49', costBasis: '980', lotCount: 1 }],
  openWarningsByKind: {},
  openBlocking: 0,
};

const row: Form8949RowView = {
  rowNo: 1,
  eventId: 's1',
  leg: 'principal',
  account: 'Ledger',
  asset: 'ETH',
  quantity: '1.5',
  description: '1.5 ETH',
  dateAcquired: '2024-01-10',
  dateSold: '2024-05-01',
  proceeds: '4500',
  costBasis: '3000',
  adjustmentCode: null,
  adjustment: '0',
  gain: '1500',
  term: 'short',
  box: 'C',
  lotId: 'l1',
  missingBasis: false,
};

describe('PreviewPage', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<PreviewPage>;
  let el: HTMLElement;

  async function settle(): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PreviewPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations(), provideRouter([])],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PreviewPage);
    fixture.componentRef.setInput('id', 'c1');
    fixture.componentRef.setInput('year', '2024');
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    ctrl.expectOne('/api/clients/c1/recompute').flush({ clientId: 'c1', state: 'done', lastComputedAt: null, lastError: null, inputsHash: null, eventCount: 5, engineVersion: '1', openWarnings: 0, openBlocking: 0 });
    ctrl.expectOne('/api/clients/c1/tax-years/2024/preview').flush(preview);
    await settle();
    ctrl.expectOne((r) => r.url === '/api/clients/c1/tax-years/2024/form8949').flush({ items: [row], total: 1, page: 1, pageSize: 50 });
    await settle();
  });

  afterEach(() => ctrl.verify());

  it('says it is a preview and shows the status and the totals by term as dollars', () => {
    expect(el.querySelector('[data-testid=preview-banner]')?.textContent?.trim()).toBe('Preview — final reports are available after payment');
    expect(el.querySelector('[data-testid=preview-status]')?.textContent?.trim()).toBe('Ready');
    const total = [...el.querySelectorAll('[data-testid=totals-total] td')].map((td) => td.textContent?.trim());
    expect(total).toEqual(['2', '$4,530.00', '$3,020.00', '$0.00', '$1,510.00']);
    expect(el.querySelector('[data-testid=preview-income]')?.textContent?.trim()).toBe('$12.35');
  });

  it('opens an 8949 row to its lot and source rows', async () => {
    const toggle = el.querySelector('[data-testid=f8949-row] button') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-label')).toBe('Show sources of row 1');
    toggle.click();
    fixture.detectChanges();
    ctrl.expectOne('/api/clients/c1/tax-years/2024/form8949/1').flush({
      row,
      lot: { id: 'l1', account: 'Coinbase', dateAcquired: '2024-01-10', quantity: '2', costBasis: '4000' },
      sourceEvents: [
        { id: 'b1', account: 'Coinbase', timestamp: '2024-01-10T15:00:00Z', type: 'buy', sent: { asset: 'USD', amount: '4000' }, received: { asset: 'ETH', amount: '2' }, fee: null, usdValue: '4000', externalId: null, source: { kind: 'file', fileName: 'coinbase.csv', line: 2 } },
        { id: 's1', account: 'Ledger', timestamp: '2024-05-01T10:00:00Z', type: 'sell', sent: { asset: 'ETH', amount: '1.5' }, received: { asset: 'USD', amount: '4500' }, fee: null, usdValue: '4500', externalId: null, source: { kind: 'api', exchange: 'kraken', recordId: 'L-9' } },
      ],
    });
    await settle();
    const detail = el.querySelector('[data-testid=f8949-detail]');
    expect(detail?.textContent).toContain('Lot acquired 2024-01-10 in Coinbase: 2 ETH for $4,000.00.');
    expect([...el.querySelectorAll('[data-testid=f8949-source]')].map((li) => li.textContent?.trim())).toEqual([
      '2024-01-10 buy in Coinbase — coinbase.csv line 2',
      '2024-05-01 sell in Ledger — kraken API L-9',
    ]);
  });
});

describe('WhatIfComponent', () => {
  it('compares the methods side by side and saves the one chosen', async () => {
    TestBed.configureTestingModule({ imports: [WhatIfComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    const ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(WhatIfComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.componentRef.setInput('taxYear', 2024);
    const chosen = jest.fn();
    fixture.componentInstance.chosen.subscribe(chosen);
    fixture.detectChanges();
    const t = (gain: string): AmountTotalsView => ({ ...zero, gain });
    const whatIf: WhatIfResponse = {
      taxYear: 2024,
      chosen: 'fifo',
      inputsHash: 'h',
      methods: [
        { method: 'fifo', shortTerm: t('100'), longTerm: t('0'), total: t('100'), income: '0' },
        { method: 'lifo', shortTerm: t('50'), longTerm: t('0'), total: t('50'), income: '0' },
        { method: 'hifo', shortTerm: t('-20.5'), longTerm: t('0'), total: t('-20.5'), income: '0' },
      ],
    };
    ctrl.expectOne('/api/clients/c1/tax-years/2024/what-if').flush(whatIf);
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(['fifo', 'lifo', 'hifo'].map((m) => el.querySelector(`[data-testid=whatif-total-${m}]`)?.textContent?.trim())).toEqual(['$100.00', '$50.00', '-$20.50']);
    const buttons = [...el.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Use LIFO', 'Use HIFO']); // not for the current one
    ([...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Use HIFO') as HTMLButtonElement).click();
    const put = ctrl.expectOne({ method: 'PUT', url: '/api/clients/c1/tax-years/2024/method' });
    expect(put.request.body).toEqual({ method: 'hifo' });
    const saved = { taxYear: 2024, method: 'hifo', origin: 'chosen', chosenBy: { id: 'p', displayName: 'Pat Preparer' }, chosenAt: '2026-01-02T00:00:00Z' };
    put.flush(saved);
    expect(chosen).toHaveBeenCalledWith(saved);
    ctrl.verify();
  });
});
