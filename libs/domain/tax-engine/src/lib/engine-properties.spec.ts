import fc from 'fast-check';
import { dec, toWire, ZERO, type Decimal, type EventType, type LedgerEvent } from '@lotline/ledger';
import { computeTaxes } from './compute-taxes';
import type { EngineInput, LotMethod, ScopeMode, TaxResult } from './engine-types';

const ACCOUNTS = ['a', 'b', 'c'] as const;
const ASSETS = ['BTC', 'ETH'] as const;
const TYPES: readonly EventType[] = ['buy', 'buy', 'income', 'sell', 'sell', 'trade', 'transfer', 'spend', 'gift_out', 'lost', 'fee', 'deposit', 'withdrawal', 'gift_in'];
const START = Date.UTC(2023, 5, 1);
const SPAN_MINUTES = 2 * 365 * 24 * 60; // spans the 2025-01-01 transition

/** Quantity with up to 8 decimals from an integer count of 1e-8 units. */
const qty = (n: number): Decimal => dec(n.toString()).div(100_000_000);

const eventArb = fc.record({
  minute: fc.integer({ min: 0, max: SPAN_MINUTES }),
  type: fc.constantFrom(...TYPES),
  account: fc.constantFrom(...ACCOUNTS),
  to: fc.constantFrom(...ACCOUNTS),
  asset: fc.constantFrom(...ASSETS),
  other: fc.constantFrom(...ASSETS),
  units: fc.integer({ min: 1, max: 300_000_000 }),
  usd: fc.integer({ min: 0, max: 100_000 }),
  withFee: fc.boolean(),
});

type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvent(r: RawEvent, i: number): LedgerEvent {
  const amount = { asset: r.asset, amount: qty(r.units) };
  const usd = dec(String(r.usd));
  const base = {
    id: `e${i}`,
    account: r.account,
    timestamp: new Date(START + r.minute * 60_000).toISOString(),
    source: { kind: 'file' as const, fileName: 'random.csv', line: i + 1 },
    ...(r.withFee ? { fee: { asset: 'USD', amount: dec('1.25') } } : {}),
  };
  switch (r.type) {
    case 'buy':
      return { ...base, type: r.type, sent: { asset: 'USD', amount: usd }, received: amount };
    case 'sell':
      return { ...base, type: r.type, sent: amount, received: { asset: 'USD', amount: usd } };
    case 'trade':
      return { ...base, type: r.type, sent: amount, received: { asset: r.other, amount: qty(r.units + 7) }, usdValue: usd };
    case 'transfer':
      return { ...base, type: r.type, sent: amount, received: { asset: r.asset, amount: qty(Math.ceil(r.units * 0.99)) }, toAccount: r.to, usdValue: usd };
    case 'income':
      return { ...base, type: r.type, received: amount, usdValue: usd, incomeKind: 'staking' };
    case 'deposit':
    case 'gift_in':
      return { ...base, type: r.type, received: amount, usdValue: usd };
    case 'fee':
      return { ...base, type: r.type, fee: amount, feeUsd: usd };
    default:
      return { ...base, type: r.type, sent: amount, usdValue: usd };
  }
}

const ledgerArb = fc.array(eventArb, { minLength: 1, maxLength: 60 }).map((raw) => raw.map(toEvent));
const methodArb = fc.constantFrom<LotMethod>('fifo', 'lifo', 'hifo');
const scopeArb = fc.constantFrom<ScopeMode>('universal', 'per-account', 'rev-proc-2024-28');

function run(events: readonly LedgerEvent[], method: LotMethod, scope: ScopeMode): TaxResult {
  const input: EngineInput = { events, settings: { timeZone: 'America/Chicago', defaultMethod: method, scope, transferFee: 'dispose' } };
  return computeTaxes(input);
}

const total = (values: readonly Decimal[]): Decimal => values.reduce((acc, v) => acc.plus(v), ZERO);

describe('engine properties on random ledgers', () => {
  it('conserves quantity per asset: acquired = held + disposed + removed', () => {
    fc.assert(
      fc.property(ledgerArb, methodArb, scopeArb, (events, method, scope) => {
        const r = run(events, method, scope);
        for (const asset of ASSETS) {
          const acquired = total(r.lots.filter((l) => l.asset === asset && (l.origin.kind === 'acquisition' || l.origin.kind === 'shortfall')).map((l) => l.quantity));
          const held = total(r.lots.filter((l) => l.asset === asset).map((l) => l.remainingQuantity));
          const disposed = total(r.disposals.filter((d) => d.asset === asset && !d.missingBasis).map((d) => d.quantity));
          const removed = total(r.removals.filter((d) => d.asset === asset && !d.missingBasis).map((d) => d.quantity));
          expect(toWire(held.plus(disposed).plus(removed))).toBe(toWire(acquired));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('has gain = proceeds - basis on every row (and = proceeds - column e + column g)', () => {
    fc.assert(
      fc.property(ledgerArb, methodArb, scopeArb, (events, method, scope) => {
        for (const row of run(events, method, scope).disposals) {
          expect(toWire(row.gain)).toBe(toWire(row.proceeds.minus(row.costBasis)));
          expect(toWire(row.gain)).toBe(toWire(row.proceeds.minus(row.formCostBasis).plus(row.adjustmentAmount)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never holds negative lots; negative account balances and basis shortfalls are always flagged', () => {
    fc.assert(
      fc.property(ledgerArb, methodArb, scopeArb, (events, method, scope) => {
        const r = run(events, method, scope);
        for (const lot of r.lots) {
          expect(lot.remainingQuantity.isNegative()).toBe(false);
          expect(lot.remainingCostBasis.isNegative()).toBe(false);
        }
        const flagged = (code: string, account: string, asset: string): boolean =>
          r.warnings.some((w) => w.code === code && w.blocking && w.account === account && w.asset === asset);
        for (const b of r.balances.filter((x) => x.quantity.isNegative())) expect(flagged('negative-balance', b.account, b.asset)).toBe(true);
        for (const d of r.disposals.filter((x) => x.missingBasis)) expect(flagged('missing-basis', d.account, d.asset)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('reports the same total proceeds and disposed quantity whatever the method', () => {
    fc.assert(
      fc.property(ledgerArb, scopeArb, (events, scope) => {
        const [fifo, lifo, hifo] = (['fifo', 'lifo', 'hifo'] as const).map((m) => run(events, m, scope));
        const proceeds = (r: TaxResult): string => toWire(total(r.disposals.map((d) => d.proceeds)));
        const quantity = (r: TaxResult): string => toWire(total(r.disposals.map((d) => d.quantity)));
        expect(proceeds(lifo)).toBe(proceeds(fifo));
        expect(proceeds(hifo)).toBe(proceeds(fifo));
        expect(quantity(lifo)).toBe(quantity(fifo));
        expect(quantity(hifo)).toBe(quantity(fifo));
      }),
      { numRuns: 100 },
    );
  });

  it('has rows that sum to the yearly totals, per term and per form box', () => {
    fc.assert(
      fc.property(ledgerArb, methodArb, scopeArb, (events, method, scope) => {
        const r = run(events, method, scope);
        for (const y of r.years) {
          const rows = r.disposals.filter((d) => d.taxYear === y.taxYear);
          for (const [term, t] of [['short', y.shortTerm], ['long', y.longTerm]] as const) {
            const mine = rows.filter((d) => d.term === term);
            expect(t.rows).toBe(mine.length);
            expect(toWire(t.proceeds)).toBe(toWire(total(mine.map((d) => d.proceeds))));
            expect(toWire(t.costBasis)).toBe(toWire(total(mine.map((d) => d.costBasis))));
            expect(toWire(t.gain)).toBe(toWire(total(mine.map((d) => d.gain))));
          }
          for (const box of y.boxes) {
            const mine = rows.filter((d) => d.formBox === box.box);
            expect(toWire(box.proceeds)).toBe(toWire(total(mine.map((d) => d.proceeds))));
            expect(toWire(box.formCostBasis)).toBe(toWire(total(mine.map((d) => d.formCostBasis))));
          }
          const income = r.income.filter((i) => i.taxYear === y.taxYear);
          expect(toWire(y.income)).toBe(toWire(total(income.map((i) => i.usdValue))));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('has rows that sum to the per-asset year totals (count, quantity, proceeds, column e, gain)', () => {
    fc.assert(
      fc.property(ledgerArb, methodArb, scopeArb, (events, method, scope) => {
        const r = run(events, method, scope);
        for (const y of r.years) {
          const rows = r.disposals.filter((d) => d.taxYear === y.taxYear);
          expect(y.assets.map((a) => a.asset)).toEqual([...new Set(rows.map((d) => d.asset))].sort());
          for (const a of y.assets) {
            const mine = rows.filter((d) => d.asset === a.asset);
            expect({
              asset: a.asset, rows: a.rows, quantity: toWire(a.quantity), proceeds: toWire(a.proceeds), formCostBasis: toWire(a.formCostBasis), gain: toWire(a.gain),
            }).toEqual({
              asset: a.asset,
              rows: mine.length,
              quantity: toWire(total(mine.map((d) => d.quantity))),
              proceeds: toWire(total(mine.map((d) => d.proceeds))),
              formCostBasis: toWire(total(mine.map((d) => d.formCostBasis))),
              gain: toWire(total(mine.map((d) => d.gain))),
            });
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives byte-identical output for any order of the same events', () => {
    fc.assert(
      fc.property(ledgerArb, methodArb, scopeArb, fc.integer(), (events, method, scope, salt) => {
        const shuffled = events
          .map((e, i) => ({ e, k: (i * 2654435761 + salt) % 1009 }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.e);
        expect(JSON.stringify(run(shuffled, method, scope))).toBe(JSON.stringify(run(events, method, scope)));
      }),
      { numRuns: 100 },
    );
  });
});
