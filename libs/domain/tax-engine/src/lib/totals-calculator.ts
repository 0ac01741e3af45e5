import { ZERO, type Decimal, type IncomeKind } from '@lotline/ledger';
import type {
  AmountTotals,
  CostBasisMethod,
  DisposalRow,
  FormBox,
  IncomeRow,
  LotScope,
  RemovalRow,
  YearTotals,
} from './engine-types';

interface MutableTotals {
  rows: number;
  proceeds: Decimal;
  costBasis: Decimal;
  formCostBasis: Decimal;
  adjustment: Decimal;
  gain: Decimal;
}

const empty = (): MutableTotals => ({
  rows: 0,
  proceeds: ZERO,
  costBasis: ZERO,
  formCostBasis: ZERO,
  adjustment: ZERO,
  gain: ZERO,
});

/** Adds a row; column (e) and (g) sums are only touched for code-B rows (others have e = basis, g = 0). */
function add(t: MutableTotals, row: DisposalRow): void {
  t.rows++;
  t.proceeds = t.proceeds.plus(row.proceeds);
  t.costBasis = t.costBasis.plus(row.costBasis);
  t.gain = t.gain.plus(row.gain);
  if (row.adjustmentCode !== null) {
    t.formCostBasis = t.formCostBasis.plus(row.formCostBasis.minus(row.costBasis));
    t.adjustment = t.adjustment.plus(row.adjustmentAmount);
  }
}

function merge(into: MutableTotals, t: MutableTotals): void {
  into.rows += t.rows;
  into.proceeds = into.proceeds.plus(t.proceeds);
  into.costBasis = into.costBasis.plus(t.costBasis);
  into.gain = into.gain.plus(t.gain);
  into.formCostBasis = into.formCostBasis.plus(t.formCostBasis);
  into.adjustment = into.adjustment.plus(t.adjustment);
}

/** formCostBasis accumulates only the code-B differences; the column (e) total is basis + those differences. */
const freeze = (t: MutableTotals): AmountTotals => ({ ...t, formCostBasis: t.costBasis.plus(t.formCostBasis) });

const SHORT_BOXES: ReadonlySet<FormBox> = new Set<FormBox>(['A', 'B', 'C', 'G', 'H', 'I']);

interface YearAccumulator {
  readonly shortTerm: MutableTotals;
  readonly longTerm: MutableTotals;
  readonly boxes: Map<FormBox, MutableTotals>;
  readonly incomeByKind: Map<IncomeKind, Decimal>;
  income: Decimal;
  removed: Decimal;
}

/** Per tax year: short/long-term and per-box sums of the 8949 rows, income by kind, basis removed without disposal. */
export function computeYearTotals(
  years: ReadonlyMap<number, { readonly method: CostBasisMethod; readonly scope: LotScope }>,
  disposals: readonly DisposalRow[],
  income: readonly IncomeRow[],
  removals: readonly RemovalRow[],
): YearTotals[] {
  const acc = new Map<number, YearAccumulator>();
  const get = (year: number): YearAccumulator => {
    let a = acc.get(year);
    if (a === undefined) {
      a = { shortTerm: empty(), longTerm: empty(), boxes: new Map(), incomeByKind: new Map(), income: ZERO, removed: ZERO };
      acc.set(year, a);
    }
    return a;
  };
  for (const row of disposals) {
    const a = get(row.taxYear);
    let box = a.boxes.get(row.formBox);
    if (box === undefined) {
      box = empty();
      a.boxes.set(row.formBox, box);
    }
    add(box, row);
  }
  for (const row of income) {
    const a = get(row.taxYear);
    a.income = a.income.plus(row.usdValue);
    a.incomeByKind.set(row.kind, (a.incomeByKind.get(row.kind) ?? ZERO).plus(row.usdValue));
  }
  for (const row of removals) {
    const a = get(row.taxYear);
    a.removed = a.removed.plus(row.costBasis);
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
        shortTerm: freeze(a.shortTerm),
        longTerm: freeze(a.longTerm),
        boxes: [...a.boxes.entries()]
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([box, t]) => ({ box, ...freeze(t) })),
        income: a.income,
        incomeByKind: [...a.incomeByKind.entries()]
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([kind, usdValue]) => ({ kind, usdValue })),
        removedCostBasis: a.removed,
      };
    });
}
