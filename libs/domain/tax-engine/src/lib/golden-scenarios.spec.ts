import { Decimal, toWire } from '@lotline/ledger';
import { SCENARIOS } from '../scenarios';
import { scenarioInput, type Expected } from '../scenarios/scenario';
import { computeTaxes } from './compute-taxes';
import type { AmountTotals, TaxResult, YearTotals } from './engine-types';

type Plain = string | number | boolean | null | undefined | readonly string[];

function plain(value: unknown): Plain {
  if (value instanceof Decimal) return toWire(value);
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}

function flattenTotals(prefix: string, t: AmountTotals): Record<string, Plain> {
  return {
    [`${prefix}Rows`]: t.rows,
    [`${prefix}Proceeds`]: toWire(t.proceeds),
    [`${prefix}Basis`]: toWire(t.costBasis),
    [`${prefix}FormBasis`]: toWire(t.formCostBasis),
    [`${prefix}Adjustment`]: toWire(t.adjustment),
    [`${prefix}Gain`]: toWire(t.gain),
  };
}

/** Years flattened to comparable keys: shortGain, longProceeds, boxGBasis, income, removedCostBasis, ... */
function flattenYear(y: YearTotals): Record<string, Plain> {
  const out: Record<string, Plain> = {
    taxYear: y.taxYear,
    method: y.method,
    scope: y.scope,
    income: toWire(y.income),
    removedCostBasis: toWire(y.removedCostBasis),
    ...flattenTotals('short', y.shortTerm),
    ...flattenTotals('long', y.longTerm),
  };
  for (const box of y.boxes) Object.assign(out, flattenTotals(`box${box.box}`, box));
  return out;
}

/** Keeps only the keys the expected row at the same position names (all named keys for extra rows), as wire text. */
function project(rows: readonly object[], expected: readonly Expected[]): Record<string, Plain>[] {
  const allKeys = [...new Set(expected.flatMap((e) => Object.keys(e)))];
  return rows.map((row, i) => {
    const r = row as Record<string, unknown>;
    const keys = i < expected.length ? Object.keys(expected[i]) : allKeys;
    return Object.fromEntries(keys.map((k) => [k, plain(r[k])]));
  });
}

function actualList(result: TaxResult, key: keyof Required<(typeof SCENARIOS)[number]['expect']>): readonly object[] {
  return key === 'years' ? result.years.map(flattenYear) : result[key];
}

describe('golden scenarios', () => {
  it('has one scenario per rule, each with expectations', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(20);
    for (const s of SCENARIOS) expect(Object.keys(s.expect).length).toBeGreaterThan(0);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
  });

  describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const result = computeTaxes(scenarioInput(scenario));
    const lists = Object.entries(scenario.expect) as [keyof typeof scenario.expect, readonly Expected[]][];

    it.each(lists.map(([key, rows]) => [key, rows] as const))('%s match the hand-checked rows', (key, rows) => {
      const expected = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
      expect(project(actualList(result, key), rows)).toEqual(expected);
    });

    it('sums each asset\'s rows into the per-asset year totals exactly (code-B column e included)', () => {
      for (const y of result.years) {
        const rows = result.disposals.filter((d) => d.taxYear === y.taxYear);
        const sums = [...new Set(rows.map((d) => d.asset))].sort().map((asset) => {
          const mine = rows.filter((d) => d.asset === asset);
          const sum = (pick: (d: (typeof mine)[number]) => Decimal) => toWire(mine.reduce((acc, d) => acc.plus(pick(d)), new Decimal(0)));
          return { asset, rows: mine.length, quantity: sum((d) => d.quantity), proceeds: sum((d) => d.proceeds), formCostBasis: sum((d) => d.formCostBasis), gain: sum((d) => d.gain) };
        });
        expect(y.assets.map((a) => ({ asset: a.asset, rows: a.rows, quantity: toWire(a.quantity), proceeds: toWire(a.proceeds), formCostBasis: toWire(a.formCostBasis), gain: toWire(a.gain) }))).toEqual(sums);
      }
    });

    it('gives byte-identical output when run again on the reversed input', () => {
      const input = scenarioInput(scenario);
      const again = computeTaxes({ ...input, events: [...input.events].reverse() });
      expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    });
  });
});
