import type { FormBox } from '@lotline/tax-engine';
import { NO_TOTALS, type ColumnTotals, type Form8949Model } from './form-8949-model';
import type { ReportContext } from './report-context';

export type ScheduleDLineId = '1a' | '1b' | '2' | '3' | '7' | '8a' | '8b' | '9' | '10' | '15' | '16';

export interface ScheduleDLine {
  readonly line: ScheduleDLineId;
  readonly label: string;
  /** Boxes whose Form 8949 totals make up this line (empty for 1a/8a and the net lines). */
  readonly boxes: readonly FormBox[];
  /** Columns (d), (e), (g), (h); only (h) for lines 7, 15 and 16. */
  readonly totals: ColumnTotals;
  readonly netOnly: boolean;
}

export interface ScheduleDModel {
  readonly context: ReportContext;
  readonly lines: readonly ScheduleDLine[];
}

function sumBoxes(model: Form8949Model, boxes: readonly FormBox[]): ColumnTotals {
  let t = NO_TOTALS;
  for (const b of boxes) {
    const x = model.boxTotals.get(b);
    if (x === undefined) continue;
    t = { proceeds: t.proceeds.plus(x.proceeds), costBasis: t.costBasis.plus(x.costBasis), adjustment: t.adjustment.plus(x.adjustment), gain: t.gain.plus(x.gain) };
  }
  return t;
}

function net(...lines: readonly ScheduleDLine[]): ColumnTotals {
  return { ...NO_TOTALS, gain: lines.reduce((g, l) => g.plus(l.totals.gain), NO_TOTALS.gain) };
}

/**
 * Schedule D lines from the Form 8949 box totals (the sums of the printed page totals, so Schedule D equals
 * the 8949 pages to the cent/dollar).
 *
 * Box -> line: before 2025 A->1b, B->2, C->3, D->8b, E->9, F->10 (Schedule D and Form 8949 line 2 text). For 2025
 * the digital-asset boxes join the same lines: A or G -> 1b, B or H -> 2, C or I -> 3, D or J -> 8b, E or K -> 9,
 * F or L -> 10 (2025 Form 8949/Schedule D drafts; e.g. https://kb.olt.com/KB/articles/article_detail/determining-irsvs-basis-reporting
 * pairs "Box A or G", "Box D or J").
 * Lines 1a/8a (aggregate 1099-B/1099-DA totals with basis reported and no adjustments, reported without Form 8949)
 * are always left empty: every disposal is itemised on Form 8949, which the instructions always allow.
 * Lines 7 and 15 here only combine the Form 8949 lines; lines 4-6 and 11-14 (other forms, K-1s, carryovers) are not
 * known to Lotline and are the preparer's.
 */
export function buildScheduleD(form8949: Form8949Model): ScheduleDModel {
  const line = (id: ScheduleDLineId, label: string, boxes: readonly FormBox[]): ScheduleDLine => ({
    line: id,
    label,
    boxes,
    totals: sumBoxes(form8949, boxes),
    netOnly: false,
  });
  const l1a = line('1a', 'Short-term 1099-B/1099-DA totals reported directly (not used)', []);
  const l1b = line('1b', 'Short-term totals from Forms 8949 with Box A or G checked', ['A', 'G']);
  const l2 = line('2', 'Short-term totals from Forms 8949 with Box B or H checked', ['B', 'H']);
  const l3 = line('3', 'Short-term totals from Forms 8949 with Box C or I checked', ['C', 'I']);
  const l7: ScheduleDLine = { line: '7', label: 'Net short-term capital gain or (loss) from lines 1a-3', boxes: [], totals: net(l1a, l1b, l2, l3), netOnly: true };
  const l8a = line('8a', 'Long-term 1099-B/1099-DA totals reported directly (not used)', []);
  const l8b = line('8b', 'Long-term totals from Forms 8949 with Box D or J checked', ['D', 'J']);
  const l9 = line('9', 'Long-term totals from Forms 8949 with Box E or K checked', ['E', 'K']);
  const l10 = line('10', 'Long-term totals from Forms 8949 with Box F or L checked', ['F', 'L']);
  const l15: ScheduleDLine = { line: '15', label: 'Net long-term capital gain or (loss) from lines 8a-10', boxes: [], totals: net(l8a, l8b, l9, l10), netOnly: true };
  const l16: ScheduleDLine = { line: '16', label: 'Combine lines 7 and 15', boxes: [], totals: net(l7, l15), netOnly: true };
  return { context: form8949.context, lines: [l1a, l1b, l2, l3, l7, l8a, l8b, l9, l10, l15, l16] };
}
