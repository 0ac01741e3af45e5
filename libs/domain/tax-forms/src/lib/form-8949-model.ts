import { ZERO, type Decimal } from '@lotline/ledger';
import { FORM_2025_YEAR, type DisposalRow, type FormBox, type Term } from '@lotline/tax-engine';
import { formDate, formDescription, roundAmount } from './form-format';
import type { ReportContext } from './report-context';

/**
 * Rows per part per page of the official form, by form year.
 * - Before 2025: 14 rows in Part I (line 1) and 14 in Part II; the 2024 fillable PDF has "Row 14" fields in each part
 *   (field list of the IRS fillable Form 8949: https://instafill.ai/forms/8949/instructions, 244 fields =
 *   2 parts x 14 rows x 8 columns + totals + header).
 * - 2025 (boxes G-L added): 11 rows per part; the 2025 fillable PDF ends at "11th Transaction" (202 fields,
 *   https://instafill.ai/forms/form-8949-2025-sales-and-other-dispositions-of-cap/instructions).
 */
export function rowsPerPage(taxYear: number): number {
  return taxYear >= FORM_2025_YEAR ? 11 : 14;
}

const SHORT_BOXES: readonly FormBox[] = ['A', 'B', 'C', 'G', 'H', 'I'];
const BOX_ORDER: readonly FormBox[] = ['A', 'B', 'C', 'G', 'H', 'I', 'D', 'E', 'F', 'J', 'K', 'L'];

export function termOfBox(box: FormBox): Term {
  return SHORT_BOXES.includes(box) ? 'short' : 'long';
}

/** One printed row: columns (a)-(h) as rounded decimals, plus the engine rows it shows. */
export interface Form8949Line {
  /** 1-based line number on its page. */
  readonly line: number;
  readonly description: string;
  /** Column (b) as printed: MM/DD/YYYY or VARIOUS. */
  readonly dateAcquired: string;
  readonly dateSold: string;
  readonly proceeds: Decimal;
  readonly costBasis: Decimal;
  readonly code: string;
  /** Column (g); null when no code applies (printed blank). */
  readonly adjustment: Decimal | null;
  /** Column (h) = (d) - (e) + (g) of the rounded values, so every printed row adds up. */
  readonly gain: Decimal;
  readonly rows: readonly DisposalRow[];
}

export interface ColumnTotals {
  readonly proceeds: Decimal;
  readonly costBasis: Decimal;
  readonly adjustment: Decimal;
  readonly gain: Decimal;
}

export interface Form8949Page {
  /** 1-based position in the whole 8949 set. */
  readonly sheet: number;
  readonly part: 'I' | 'II';
  readonly box: FormBox;
  /** 1-based page within this box and its count (continuation pages). */
  readonly boxPage: number;
  readonly boxPages: number;
  readonly lines: readonly Form8949Line[];
  /** Line 2: totals of columns (d), (e), (g), (h) of the rows printed on this page. */
  readonly totals: ColumnTotals;
}

export interface Form8949Model {
  readonly context: ReportContext;
  readonly rowsPerPage: number;
  readonly pages: readonly Form8949Page[];
  /** Per box: sum of the page totals (what goes to Schedule D). */
  readonly boxTotals: ReadonlyMap<FormBox, ColumnTotals & { readonly rows: number }>;
}

export interface Form8949Options {
  /**
   * One row per disposal event instead of one per lot piece: pieces of the same event, leg, box and code are
   * combined, column (b) shows the date if all pieces share it, else VARIOUS. Default false (one row per lot piece,
   * matching the audit trail line for line).
   */
  readonly combineLotsPerDisposal?: boolean;
}

function add(a: ColumnTotals, l: Form8949Line): ColumnTotals {
  return {
    proceeds: a.proceeds.plus(l.proceeds),
    costBasis: a.costBasis.plus(l.costBasis),
    adjustment: l.adjustment === null ? a.adjustment : a.adjustment.plus(l.adjustment),
    gain: a.gain.plus(l.gain),
  };
}

export const NO_TOTALS: ColumnTotals = { proceeds: ZERO, costBasis: ZERO, adjustment: ZERO, gain: ZERO };

function groupRows(rows: readonly DisposalRow[], combine: boolean): DisposalRow[][] {
  if (!combine) return rows.map((r) => [r]);
  const groups: DisposalRow[][] = [];
  const byKey = new Map<string, DisposalRow[]>();
  for (const r of rows) {
    const key = `${r.eventId}\u0000${r.leg}\u0000${r.formBox}\u0000${r.adjustmentCode ?? ''}`;
    let g = byKey.get(key);
    if (g === undefined) {
      byKey.set(key, (g = []));
      groups.push(g);
    }
    g.push(r);
  }
  return groups;
}

function toLine(group: readonly DisposalRow[], line: number, ctx: ReportContext): Form8949Line {
  const first = group[0];
  let quantity = ZERO;
  let proceeds = ZERO;
  let basis = ZERO;
  let adjustment = ZERO;
  for (const r of group) {
    quantity = quantity.plus(r.quantity);
    proceeds = proceeds.plus(r.proceeds);
    basis = basis.plus(r.formCostBasis);
    adjustment = adjustment.plus(r.adjustmentAmount);
  }
  const sameDate = group.every((r) => r.dateAcquired === first.dateAcquired);
  const d = roundAmount(proceeds, ctx.rounding);
  const e = roundAmount(basis, ctx.rounding);
  const g = first.adjustmentCode === null ? null : roundAmount(adjustment, ctx.rounding);
  return {
    line,
    description: formDescription(quantity, first.asset),
    dateAcquired: formDate(sameDate ? first.dateAcquired : null),
    dateSold: formDate(first.dateSold),
    proceeds: d,
    costBasis: e,
    code: first.adjustmentCode ?? '',
    adjustment: g,
    gain: d.minus(e).plus(g ?? ZERO),
    rows: group,
  };
}

/**
 * Form 8949 for `context.taxYear`: rows of that year grouped by box (Part I short-term boxes first, then Part II),
 * paged at the form's row count with continuation pages; every page carries its own line 2 totals computed from
 * the rounded values it prints. Rows keep the engine's order within a box.
 */
export function buildForm8949(disposals: readonly DisposalRow[], context: ReportContext, options: Form8949Options = {}): Form8949Model {
  const perPage = rowsPerPage(context.taxYear);
  const byBox = new Map<FormBox, DisposalRow[]>();
  for (const r of disposals) {
    if (r.taxYear !== context.taxYear) continue;
    let list = byBox.get(r.formBox);
    if (list === undefined) byBox.set(r.formBox, (list = []));
    list.push(r);
  }
  const pages: Form8949Page[] = [];
  const boxTotals = new Map<FormBox, ColumnTotals & { rows: number }>();
  for (const box of BOX_ORDER) {
    const rows = byBox.get(box);
    if (rows === undefined) continue;
    const groups = groupRows(rows, options.combineLotsPerDisposal === true);
    const boxPages = Math.ceil(groups.length / perPage);
    let boxSum = NO_TOTALS;
    for (let p = 0; p < boxPages; p++) {
      const lines = groups.slice(p * perPage, (p + 1) * perPage).map((g, i) => toLine(g, i + 1, context));
      const totals = lines.reduce(add, NO_TOTALS);
      boxSum = {
        proceeds: boxSum.proceeds.plus(totals.proceeds),
        costBasis: boxSum.costBasis.plus(totals.costBasis),
        adjustment: boxSum.adjustment.plus(totals.adjustment),
        gain: boxSum.gain.plus(totals.gain),
      };
      pages.push({ sheet: pages.length + 1, part: termOfBox(box) === 'short' ? 'I' : 'II', box, boxPage: p + 1, boxPages, lines, totals });
    }
    boxTotals.set(box, { ...boxSum, rows: rows.length });
  }
  return { context, rowsPerPage: perPage, pages, boxTotals };
}
