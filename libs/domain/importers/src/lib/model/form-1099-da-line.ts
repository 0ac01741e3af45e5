import type { Decimal, SourceRef } from '@lotline/ledger';

/** Box 6 of Form 1099-DA: the term of the gain or loss. */
export type Form1099DaTerm = 'short' | 'long' | 'ordinary';

/**
 * One line (one disposition) of a broker's Form 1099-DA, as imported for reconciliation against computed gains.
 * Dates are calendar dates (YYYY-MM-DD) as printed on the form; `dateAcquired` may be 'VARIOUS'.
 */
export interface Form1099DaLine {
  /** Stable fingerprint of the line (same file -> same ids). */
  readonly id: string;
  /** Filer (broker) name. */
  readonly brokerName: string;
  /** Box 1a: code for the digital asset (e.g. a DTI code or ticker). */
  readonly assetCode?: string;
  /** Box 1b: name of the digital asset. */
  readonly assetName: string;
  /** Box 1c: number of units. */
  readonly units: Decimal;
  /** Box 1d: date acquired (YYYY-MM-DD or 'VARIOUS'); often blank for noncovered assets. */
  readonly dateAcquired?: string;
  /** Box 1e: date sold or disposed (YYYY-MM-DD). */
  readonly dateDisposed: string;
  /** Box 1f: proceeds (USD). */
  readonly proceeds: Decimal;
  /** Box 1g: cost or other basis (USD), when the broker reports it. */
  readonly costBasis?: Decimal;
  /** Box 2: checked if basis was reported to the IRS. */
  readonly basisReportedToIrs: boolean;
  /** Box 6: short-term, long-term or ordinary. */
  readonly term?: Form1099DaTerm;
  /** Box 9: checked if the digital asset is a noncovered security. */
  readonly noncovered: boolean;
  /** Box 12a: number of units transferred in. */
  readonly unitsTransferredIn?: Decimal;
  /** Box 12b: transfer-in date (YYYY-MM-DD). */
  readonly transferInDate?: string;
  readonly source: SourceRef;
}
