import { dec, toWire, type LedgerEvent } from '@lotline/ledger';
import { computeTaxes } from '@lotline/tax-engine';
import { context } from '../testing/fixtures';
import { buildAuditTrail } from './audit-trail-model';
import { auditTrailCsv, capitalGainsCsv, taxActCsv } from './csv-exports';
import { buildForm8949 } from './form-8949-model';
import { buildIncomeReport } from './income-model';
import { sourcesOf } from './report-context';
import { buildScheduleD } from './schedule-d-model';

const file = (line: number) => ({ kind: 'file' as const, fileName: 'coinbase.csv', line });
const events: LedgerEvent[] = [
  { id: 'b1', account: 'coinbase', timestamp: '2025-01-02T15:00:00.000Z', type: 'buy', sent: { asset: 'USD', amount: dec('4000') }, received: { asset: 'ETH', amount: dec('2') }, fee: { asset: 'USD', amount: dec('20') }, source: file(2) },
  { id: 's1', account: 'coinbase', timestamp: '2025-03-01T15:00:00.000Z', type: 'sell', sent: { asset: 'ETH', amount: dec('1') }, received: { asset: 'USD', amount: dec('3000') }, source: file(3) },
  { id: 's2', account: 'coinbase', timestamp: '2025-03-02T15:00:00.000Z', type: 'sell', sent: { asset: 'ETH', amount: dec('1') }, received: { asset: 'USD', amount: dec('3100') }, source: { kind: 'api', exchange: 'kraken', recordId: 'T-2' } },
  { id: 'i1', account: 'coinbase', timestamp: '2025-04-01T15:00:00.000Z', type: 'income', incomeKind: 'staking', received: { asset: 'ETH', amount: dec('0.1') }, usdValue: dec('300.4'), source: file(5) },
];

describe('engine result -> forms (golden, hand-checked)', () => {
  // Basis of each ETH: (4000 + 20) / 2 = 2010. s1: 1099-DA reported basis 2000 -> box G, code B, (g) = -10, gain 990.
  // s2: no 1099-DA -> box I, gain 3100 - 2010 = 1090. Staking income 300.40 -> Schedule 1 line 8v.
  const result = computeTaxes({
    events,
    brokerLines: [{ eventId: 's1', form: '1099-DA', basisReported: true, proceeds: dec('3000'), costBasis: dec('2000') }],
    settings: { timeZone: 'America/New_York', defaultMethod: 'fifo', scope: 'rev-proc-2024-28', transferFee: 'dispose' },
  });
  const ctx = context({ rounding: 'dollars' });
  const f8949 = buildForm8949(result.disposals, ctx);

  it('Form 8949 and Schedule D', () => {
    expect(f8949.pages.map((p) => [p.box, p.lines.map((l) => [l.description, l.dateAcquired, l.dateSold, toWire(l.proceeds), toWire(l.costBasis), l.code, l.adjustment && toWire(l.adjustment), toWire(l.gain)])])).toEqual([
      ['G', [['1 ETH', '01/02/2025', '03/01/2025', '3000', '2000', 'B', '-10', '990']]],
      ['I', [['1 ETH', '01/02/2025', '03/02/2025', '3100', '2010', '', null, '1090']]],
    ]);
    const sd = Object.fromEntries(buildScheduleD(f8949).lines.map((l) => [l.line, toWire(l.totals.gain)]));
    expect([sd['1b'], sd['3'], sd['7'], sd['15'], sd['16']]).toEqual(['990', '1090', '2080', '0', '2080']);
  });

  it('audit trail and exports point back to the source rows', () => {
    const csv = auditTrailCsv(buildAuditTrail(f8949, result.lots, sourcesOf(events))).trimEnd().split('\n');
    expect(csv.slice(1).map((l) => l.split(',').slice(9).join(','))).toEqual([
      's1,coinbase.csv line 3,b1,false,b1,acquisition: coinbase.csv line 2',
      's2,kraken record T-2,b1,false,b1,acquisition: coinbase.csv line 2',
    ]);
    expect(capitalGainsCsv(result.disposals).split('\n')[1]).toBe('1 ETH,2025-01-02,2025-03-01,3000,2000,B,-10,990,short,G,coinbase');
    expect(taxActCsv(result.disposals).split('\n')[2]).toBe('1 ETH,01/02/2025,03/02/2025,3100.00,2010.00,,,I');
  });

  it('income report', () => {
    const m = buildIncomeReport(result.income, ctx);
    expect(m.lines.map((l) => [l.line, toWire(l.usdValue)])).toEqual([['Schedule 1, line 8v', '300.4']]);
    expect(m.byMonth.map((x) => x.month)).toEqual(['2025-04']);
  });
});
