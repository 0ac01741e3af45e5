/**
 * Shared row helper for parsers: reads typed values out of the current row and reports an issue (with the column's
 * header name and the raw value) for anything that cannot be read. `ok` turns false after the first issue on a row so
 * parsers can drop the row without emitting a half-read event.
 */
import type { Decimal } from '@lotline/ledger';
import { parsePositiveAmount, parseSignedAmount } from '../normalise/amount-parser';
import { normaliseAsset } from '../normalise/asset-symbol';
import { parseTimestamp, type TimestampOptions } from '../normalise/timestamp-parser';
import type { IssueCode } from '../model/import-issue';
import type { HeaderIndex, RowSink } from './source-format';

const MAX_VALUE_LENGTH = 200;

export class FieldReader {
  fields: readonly string[] = [];
  line = 0;
  ok = true;

  constructor(
    readonly header: HeaderIndex,
    readonly sink: RowSink,
  ) {}

  /** Starts a new row. */
  start(fields: readonly string[], line: number): void {
    this.fields = fields;
    this.line = line;
    this.ok = true;
  }

  /** Column position by any of the given normalised names (first match), -1 when absent. */
  col(...names: string[]): number {
    for (const name of names) {
      const i = this.header.indexOf(name);
      if (i >= 0) return i;
    }
    return -1;
  }

  columnName(col: number): string | undefined {
    return col >= 0 ? this.header.raw[col] : undefined;
  }

  /** Trimmed cell text ('' when the column is absent or the row is short). */
  text(col: number): string {
    if (col < 0) return '';
    const v = this.fields[col];
    return v === undefined ? '' : v.trim();
  }

  fail(code: IssueCode, message: string, col = -1, value?: string): void {
    this.ok = false;
    const shown = value === undefined ? (col >= 0 ? this.text(col) : undefined) : value;
    this.sink.issue(this.line, code, message, this.columnName(col), shown === undefined ? undefined : shown.slice(0, MAX_VALUE_LENGTH));
  }

  /** Non-empty cell text, or an issue. */
  required(col: number, what: string): string | undefined {
    const v = this.text(col);
    if (v === '') {
      this.fail('MISSING_FIELD', `${what} is required`, col, '');
      return undefined;
    }
    return v;
  }

  timestamp(col: number, options: TimestampOptions, text?: string): string | undefined {
    const raw = text ?? this.required(col, this.columnName(col) ?? 'date');
    if (raw === undefined) return undefined;
    const r = parseTimestamp(raw, options);
    if (!r.ok) {
      this.fail('INVALID_DATE', r.message, col, raw);
      return undefined;
    }
    return r.iso;
  }

  /** Positive decimal (Lotline formats): empty -> undefined without an issue unless `required`. */
  positive(col: number, options: { required?: boolean; maxDecimals?: number; allowZero?: boolean } = {}): Decimal | undefined {
    const raw = this.text(col);
    if (raw === '') {
      if (options.required === true) this.fail('MISSING_FIELD', `${this.columnName(col) ?? 'amount'} is required`, col, '');
      return undefined;
    }
    const r = parsePositiveAmount(raw, options.maxDecimals);
    if (!r.ok) {
      this.fail(r.code, r.message, col, raw);
      return undefined;
    }
    if (r.value.isZero() && options.allowZero !== true) {
      this.fail('ZERO_AMOUNT', `${this.columnName(col) ?? 'amount'} must be greater than zero`, col, raw);
      return undefined;
    }
    return r.value;
  }

  /** Signed decimal (exchange exports: "$1,234.56", "(0.5 BTC)"); empty -> undefined, or an issue if `required`. */
  signed(col: number, required = false, text?: string): Decimal | undefined {
    const raw = text ?? this.text(col);
    if (raw === '' || raw === '-' || raw === '--') {
      if (required) this.fail('MISSING_FIELD', `${this.columnName(col) ?? 'amount'} is required`, col, raw);
      return undefined;
    }
    const r = parseSignedAmount(raw);
    if (!r.ok) {
      this.fail(r.code, r.message, col, raw);
      return undefined;
    }
    return r.value;
  }

  /** Absolute value of a signed amount (exports that sign quantities by direction). */
  magnitude(col: number, required = false, text?: string): Decimal | undefined {
    const v = this.signed(col, required, text);
    return v === undefined ? undefined : v.abs();
  }

  /** Asset symbol, or an issue. */
  asset(col: number, required = true, text?: string): string | undefined {
    const raw = text ?? this.text(col);
    if (raw === '') {
      if (required) this.fail('MISSING_FIELD', `${this.columnName(col) ?? 'asset'} is required`, col, raw);
      return undefined;
    }
    const a = normaliseAsset(raw);
    if (a === undefined) this.fail('INVALID_ASSET', `"${raw}" is not an asset symbol`, col, raw);
    return a;
  }
}
