import type { SourceRef } from '@lotline/ledger';
import type { TaxResult } from '@lotline/tax-engine';
import type { ReportRepository } from './report.repository';

/**
 * Ledger row ids behind an engine event id: a matched transfer `<withdrawal>><deposit>`, a gas fee `<id>#fee`, an
 * imported row's own id; a manual lot `basis:<resolution id>` has no row.
 */
export function ledgerIdsOf(eventId: string): string[] {
  return eventId
    .replace(/#fee$/, '')
    .split('>')
    .filter((x) => /^\d+$/.test(x));
}

/** Engine event ids the audit trail of `taxYear` names: each disposal row's event and its lot's source events. */
export function auditEventIds(result: Pick<TaxResult, 'disposals'>, taxYear: number): Set<string> {
  const ids = new Set<string>();
  for (const d of result.disposals) {
    if (d.taxYear !== taxYear) continue;
    ids.add(d.eventId);
    for (const id of d.lotSourceEventIds) ids.add(id);
  }
  return ids;
}

/** The audit trail's source lookup for one year, loaded from the ledger rows it needs (not the whole ledger). */
export async function loadEventSources(repo: Pick<ReportRepository, 'eventSources'>, firmId: string, clientId: string, result: Pick<TaxResult, 'disposals'>, taxYear: number): Promise<(eventId: string) => SourceRef | undefined> {
  const eventIds = [...auditEventIds(result, taxYear)];
  const rowsById = await repo.eventSources(firmId, clientId, [...new Set(eventIds.flatMap(ledgerIdsOf))]);
  return (eventId) => {
    if (eventId.startsWith('basis:')) return { kind: 'manual', enteredBy: 'preparer', note: `basis entered in resolution ${eventId.slice(6)}` };
    const [first] = ledgerIdsOf(eventId);
    return first === undefined ? undefined : rowsById.get(first);
  };
}
