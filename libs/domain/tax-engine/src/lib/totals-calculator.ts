import type { IncomeKind } from '@lotline/ledger';
import { fit, fromScaled, toScaled } from './fixed';
import type {
  AmountTotals,
  CostBasisMethod,
  FormBox,
  IncomeRow,
  LotScope,
  RemovalRow,
  YearTotals,
} from './engine-types';

/** Sums as scaled integers (money scale m, fixed.ts): exactly the Decimal sums, without a Decimal per addition. */
interface MutableTotals {
  rows: number;
  proceeds: bigint;
  costBasis: bigint;
  formCostBasis: bigint;
  adjustment: bigint;
  gain: bigint;
}

const empty = (): MutableTotals => ({ rows: 0, proceeds: 0n, costBasis: 0n, formCostBasis: 0n, adjustment: 0n, gain: 0n });

/** Adds a row; column (e) and (g) sums are only touched for code-B rows (others have e = basis, g = 0). */
function add(t: MutableTotals, proceeds: bigint, costBasis: bigint, gain: bigint, adjustment: bigint | undefined): void {
  t.rows++;
  t.proceeds = fit(t.proceeds + proceeds);
  t.costBasis = fit(t.costBasis + costBasis);
  t.gain = fit(t.gain + gain);
  if (adjustment !== undefined) {
    t.formCostBasis = fit(t.formCostBasis + adjustment);
    t.adjustment = fit(t.adjustment + adjustment);
  }
}

function merge(into: MutableTotals, t: MutableTotals): void {
  into.rows += t.rows;
  into.proceeds = fit(into.proceeds + t.proceeds);
  into.costBasis = fit(into.costBasis + t.costBasis);
  into.gain = fit(into.gain + t.gain);
  into.formCostBasis = fit(into.formCostBasis + t.formCostBasis);
  into.adjustment = fit(into.adjustment + t.adjustment);
}

/** formCostBasis accumulates only the code-B differences; the column (e) total is basis + those differences. */
const freeze = (t: MutableTotals, m: number): AmountTotals => ({
  rows: t.rows,
  proceeds: fromScaled(t.proceeds, m),
  costBasis: fromScaled(t.costBasis, m),
  formCostBasis: fromScaled(fit(t.costBasis + t.formCostBasis), m),
  adjustment: fromScaled(t.adjustment, m),
  gain: fromScaled(t.gain, m),
});

const SHORT_BOXES: ReadonlySet<FormBox> = new Set<FormBox>(['A', 'B', 'C', 'G', 'H', 'I']);

/** Per-asset sums of a year's rows (quantity at scale q, money at scale m). */
interface AssetAccumulator {
  rows: number;
  quantity: bigint;
  proceeds: bigint;
  formCostBasis: bigint;
  gain: bigint;
}

interface YearAccumulator {
  readonly assets: Map<string, AssetAccumulator>;
  readonly shortTerm: MutableTotals;
  readonly longTerm: MutableTotals;
  readonly boxes: Map<FormBox, MutableTotals>;
  readonly incomeByKind: Map<IncomeKind, bigint>;
  income: bigint;
  removed: bigint;
}

/**
 * Per tax year: short/long-term and per-box sums of the 8949 rows (added as the rows are made, in row order, from the
 * scaled amounts), income by kind, basis removed without disposal.
 */
export class YearTotals8949 {
  private readonly acc = new Map<number, YearAccumulator>();

  get(year: number): YearAccumulator {
    let a = this.acc.get(year);
    if (a === undefined) {
      a = { assets: new Map(), shortTerm: empty(), longTerm: empty(), boxes: new Map(), incomeByKind: new Map(), income: 0n, removed: 0n };
      this.acc.set(year, a);
    }
    return a;
  }

  /** One 8949 row: proceeds, basis, gain and, for code-B rows, column (e) minus basis (= column g). */
  addDisposal(year: number, formBox: FormBox, proceeds: bigint, costBasis: bigint, gain: bigint, adjustment: bigint | undefined): void {
    const a = this.get(year);
    let box = a.boxes.get(formBox);
    if (box === undefined) {
      box = empty();
      a.boxes.set(formBox, box);
    }
    add(box, proceeds, costBasis, gain, adjustment);
  }

  /** The same row per asset: quantity (scale q), proceeds, column (e) and gain (scale m). */
  addAssetRow(year: number, asset: string, quantity: bigint, proceeds: bigint, formCostBasis: bigint, gain: bigint): void {
    const assets = this.get(year).assets;
    let t = assets.get(asset);
    if (t === undefined) {
      t = { rows: 0, quantity: 0n, proceeds: 0n, formCostBasis: 0n, gain: 0n };
      assets.set(asset, t);
    }
    t.rows++;
    t.quantity = fit(t.quantity + quantity);
    t.proceeds = fit(t.proceeds + proceeds);
    t.formCostBasis = fit(t.formCostBasis + formCostBasis);
    t.gain = fit(t.gain + gain);
  }
}

export function computeYearTotals(
  years: ReadonlyMap<number, { readonly method: CostBasisMethod; readonly scope: LotScope }>,
  totals: YearTotals8949,
  income: readonly IncomeRow[],
  removals: readonly RemovalRow[],
  m: number,
  q: number,
): YearTotals[] {
  const get = (year: number): YearAccumulator => totals.get(year);
  for (const row of income) {
    const a = get(row.taxYear);
    const usd = toScaled(row.usdValue, m);
    a.income = fit(a.income + usd);
    a.incomeByKind.set(row.kind, fit((a.incomeByKind.get(row.kind) ?? 0n) + usd));
  }
  for (const row of removals) {
    const a = get(row.taxYear);
    a.removed = fit(a.removed + toScaled(row.costBasis, m));
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([taxYear, mode]) => {
      const a = get(taxYear);
      for (const [box, t] of a.boxes) merge(SHORT_BOXES.has(box) ? a.shortTerm : a.longTerm, t);
      return {
        taxYear,
        method: mode.method,
        scope: mode.scope,
        shortTerm: freeze(a.shortTerm, m),
        longTerm: freeze(a.longTerm, m),
        boxes: [...a.boxes.entries()]
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([box, t]) => ({ box, ...freeze(t, m) })),
        income: fromScaled(a.income, m),
        incomeByKind: [...a.incomeByKind.entries()]
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([kind, usdValue]) => ({ kind, usdValue: fromScaled(usdValue, m) })),
        removedCostBasis: fromScaled(a.removed, m),
        assets: [...a.assets.entries()]
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([asset, t]) => ({
            asset,
            rows: t.rows,
            quantity: fromScaled(t.quantity, q),
            proceeds: fromScaled(t.proceeds, m),
            formCostBasis: fromScaled(t.formCostBasis, m),
            gain: fromScaled(t.gain, m),
          })),
      };
    });
}
