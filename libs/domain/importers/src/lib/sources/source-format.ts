import type { Decimal, LedgerEvent } from '@lotline/ledger';
import type { Form1099DaLine } from '../model/form-1099-da-line';
import type { IssueCode } from '../model/import-issue';
import type { FormatId } from '../model/import-types';

/** A ledger event before the pipeline stamps its id and source. */
export type EventDraft = Omit<LedgerEvent, 'id' | 'source'>;
export type Form1099DaDraft = Omit<Form1099DaLine, 'id' | 'source'>;

/** Header row of a file, with names normalised (trimmed, lower-case, single spaces). */
export interface HeaderIndex {
  readonly names: readonly string[];
  /** Header cells as written in the file (for issue messages). */
  readonly raw: readonly string[];
  /** Column position by normalised name, -1 when absent. */
  indexOf(name: string): number;
}

/** Where parsers put their output; the pipeline assigns ids (fingerprints) and source references. */
export interface RowSink {
  readonly fileName: string;
  /** The account the file is imported into. */
  readonly account: string;
  readonly hasPriceSource: boolean;
  /**
   * Emits an event. `externalKey` (exchange id, tx hash...) makes the fingerprint independent of the other fields;
   * without it the fingerprint is built from the normalised fields.
   */
  event(line: number, draft: EventDraft, externalKey?: string): void;
  form1099Da(line: number, draft: Form1099DaDraft): void;
  issue(line: number, code: IssueCode, message: string, column?: string, value?: string): void;
}

export interface RowParser {
  /** One data row (never blank). */
  row(fields: readonly string[], line: number): void;
  /** End of file: flush rows held for grouping (e.g. the two legs of a Kraken trade). */
  finish(): void;
}

export interface HeaderVariant {
  /** Normalised column names that must all be present. */
  readonly required: readonly string[];
  /** Other normalised column names this variant may have. */
  readonly optional?: readonly string[];
}

/** One supported CSV format. */
export interface SourceFormat {
  readonly id: FormatId;
  readonly label: string;
  /** Source family used in fingerprints, so the same exchange's files and variants dedupe together. */
  readonly family: string;
  /** Zone naive timestamps are read in, as the vendor documents it. */
  readonly timeZone: string;
  /** When the zone depends on the header (KuCoin names it in the column, e.g. "Filled Time(UTC+08:00)"). */
  readonly timeZoneFor?: (header: HeaderIndex) => string;
  readonly headerVariants: readonly HeaderVariant[];
  /** Extra predicate for dynamic columns (e.g. Gemini's per-asset columns). */
  readonly isKnownColumn?: (name: string) => boolean;
  createRowParser(header: HeaderIndex, sink: RowSink): RowParser;
}


type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Optional parts of an event; undefined and empty-string values are left out. */
export interface DraftParts {
  readonly sent?: LedgerEvent['sent'];
  readonly received?: LedgerEvent['received'];
  readonly fee?: LedgerEvent['fee'];
  readonly usdValue?: Decimal;
  readonly feeUsd?: Decimal;
  readonly toAccount?: string;
  readonly incomeKind?: LedgerEvent['incomeKind'];
  readonly externalId?: string;
  readonly note?: string;
}

/** Builds an event draft with only the parts that are present (one allocation, stable key order). */
export function makeDraft(account: string, timestamp: string, type: LedgerEvent['type'], p: DraftParts): EventDraft {
  const d: Mutable<EventDraft> = { account, timestamp, type };
  if (p.sent !== undefined) d.sent = p.sent;
  if (p.received !== undefined) d.received = p.received;
  if (p.fee !== undefined && !p.fee.amount.isZero()) d.fee = p.fee;
  if (p.usdValue !== undefined) d.usdValue = p.usdValue;
  if (p.feeUsd !== undefined) d.feeUsd = p.feeUsd;
  if (p.toAccount !== undefined && p.toAccount !== '') d.toAccount = p.toAccount;
  if (p.incomeKind !== undefined) d.incomeKind = p.incomeKind;
  if (p.externalId !== undefined && p.externalId !== '') d.externalId = p.externalId;
  if (p.note !== undefined && p.note !== '') d.note = p.note;
  return d;
}
