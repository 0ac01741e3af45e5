import { dec } from '@lotline/ledger';
import { context, income, row } from '../testing/fixtures';
import { buildAuditTrail } from './audit-trail-model';
import { auditTrailCsv, capitalGainsCsv, holdingsCsv, incomeCsv, lotAllocationCsv, taxActCsv, turboTaxCsv } from './csv-exports';
import { neutraliseCell, toCsv } from './csv-writer';
import { buildForm8949 } from './form-8949-model';
import { sourcesOf } from './report-context';

const lines = (csv: string) => csv.trimEnd().split('\n');
const codeB = row({ id: 's1', qty: '0.5', asset: 'ETH', acquired: '2025-01-02', sold: '2025-03-01', proceeds: '3000', basis: '2010.125', formBasis: '2000', box: 'G', account: 'coinbase' });
const loss = row({ id: 's2', term: 'long', acquired: '2022-05-06', sold: '2025-04-07', proceeds: '100.005', basis: '150', account: '=HYPERLINK("x")' });

describe('CSV exports', () => {
  it('capital gains CSV: the CLI columns, full precision, negative numbers kept', () => {
    expect(lines(capitalGainsCsv([codeB, loss]))).toEqual([
      'description,date_acquired,date_sold,proceeds,cost_basis,adjustment_code,adjustment,gain,term,box,account',
      '0.5 ETH,2025-01-02,2025-03-01,3000,2000,B,-10.125,989.875,short,G,coinbase',
      `1 BTC,2022-05-06,2025-04-07,100.005,150,,,-49.995,long,L,"'=HYPERLINK(""x"")"`,
    ]);
  });

  it('TurboTax CSV: Currency Name, Purchase Date, Cost Basis, Date Sold, Proceeds in MM/DD/YYYY and cents', () => {
    expect(lines(turboTaxCsv([codeB, loss]))).toEqual([
      'Currency Name,Purchase Date,Cost Basis,Date Sold,Proceeds',
      // The correct basis (2010.125 -> 2010.13), so TurboTax computes the right gain without code B.
      'ETH,01/02/2025,2010.13,03/01/2025,3000.00',
      'BTC,05/06/2022,150.00,04/07/2025,100.01',
    ]);
  });

  it('TaxAct CSV: documented 1099-B columns with code B and the reporting category', () => {
    expect(lines(taxActCsv([codeB, loss, row({ id: 's3', acquired: null, lotId: null, proceeds: '1', basis: '0' })]))).toEqual([
      'Description,Date Acquired,Date Sold,Sales Proceeds,Cost or Other Basis,Adjustment Code,Adjustment Amount,Reporting Category',
      '0.5 ETH,01/02/2025,03/01/2025,3000.00,2000.00,B,-10.13,G',
      '1 BTC,05/06/2022,04/07/2025,100.01,150.00,,,L',
      '1 BTC,Various,06/30/2025,1.00,0.00,,,I',
    ]);
  });

  it('income CSV and holdings CSV (beginning = previous year end)', () => {
    expect(lines(incomeCsv([income('2025-02-03', 'staking', '12.345678')]))).toEqual(['date,asset,quantity,kind,usd_value,account', '2025-02-03,ETH,0.01,staking,12.345678,kraken']);
    const h = (taxYear: number, scopeKey: string, asset: string, q: string, b: string) => ({ taxYear, scopeKey, asset, quantity: dec(q), costBasis: dec(b), lotCount: 2 });
    expect(lines(holdingsCsv({ holdings: [h(2025, 'ledger', 'BTC', '0.5', '20000'), h(2024, '*', 'BTC', '1', '30000'), h(2023, '*', 'BTC', '9', '9')] }, 2025))).toEqual([
      'position,as_of,account,asset,quantity,cost_basis,lots',
      'beginning,2025-01-01,all accounts (universal),BTC,1,30000,2',
      'end,2025-12-31,ledger,BTC,0.5,20000,2',
    ]);
  });

  it('audit trail CSV: sheet/line, lot and every source of the chain', () => {
    const r = row({ id: 'sell9', proceeds: '10', basis: '4', lotId: 'tx1/1', chain: ['buy1', 'tx1'] });
    const trail = buildAuditTrail(buildForm8949([r], context()), [], sourcesOf([
      { id: 'sell9', source: { kind: 'api', exchange: 'kraken', recordId: 'T-9' } },
      { id: 'buy1', source: { kind: 'file', fileName: 'coinbase.csv', line: 12 } },
      { id: 'tx1', source: { kind: 'manual', enteredBy: 'jane@firm.test', note: 'moved to ledger' } },
    ]));
    expect(lines(auditTrailCsv(trail))).toEqual([
      'sheet,line,box,description,date_acquired,date_sold,proceeds,cost_basis,gain,disposal_event_id,disposal_source,lot_id,missing_basis,lot_event_ids,lot_sources',
      '1,1,I,1 BTC,2025-01-15,2025-06-30,10,4,6,sell9,kraken record T-9,tx1/1,false,buy1 tx1,acquisition: coinbase.csv line 12 | transfer: manual (jane@firm.test): moved to ledger',
    ]);
  });

  it('lot allocation CSV', () => {
    expect(lines(lotAllocationCsv([{ sourceLotId: 'b1', lotId: 'b1@ledger', account: 'ledger', asset: 'BTC', quantity: dec('0.25'), costBasis: dec('7500'), dateAcquired: '2021-03-04', rule: 'global-hifo' }]))).toEqual([
      'source_lot_id,lot_id,account,asset,quantity,cost_basis,date_acquired,rule',
      'b1,b1@ledger,ledger,BTC,0.25,7500,2021-03-04,global-hifo',
    ]);
  });
});

describe('formula injection', () => {
  it.each(['=1+1', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '-5'])('neutralises the text cell %j', (v) => {
    expect(neutraliseCell(v, 'text')).toBe(`'${v}`);
  });

  it('keeps plain negative numbers in number columns but neutralises formulas there', () => {
    expect(neutraliseCell('-12.50', 'number')).toBe('-12.50');
    expect(neutraliseCell('-1', 'number')).toBe('-1');
    expect(neutraliseCell('-1+2', 'number')).toBe("'-1+2");
    expect(neutraliseCell('=1', 'number')).toBe("'=1");
    expect(neutraliseCell('BTC', 'text')).toBe('BTC');
  });

  it('quotes cells with commas, quotes and line breaks', () => {
    const csv = toCsv([{ header: 'a', type: 'text', value: (x: string) => x }], ['x,y', 'say "hi"', 'two\nlines', '=cmd|" /C calc"!A0']);
    expect(lines(csv)).toEqual(['a', '"x,y"', '"say ""hi"""', '"two', 'lines"', `"'=cmd|"" /C calc""!A0"`]);
  });
});
