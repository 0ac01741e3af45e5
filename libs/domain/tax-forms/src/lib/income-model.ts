import { ZERO, type Decimal, type IncomeKind } from '@lotline/ledger';
import type { IncomeRow } from '@lotline/tax-engine';
import type { ReportContext } from './report-context';

/** First year Schedule 1 has line 8v "Digital assets received as ordinary income not reported elsewhere" (2022 form). */
export const SCHEDULE_1_LINE_8V_YEAR = 2022;

export interface IncomeKindTotal {
  readonly kind: IncomeKind;
  readonly rows: number;
  readonly usdValue: Decimal;
  /** Where this kind is reported on the return. */
  readonly line: string;
}

export interface IncomeMonthTotal {
  /** "2025-03" */
  readonly month: string;
  readonly rows: number;
  readonly usdValue: Decimal;
}

export interface IncomeModel {
  readonly context: ReportContext;
  readonly rows: readonly IncomeRow[];
  readonly byKind: readonly IncomeKindTotal[];
  readonly byMonth: readonly IncomeMonthTotal[];
  readonly total: Decimal;
  /** Rows without a USD price (valued at 0 by the engine; a blocking warning exists for each). */
  readonly unpricedRows: number;
  /** Per return line: the total to enter there. */
  readonly lines: readonly { readonly line: string; readonly usdValue: Decimal }[];
}

/**
 * Return line for an income kind. Wages paid in digital assets are wages (Form 1040 line 1a, normally on a W-2);
 * everything else is Schedule 1 line 8v from 2022 (line 8z "Other income" before), or Schedule C line 1 (gross
 * receipts) when the client reports it as business income.
 */
export function incomeLine(kind: IncomeKind, ctx: Pick<ReportContext, 'taxYear' | 'incomeSchedule'>): string {
  if (kind === 'wages') return 'Form 1040, line 1a';
  if (ctx.incomeSchedule === 'scheduleC') return 'Schedule C, line 1';
  return ctx.taxYear >= SCHEDULE_1_LINE_8V_YEAR ? 'Schedule 1, line 8v' : 'Schedule 1, line 8z';
}

/** Income of `context.taxYear` (rows by date), totals by kind (sorted by kind) and by month, and per return line. */
export function buildIncomeReport(income: readonly IncomeRow[], context: ReportContext): IncomeModel {
  const rows = income.filter((r) => r.taxYear === context.taxYear).slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const kinds = new Map<IncomeKind, { rows: number; usdValue: Decimal }>();
  const months = new Map<string, { rows: number; usdValue: Decimal }>();
  let total = ZERO;
  let unpriced = 0;
  for (const r of rows) {
    const k = kinds.get(r.kind) ?? { rows: 0, usdValue: ZERO };
    kinds.set(r.kind, { rows: k.rows + 1, usdValue: k.usdValue.plus(r.usdValue) });
    const month = r.date.slice(0, 7);
    const m = months.get(month) ?? { rows: 0, usdValue: ZERO };
    months.set(month, { rows: m.rows + 1, usdValue: m.usdValue.plus(r.usdValue) });
    total = total.plus(r.usdValue);
    if (!r.priced) unpriced++;
  }
  const byKind = [...kinds.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([kind, t]) => ({ kind, rows: t.rows, usdValue: t.usdValue, line: incomeLine(kind, context) }));
  const byMonth = [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, t]) => ({ month, ...t }));
  const lines = new Map<string, Decimal>();
  for (const k of byKind) lines.set(k.line, (lines.get(k.line) ?? ZERO).plus(k.usdValue));
  return {
    context,
    rows,
    byKind,
    byMonth,
    total,
    unpricedRows: unpriced,
    lines: [...lines.entries()].map(([line, usdValue]) => ({ line, usdValue })),
  };
}
