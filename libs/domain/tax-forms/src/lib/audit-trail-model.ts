import type { LotRecord } from '@lotline/tax-engine';
import type { Form8949Model } from './form-8949-model';
import { describeSource, type SourceLookup } from './report-context';

/** One link of the chain behind an 8949 row: the disposal event itself, or an event that brought the lot's units. */
export interface AuditSourceLink {
  readonly role: 'disposal' | 'acquisition' | 'transfer';
  readonly eventId: string;
  readonly source: string;
}

/** One engine row printed on Form 8949 (a lot piece), with where it is printed and what it comes from. */
export interface AuditTrailEntry {
  readonly sheet: number;
  readonly line: number;
  readonly box: string;
  readonly description: string;
  readonly dateSold: string;
  readonly eventId: string;
  readonly lotId: string | null;
  readonly lotDateAcquired: string | null;
  readonly missingBasis: boolean;
  readonly links: readonly AuditSourceLink[];
  readonly row: Form8949Model['pages'][number]['lines'][number]['rows'][number];
}

export interface AuditTrailModel {
  readonly context: Form8949Model['context'];
  readonly entries: readonly AuditTrailEntry[];
}

/**
 * Every Form 8949 row -> its lot -> the source rows: the disposal event's own source, then every event in the lot's
 * chain (the acquisition first, then each transfer that moved the units), each resolved to its file/line, API
 * record or manual entry through `sources`.
 */
export function buildAuditTrail(form8949: Form8949Model, lots: readonly LotRecord[], sources: SourceLookup): AuditTrailModel {
  const lotById = new Map<string, LotRecord>();
  for (const l of lots) lotById.set(l.id, l);
  const entries: AuditTrailEntry[] = [];
  for (const page of form8949.pages) {
    for (const line of page.lines) {
      for (const row of line.rows) {
        const lot = row.lotId === null ? undefined : lotById.get(row.lotId);
        const chain = row.lotSourceEventIds;
        const links: AuditSourceLink[] = [{ role: 'disposal', eventId: row.eventId, source: describeSource(sources(row.eventId)) }];
        chain.forEach((id, i) => links.push({ role: i === 0 ? 'acquisition' : 'transfer', eventId: id, source: describeSource(sources(id)) }));
        entries.push({
          sheet: page.sheet,
          line: line.line,
          box: page.box,
          description: row.description,
          dateSold: row.dateSold,
          eventId: row.eventId,
          lotId: row.lotId,
          lotDateAcquired: lot?.dateAcquired ?? row.dateAcquired,
          missingBasis: row.missingBasis,
          links,
          row,
        });
      }
    }
  }
  return { context: form8949.context, entries };
}
