/** Stable issue codes. Never rename one: the API, the portal and stored import reports depend on them. */
export const ISSUE_CODES = [
  /** The file is binary or clearly not CSV text (spreadsheet, PDF, image, JSON, HTML). */
  'NOT_CSV',
  /** The file has no records at all. */
  'EMPTY_FILE',
  /** The CSV structure itself is broken (e.g. a quote that is never closed). */
  'MALFORMED_CSV',
  /** No known header was found; the message names the closest formats and the generic template. */
  'UNKNOWN_FORMAT',
  /** The header lacks a column the (detected or chosen) format needs. */
  'MISSING_COLUMN',
  /** A value the row needs is empty. */
  'MISSING_FIELD',
  /** A value that should be a decimal number is not one (or uses an ambiguous thousands separator). */
  'INVALID_DECIMAL',
  /** An amount that must be positive is negative. */
  'NEGATIVE_AMOUNT',
  /** An amount that must be positive is zero. */
  'ZERO_AMOUNT',
  /** A quantity has more than 18 decimal places. */
  'PRECISION_EXCEEDED',
  /** A date/time is missing its offset where one is required, or cannot be read. */
  'INVALID_DATE',
  /** The transaction type/kind/label is not one this format knows. */
  'UNKNOWN_TYPE',
  /** The type is known but Lotline does not support it (e.g. margin trading). */
  'UNSUPPORTED_TYPE',
  /** The income kind is not one of the canonical kinds. */
  'UNKNOWN_INCOME_KIND',
  /** An asset symbol is empty or malformed. */
  'INVALID_ASSET',
  /** A currency Lotline cannot value (e.g. prices quoted in a non-USD fiat). */
  'UNSUPPORTED_CURRENCY',
  /** Fields contradict each other (e.g. a buy paid in BTC, received + fee != sent for a transfer). */
  'INCONSISTENT_ROW',
  /** One leg of a multi-row transaction (e.g. a Kraken trade) has no matching other leg. */
  'UNMATCHED_LEG',
  /** A value outside the allowed set (e.g. box 6 not S/L/O). */
  'INVALID_VALUE',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One problem found while reading a file. Line 0 means the whole file; lines are physical, 1-based. */
export interface ImportIssue {
  readonly file: string;
  readonly line: number;
  /** Header name of the offending column, when one column is at fault. */
  readonly column?: string;
  /** The offending raw value (truncated to 200 characters). */
  readonly value?: string;
  readonly code: IssueCode;
  readonly message: string;
}
