import { dec } from '@lotline/ledger';
import { context, income, row } from '../testing/fixtures';
import { renderAuditTrailHtml, renderLotAllocationHtml } from './audit-trail-template';
import { buildAuditTrail } from './audit-trail-model';
import { buildForm8949 } from './form-8949-model';
import { renderForm8949Html, renderForm8949HtmlChunks } from './form-8949-template';
import { buildIncomeReport } from './income-model';
import { renderIncomeHtml } from './income-template';
import { sourcesOf } from './report-context';
import { buildScheduleD } from './schedule-d-model';
import { renderScheduleDHtml } from './schedule-d-template';

const rows = [
  row({ id: 's1', qty: '0.5', asset: 'ETH', proceeds: '3000', basis: '2010', formBasis: '2000', box: 'G' }),
  row({ id: 's2', qty: '0.123456789', proceeds: '12.5', basis: '20.75' }),
  row({ id: 's3', term: 'long', proceeds: '1000', basis: '250' }),
];

describe('HTML templates', () => {
  const ctx = context({ rounding: 'dollars' });
  const f8949 = buildForm8949(rows, ctx);

  it('Form 8949 (2025) snapshot', () => {
    expect(renderForm8949Html(f8949)).toMatchSnapshot();
  });

  it('Form 8949 (2024, cents, empty rows filled to 14) snapshot', () => {
    const html = renderForm8949Html(buildForm8949([row({ id: 'a', year: 2024, proceeds: '5', basis: '7.5' })], context({ taxYear: 2024, tin: undefined })));
    expect((html.match(/<tr><td><\/td>/g) ?? []).length).toBe(13);
    expect(html).toContain('<span class="check">X</span>(C)');
    expect(html).toMatchSnapshot();
  });

  it('Schedule D, income, audit trail and lot allocation snapshots', () => {
    expect(renderScheduleDHtml(buildScheduleD(f8949))).toMatchSnapshot();
    expect(renderIncomeHtml(buildIncomeReport([income('2025-01-05', 'staking', '10.5'), income('2025-02-01', 'airdrop', '3', { priced: false })], ctx))).toMatchSnapshot();
    expect(renderAuditTrailHtml(buildAuditTrail(f8949, [], sourcesOf([{ id: 's1', source: { kind: 'file', fileName: 'coinbase.csv', line: 4 } }])))).toMatchSnapshot();
    expect(renderLotAllocationHtml([{ sourceLotId: 'b1', lotId: 'b1@ledger', account: 'ledger', asset: 'BTC', quantity: dec('0.25'), costBasis: dec('7500'), dateAcquired: '2021-03-04', rule: 'global-hifo' }], ctx)).toMatchSnapshot();
  });

  it('splits the 8949 into chunk documents holding the same sheets in order', () => {
    const many = buildForm8949(Array.from({ length: 30 }, (_, i) => row({ id: `c${i}`, proceeds: '1', basis: '0' })), ctx);
    const chunks = renderForm8949HtmlChunks(many, 2);
    expect(chunks).toHaveLength(2);
    const sheetsOf = (html: string) => [...html.matchAll(/data-sheet="(\d+)"/g)].map((m) => Number(m[1]));
    expect(chunks.map(sheetsOf)).toEqual([[1, 2], [3]]);
    expect(chunks.every((c) => c.startsWith('<!DOCTYPE html>') && c.includes('@page'))).toBe(true);
    expect(renderForm8949HtmlChunks(many)).toEqual([renderForm8949Html(many)]);
  });

  it('escapes every value from data', () => {
    const evil = context({ clientName: '<script>alert(1)</script>', tin: '"><img src=x>', firmName: 'A & B' });
    const html = renderForm8949Html(buildForm8949([row({ asset: '<b>X</b>', proceeds: '1', basis: '0', account: '<i>' })], evil));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>X');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; B');
  });
});
