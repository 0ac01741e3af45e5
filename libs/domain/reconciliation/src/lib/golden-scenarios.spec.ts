import { Decimal, toWire, type AssetAmount, type LedgerEvent } from '@lotline/ledger';
import { computeTaxes, type AmountTotals, type YearTotals } from '@lotline/tax-engine';
import { SCENARIOS } from '../scenarios';
import { scenarioInput, scenarioResolutions, type Expected, type Scenario } from '../scenarios/scenario';
import { mergeEngineWarnings } from './engine-warnings';
import { reconcile } from './reconcile';
import type { ReconcileResult, Resolution } from './types';

type Plain = string | number | boolean | null | undefined | readonly string[];

function plain(value: unknown): Plain {
  if (value instanceof Decimal) return toWire(value);
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function project(rows: readonly object[], expected: readonly Expected[]): Record<string, Plain>[] {
  const allKeys = [...new Set(expected.flatMap((e) => Object.keys(e)))];
  return rows.map((row, i) => {
    const r = row as Record<string, unknown>;
    const keys = i < expected.length ? Object.keys(expected[i]) : allKeys;
    return Object.fromEntries(keys.map((k) => [k, plain(r[k])]));
  });
}

const amt = (a: AssetAmount | undefined): string | null => (a === undefined ? null : `${toWire(a.amount)} ${a.asset}`);

function eventView(e: LedgerEvent, r: ReconcileResult): Record<string, unknown> {
  const p = r.provenance.get(e.id);
  return {
    ...e,
    usdValue: e.usdValue ?? null,
    feeUsd: e.feeUsd ?? null,
    toAccount: e.toAccount ?? null,
    sent: amt(e.sent),
    received: amt(e.received),
    fee: amt(e.fee),
    priceSource: p?.priceSource?.kind ?? null,
    sourceEventIds: p?.sourceEventIds ?? [e.id],
    resolutionIds: p?.resolutionIds ?? [],
  };
}

function flattenTotals(prefix: string, t: AmountTotals): Record<string, Plain> {
  return { [`${prefix}Rows`]: t.rows, [`${prefix}Proceeds`]: toWire(t.proceeds), [`${prefix}Basis`]: toWire(t.costBasis), [`${prefix}Gain`]: toWire(t.gain) };
}

function flattenYear(y: YearTotals): Record<string, Plain> {
  return { taxYear: y.taxYear, income: toWire(y.income), ...flattenTotals('short', y.shortTerm), ...flattenTotals('long', y.longTerm) };
}

/** Everything a resolution can change, as comparable text. */
function fingerprint(r: ReconcileResult): string {
  return JSON.stringify({
    events: r.events.map((e) => eventView(e, r)),
    matches: r.matches,
    suggestions: r.suggestions,
    warnings: r.warnings,
    brokerLines: r.brokerLines,
  }, (_k, v: unknown) => (v instanceof Decimal ? toWire(v) : v));
}

function run(s: Scenario, resolutions?: readonly Resolution[]) {
  const recon = reconcile(scenarioInput(s, resolutions));
  const tax = computeTaxes({
    events: recon.events,
    brokerLines: recon.brokerLines,
    settings: { timeZone: 'UTC', defaultMethod: 'fifo', scope: 'rev-proc-2024-28', transferFee: 'dispose', ...s.engine },
  });
  return { recon, tax, merged: mergeEngineWarnings(recon, tax, s.policy) };
}

describe('reconciliation golden scenarios', () => {
  it('has one scenario per rule, each with expectations', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(Object.keys(s.expect).length).toBeGreaterThan(0);
  });

  describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const { recon, tax, merged } = run(s);
    const lists: [keyof Scenario['expect'], readonly object[]][] = [
      ['matches', recon.matches],
      ['suggestions', recon.suggestions],
      ['warnings', recon.warnings],
      ['events', recon.events.map((e) => eventView(e, recon))],
      ['brokerLines', recon.brokerLines],
      ['merged', merged],
      ['disposals', tax.disposals],
      ['years', tax.years.map(flattenYear)],
    ];
    for (const [key, actual] of lists) {
      const expected = s.expect[key];
      if (expected === undefined) continue;
      it(`${key} as expected`, () => {
        expect(project(actual, expected)).toEqual(expected.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, plain(v)]))));
      });
    }

    it('is deterministic: the same result for the events in reverse order', () => {
      const input = scenarioInput(s);
      const reversed = reconcile({ ...input, events: [...input.events].reverse() });
      expect(reversed.matches).toEqual(recon.matches);
      expect(reversed.warnings.map((w) => w.id)).toEqual(recon.warnings.map((w) => w.id));
    });

    if ((s.resolutions ?? []).length > 0) {
      it('undoing every resolution restores the result without them', () => {
        const records = scenarioResolutions(s);
        const undos: Resolution[] = records.map((r, i) => ({ id: `undo-${r.id}`, payload: { action: 'undo', resolutionId: r.id }, warningIds: [], who: 'admin@firm.test', at: `2026-03-01T00:00:${String(i).padStart(2, '0')}.000Z`, reason: 'undo' }));
        const undone = reconcile(scenarioInput(s, [...records, ...undos]));
        const without = reconcile(scenarioInput(s, []));
        expect(fingerprint(undone)).toBe(fingerprint(without));
        expect(fingerprint(undone)).not.toBe(fingerprint(recon));
      });
    }
  });
});
