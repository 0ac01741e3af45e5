import type { LedgerEvent } from '@lotline/ledger';
import type { Form1099DaLine } from './form-1099-da-line';
import type { ImportIssue } from './import-issue';

/** Every CSV format Lotline reads. The id is stable (stored on import batches, accepted as an override). */
export const FORMAT_IDS = [
  'lotline-generic-v1',
  'coinbase',
  'coinbase-advanced-fills',
  'kraken-ledgers',
  'kraken-trades',
  'gemini',
  'binance-us',
  'binance',
  'crypto-com-app',
  'kucoin',
  'bitstamp',
  'robinhood',
  'koinly-universal',
  'cointracker',
  'coinledger-universal',
  'form-1099-da',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** Raw input: text, bytes (UTF-8 or UTF-16 with BOM), or a sync/async iterable of either (e.g. a file stream). */
export type CsvInput =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

export interface ImportOptions {
  /** File name as uploaded; recorded on every event's source and on every issue. */
  readonly fileName: string;
  /** The own account the file is imported into (used when a row names no account). */
  readonly account: string;
  /** Skip detection and read the file as this format. */
  readonly format?: FormatId;
  /** sha256 of the original file, copied into each event's source when given. */
  readonly fileSha256?: string;
  /**
   * Whether a USD price source is available downstream. When false (default), rows of the generic format whose
   * USD value cannot be derived from the row itself (income, gifts, spend, lost, trades) need `usd_value`.
   */
  readonly hasPriceSource?: boolean;
  /** Events per streamed batch (default 5,000). */
  readonly batchSize?: number;
  /** Issues kept in full (default 1,000); `issueCount` still counts all. */
  readonly maxIssues?: number;
}

/** What detection concluded about a file. */
export interface FormatDetection {
  /** null when the format is unknown (an UNKNOWN_FORMAT issue says why). */
  readonly format: FormatId | null;
  /** 0..1; 1 = every column known and every required column present. */
  readonly confidence: number;
  /** Physical line of the header row (0 when none was found). */
  readonly headerLine: number;
  /** The zone naive timestamps of this format are read in ('UTC', 'America/New_York', '+08:00'); null when unknown. */
  readonly assumedTimeZone: string | null;
  /** Closest formats by score, best first (for messages and the portal's override picker). */
  readonly candidates: readonly { readonly format: FormatId; readonly score: number }[];
}

/** Whole-file result (see `importCsv`). All-or-nothing storage: store only when `issueCount === 0`. */
export interface ImportResult {
  readonly format: FormatId | null;
  readonly confidence: number;
  readonly assumedTimeZone: string | null;
  readonly headerLine: number;
  readonly events: readonly LedgerEvent[];
  readonly form1099DaLines: readonly Form1099DaLine[];
  /** The first `maxIssues` issues: row issues in file order, then end-of-file ones (unpaired legs, broken CSV). */
  readonly issues: readonly ImportIssue[];
  /** All issues, including those beyond `maxIssues`. */
  readonly issueCount: number;
  /** Data rows read after the header (blank lines excluded). */
  readonly rowCount: number;
}

/** Items of the streaming import (see `importCsvStream`), in this order: detected, batch*, done. */
export type ImportStreamItem =
  | { readonly kind: 'detected'; readonly detection: FormatDetection }
  | {
      readonly kind: 'batch';
      readonly events: readonly LedgerEvent[];
      readonly form1099DaLines: readonly Form1099DaLine[];
      readonly issues: readonly ImportIssue[];
      /** Data rows read so far (for progress). */
      readonly rowsDone: number;
      /** Input consumed so far: bytes for byte input (compare with the file size), characters for text input. */
      readonly inputRead: number;
    }
  | {
      readonly kind: 'done';
      readonly rowCount: number;
      readonly eventCount: number;
      readonly form1099DaLineCount: number;
      readonly issueCount: number;
    };
