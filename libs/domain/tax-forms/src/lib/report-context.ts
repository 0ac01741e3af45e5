import type { SourceRef } from '@lotline/ledger';
import type { CostBasisMethod } from '@lotline/tax-engine';

/** How amounts are printed on forms: whole dollars or cents (firm setting). Rounding happens only at output. */
export type Rounding = 'dollars' | 'cents';
/** Where ordinary income from digital assets is reported (client setting). */
export type IncomeSchedule = 'schedule1' | 'scheduleC';

/** Who the report is for, how it prints and which generation produced it (all passed in: no clock here). */
export interface ReportContext {
  readonly clientName: string;
  /** SSN / TIN as the firm entered it; only rendered, never stored by this library. Omitted: the field stays blank. */
  readonly tin?: string;
  readonly firmName: string;
  readonly taxYear: number;
  readonly method: CostBasisMethod;
  readonly rounding: Rounding;
  readonly incomeSchedule: IncomeSchedule;
  /** Report version (1, 2, ...) as stored by the generator. */
  readonly version: number;
  /** ISO 8601 instant of the generation, passed in by the caller. */
  readonly generatedAt: string;
}

/** Source of each ledger event (file/line, API record, manual entry), by event id: the audit trail's last hop. */
export type SourceLookup = (eventId: string) => SourceRef | undefined;

/** Source lookup over a list of events (e.g. the ledger events the engine was given). */
export function sourcesOf(events: readonly { readonly id: string; readonly source: SourceRef }[]): SourceLookup {
  const map = new Map<string, SourceRef>();
  for (const e of events) map.set(e.id, e.source);
  return (id) => map.get(id);
}

/** One-line text of a source: "coinbase.csv line 12", "kraken record T123", "manual (jane@firm.test): note". */
export function describeSource(source: SourceRef | undefined): string {
  if (source === undefined) return 'unknown source';
  switch (source.kind) {
    case 'file':
      return `${source.fileName} line ${source.line}`;
    case 'api':
      return `${source.exchange} record ${source.recordId}`;
    case 'manual':
      return `manual (${source.enteredBy})${source.note ? `: ${source.note}` : ''}`;
  }
}
