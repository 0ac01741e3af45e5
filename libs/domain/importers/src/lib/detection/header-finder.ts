import type { CsvRecord } from '../csv/csv-record-reader';
import type { SourceFormat } from '../sources/source-format';
import { MATCH_THRESHOLD, scoreHeaderRow, type HeaderScore } from './format-detector';
import { findFormat, SOURCE_FORMATS } from './format-registry';

/** How many non-blank leading records may precede the header (Coinbase puts a preamble there). */
const MAX_PREAMBLE_RECORDS = 30;

export function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

export interface HeaderSearch {
  readonly format: SourceFormat | undefined;
  readonly score: HeaderScore | undefined;
  readonly headerRecord: CsvRecord | undefined;
  /** Best non-matching scores seen (for the unknown-format message). */
  readonly closest: readonly HeaderScore[];
  readonly firstRecord: CsvRecord | undefined;
}

/** Looks for the header among the leading records. */
export class HeaderFinder {
  private scanned = 0;
  private closest: HeaderScore[] = [];
  private firstRecord: CsvRecord | undefined;
  result: HeaderSearch | undefined;

  constructor(private readonly override: SourceFormat | undefined) {}

  /** Feeds one record; returns true once the search is over (found or gave up). */
  offer(fields: readonly string[], line: number): boolean {
    if (isBlank(fields)) return false;
    const record: CsvRecord = { fields, line };
    this.scanned++;
    this.firstRecord ??= record;
    const formats = this.override === undefined ? SOURCE_FORMATS : [this.override];
    const scores = scoreHeaderRow(record.fields, formats);
    const best = scores[0];
    if (best !== undefined && best.score >= MATCH_THRESHOLD) {
      this.result = { format: findFormat(best.format), score: best, headerRecord: record, closest: scores, firstRecord: this.firstRecord };
      return true;
    }
    if (this.closest.length === 0 || (best !== undefined && best.score > (this.closest[0]?.score ?? 0))) this.closest = scores;
    if (this.scanned >= MAX_PREAMBLE_RECORDS) {
      this.giveUp();
      return true;
    }
    return false;
  }

  giveUp(): void {
    this.result ??= { format: undefined, score: undefined, headerRecord: undefined, closest: this.closest, firstRecord: this.firstRecord };
  }
}
