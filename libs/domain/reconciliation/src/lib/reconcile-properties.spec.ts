import fc from 'fast-check';
import { Decimal, type LedgerEvent } from '@lotline/ledger';
import { maxWeightAssignment, hungarian, type Edge } from './assignment';
import { reconcile } from './reconcile';
import type { Resolution, ResolutionPayload } from './types';

const ACCOUNTS = ['A', 'B', 'C'];
const BASE = Date.UTC(2024, 0, 1);

/** Random withdrawals and deposits of one or two assets, close in time, some with shared hashes. */
const ledgerArb = fc
  .array(
    fc.record({
      type: fc.constantFrom<'withdrawal' | 'deposit'>('withdrawal', 'deposit'),
      account: fc.constantFrom(...ACCOUNTS),
      hours: fc.integer({ min: 0, max: 200 }),
      units: fc.integer({ min: 990, max: 1000 }),
      asset: fc.constantFrom('BTC', 'ETH'),
      hash: fc.option(fc.constantFrom('h1', 'h2', 'h3'), { nil: undefined }),
    }),
    { maxLength: 30 },
  )
  .map((rows) =>
    rows.map((r, i): LedgerEvent => {
      const amount = { asset: r.asset, amount: new Decimal(r.units).div(1000) };
      return {
        id: `e${i}`,
        account: r.account,
        timestamp: new Date(BASE + r.hours * 3_600_000).toISOString(),
        type: r.type,
        ...(r.type === 'withdrawal' ? { sent: amount } : { received: amount, usdValue: new Decimal(r.units) }),
        ...(r.hash === undefined ? {} : { externalId: r.hash }),
        source: { kind: 'file', fileName: `${r.account}.csv`, line: i + 2 },
      };
    }),
  );

describe('reconciliation properties', () => {
  it('matching never uses an event twice, and every transfer keeps both source ids', () => {
    fc.assert(
      fc.property(ledgerArb, (events) => {
        const r = reconcile({ events, settings: { timeZone: 'UTC' } });
        const used = [...r.matches, ...r.suggestions].flatMap((m) => [m.withdrawalId, m.depositId]);
        expect(new Set(used).size).toBe(used.length);
        for (const m of r.matches) {
          expect(m.received.lte(m.sent)).toBe(true);
          expect(r.provenance.get(m.id)?.sourceEventIds).toEqual([m.withdrawalId, m.depositId]);
        }
        // Conservation: every input event is either still there or inside exactly one transfer.
        expect(r.events.length + r.matches.length).toBe(events.length);
      }),
    );
  });

  it('applying a resolution and then undoing it is the identity', () => {
    const payloadArb = (events: readonly LedgerEvent[]): fc.Arbitrary<ResolutionPayload> => {
      const ids = events.map((e) => e.id);
      const id = fc.constantFrom(...ids);
      return fc.oneof(
        fc.record({ action: fc.constant('match-pair' as const), withdrawalId: id, depositId: id }),
        fc.record({ action: fc.constant('unmatch' as const), withdrawalId: id, depositId: id }),
        fc.record({ action: fc.constant('mark-sent-to-third-party' as const), eventId: id, as: fc.constantFrom<'gift' | 'disposal'>('gift', 'disposal') }),
        fc.record({ action: fc.constant('categorise-inflow' as const), eventId: id, category: fc.constant({ as: 'gift-received' as const }) }),
        fc.record({ action: fc.constant('merge-duplicates' as const), keepEventId: id, dropEventIds: fc.array(id, { maxLength: 2 }) }),
        fc.record({ action: fc.constant('enter-price' as const), eventId: id, usdValue: fc.integer({ min: 1, max: 9 }).map((n) => new Decimal(n)), source: fc.constant('manual') }),
        fc.record({ action: fc.constant('map-asset' as const), from: fc.constant('ETH'), to: fc.constant('WETH') }),
      );
    };
    const caseArb = ledgerArb.filter((e) => e.length > 0).chain((events) => fc.tuple(fc.constant(events), fc.array(payloadArb(events), { minLength: 1, maxLength: 4 })));
    fc.assert(
      fc.property(caseArb, ([events, payloads]) => {
        const base: Resolution[] = payloads.slice(1).map((payload, i) => ({ id: `r${i + 1}`, payload, warningIds: [], who: 'p', at: `2026-01-01T00:00:0${i}Z`, reason: 'x' }));
        const extra: Resolution = { id: 'r0', payload: payloads[0], warningIds: ['w'], who: 'p', at: '2026-01-02T00:00:00Z', reason: 'x' };
        const undo: Resolution = { id: 'u0', payload: { action: 'undo', resolutionId: 'r0' }, warningIds: [], who: 'p', at: '2026-01-03T00:00:00Z', reason: 'x' };
        const text = (rs: Resolution[]) => {
          const r = reconcile({ events, settings: { timeZone: 'UTC' }, resolutions: rs });
          return JSON.stringify([r.events, r.matches, r.suggestions, r.warnings, [...r.resolvedWarningIds]]);
        };
        expect(text([...base, extra, undo])).toBe(text(base));
      }),
    );
  });

  it('the assignment is one-to-one and reaches the exhaustive optimum (Hungarian per component)', () => {
    const edgesArb = fc.array(fc.record({ row: fc.integer({ min: 0, max: 5 }), col: fc.integer({ min: 0, max: 5 }), weight: fc.integer({ min: 1, max: 100 }) }), { maxLength: 20 });
    fc.assert(
      fc.property(edgesArb, (raw) => {
        const seen = new Set<string>();
        const edges: Edge[] = raw.filter((e) => !seen.has(`${e.row},${e.col}`) && seen.add(`${e.row},${e.col}`) !== undefined);
        const total = (es: readonly Edge[]) => es.reduce((s, e) => s + e.weight, 0);
        const chosen = maxWeightAssignment(6, 6, edges);
        expect(new Set(chosen.map((e) => e.row)).size).toBe(chosen.length);
        expect(new Set(chosen.map((e) => e.col)).size).toBe(chosen.length);
        expect(total(chosen)).toBe(total(hungarian(6, 6, edges)));
        expect(total(chosen)).toBe(bruteForce(edges));
      }),
    );
  });
});

/** Exhaustive optimum for tiny graphs (reference for the assignment). */
function bruteForce(edges: readonly Edge[]): number {
  const go = (i: number, rows: Set<number>, cols: Set<number>): number => {
    if (i === edges.length) return 0;
    const e = edges[i];
    const skip = go(i + 1, rows, cols);
    if (rows.has(e.row) || cols.has(e.col)) return skip;
    rows.add(e.row);
    cols.add(e.col);
    const take = e.weight + go(i + 1, rows, cols);
    rows.delete(e.row);
    cols.delete(e.col);
    return Math.max(skip, take);
  };
  return go(0, new Set(), new Set());
}
