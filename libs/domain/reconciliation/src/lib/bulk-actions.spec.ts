import { dec, type LedgerEvent } from '@lotline/ledger';
import { acceptSuggestions, dustResolutions } from './bulk-actions';
import { reconcile } from './reconcile';

const src = (line: number) => ({ kind: 'file' as const, fileName: 'x.csv', line });
const events: LedgerEvent[] = [
  // A pair 72 h apart (confidence 0.74: a suggestion) and one 60 h apart (0.99 - 0.25 x 60/72 = 0.7817).
  { id: 'w1', account: 'A', timestamp: '2024-05-01T00:00:00.000Z', type: 'withdrawal', sent: { asset: 'SOL', amount: dec('2') }, source: src(2) },
  { id: 'd1', account: 'B', timestamp: '2024-05-04T00:00:00.000Z', type: 'deposit', received: { asset: 'SOL', amount: dec('2') }, usdValue: dec('300'), source: src(3) },
  { id: 'w2', account: 'A', timestamp: '2024-06-01T00:00:00.000Z', type: 'withdrawal', sent: { asset: 'SOL', amount: dec('5') }, source: src(4) },
  { id: 'd2', account: 'B', timestamp: '2024-06-03T12:00:00.000Z', type: 'deposit', received: { asset: 'SOL', amount: dec('5') }, usdValue: dec('800'), source: src(5) },
  // Dust: a deposit worth 0.40 USD from nowhere, and one worth 12 USD.
  { id: 'd3', account: 'B', timestamp: '2024-07-01T00:00:00.000Z', type: 'deposit', received: { asset: 'SHIB', amount: dec('20000') }, usdValue: dec('0.40'), source: src(6) },
  { id: 'd4', account: 'B', timestamp: '2024-07-02T00:00:00.000Z', type: 'deposit', received: { asset: 'SHIB', amount: dec('600000') }, usdValue: dec('12'), source: src(7) },
];
const meta = { batchId: 'bulk-1', who: 'preparer@firm.test', at: '2026-02-01T00:00:00.000Z', reason: 'bulk' };

describe('bulk actions', () => {
  it('accepts the suggestions at or above a confidence, which then become manual matches', () => {
    const before = reconcile({ events, settings: { timeZone: 'UTC' } });
    expect(before.suggestions.map((s) => [s.id, s.confidence])).toEqual([['w1>d1', 0.74], ['w2>d2', 0.7817]]);
    const records = acceptSuggestions(before, 0.75, meta);
    expect(records.map((r) => r.id)).toEqual(['bulk-1:w2>d2']);
    const after = reconcile({ events, settings: { timeZone: 'UTC' }, resolutions: records });
    expect(after.matches.map((m) => [m.id, m.origin])).toEqual([['w2>d2', 'manual']]);
    expect(after.suggestions.map((s) => s.id)).toEqual(['w1>d1']);
  });

  it('marks the warnings of dust below the threshold as explained, and only those', () => {
    const before = reconcile({ events, settings: { timeZone: 'UTC' } });
    const records = dustResolutions(before, dec('1'), meta);
    expect(records.map((r) => r.payload)).toEqual([{ action: 'explain', warningId: 'uncategorised-inflow:d3' }]);
    const after = reconcile({ events, settings: { timeZone: 'UTC' }, resolutions: records });
    expect(after.warnings.filter((w) => w.status === 'resolved').map((w) => w.id)).toEqual(['uncategorised-inflow:d3']);
    expect(after.warnings.find((w) => w.id === 'uncategorised-inflow:d4')?.status).toBe('open');
  });
});
