import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { PriceListResponse } from '@lotline/contracts';
import { PriceTableComponent } from './price-table.component';

const page: PriceListResponse = {
  items: [{ id: 'q1', asset: 'BTC', at: '2025-03-01T00:00:00.000Z', granularity: 'day', priceUsd: '61000.12345678', source: 'csv:prices.csv', createdAt: '2026-01-01T00:00:00Z' }],
  total: 1,
  page: 1,
  pageSize: 25,
};

describe('PriceTableComponent', () => {
  let ctrl: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({ imports: [PriceTableComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()] });
    ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PriceTableComponent);
    fixture.detectChanges();
    ctrl.expectOne('/api/prices?page=1&pageSize=25').flush(page);
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const choose = (name: string) => {
      const input = el.querySelector('[data-testid=price-file]') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [new File(['date,asset,price_usd\n'], name, { type: 'text/csv' })], configurable: true });
      input.dispatchEvent(new Event('change'));
    };
    return { fixture, el, choose };
  }

  afterEach(() => ctrl.verify());

  it('lists the table with exact decimal prices', async () => {
    const { el } = await render();
    const cells = [...el.querySelectorAll('[data-testid=price-row] td')].map((td) => td.textContent?.trim());
    expect(cells).toEqual(['2025-03-01', 'BTC', '61000.12345678', 'day', 'csv:prices.csv']);
  });

  it('shows every problem of a refused file by line and column', async () => {
    const { fixture, el, choose } = await render();
    choose('bad.csv');
    const req = ctrl.expectOne('/api/prices/imports');
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    req.flush(
      { code: 'VALIDATION_FAILED', message: 'bad.csv has 2 problems; nothing was stored.', details: [{ field: 'line 3, date', message: 'not a date' }, { field: 'line 4, price_usd', message: 'not a positive decimal (got "$100")' }], correlationId: 'c' },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    const errors = el.querySelector('[data-testid=price-import-errors]')?.textContent ?? '';
    expect(errors).toContain('nothing was stored');
    expect(errors).toContain('line 3, date: not a date');
    expect(errors).toContain('line 4, price_usd: not a positive decimal (got "$100")');
  });

  it('reports a stored file and reloads the list', async () => {
    const { fixture, el, choose } = await render();
    choose('prices.csv');
    ctrl.expectOne('/api/prices/imports').flush({ fileName: 'prices.csv', rows: 3, added: 2, duplicates: 1 });
    fixture.detectChanges();
    ctrl.expectOne('/api/prices?page=1&pageSize=25').flush({ ...page, total: 3 });
    expect(el.querySelector('[data-testid=price-import-result]')?.textContent).toContain('prices.csv: 3 rows, 2 new prices, 1 already in the table.');
  });
});
