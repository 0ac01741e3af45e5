import type { Decimal } from '@lotline/ledger';
import { ownValue } from './event-values';
import type { ReconcileResult, Resolution, WarningKind } from './types';

/** Who records a bulk action, when, why; `batchId` makes the record ids (`<batchId>:<target>`) unique and stable. */
export interface BulkMeta {
  readonly batchId: string;
  readonly who: string;
  readonly at: string;
  readonly reason: string;
}

/**
 * Bulk action "accept all suggested matches at or above a confidence": one match-pair record per suggestion, answering
 * the two unmatched warnings of the pair. Suggestions never share an event, so every record applies.
 */
export function acceptSuggestions(result: ReconcileResult, minConfidence: number, meta: BulkMeta): Resolution[] {
  return result.suggestions
    .filter((s) => s.confidence >= minConfidence)
    .map((s) => ({
      id: `${meta.batchId}:${s.id}`,
      payload: { action: 'match-pair', withdrawalId: s.withdrawalId, depositId: s.depositId },
      warningIds: [`unmatched-withdrawal:${s.withdrawalId}`, `unmatched-deposit:${s.depositId}`],
      who: meta.who,
      at: meta.at,
      reason: meta.reason,
    }));
}

const DUST_KINDS: ReadonlySet<WarningKind> = new Set(['unmatched-withdrawal', 'unmatched-deposit', 'uncategorised-inflow', 'possible-duplicate', 'price-outlier']);

/**
 * Bulk action "mark all dust below a threshold": an explain record (the preparer accepts the item as immaterial) for
 * every open warning of the kinds above whose events are all worth less than `maxUsd` (own or priced value; events
 * without any value are never dust).
 */
export function dustResolutions(result: ReconcileResult, maxUsd: Decimal, meta: BulkMeta): Resolution[] {
  const candidates = result.warnings.filter((w) => w.status === 'open' && DUST_KINDS.has(w.kind) && w.eventIds.length > 0);
  const wanted = new Set(candidates.flatMap((w) => w.eventIds));
  const value = new Map<string, Decimal | undefined>();
  for (const e of result.events) if (wanted.has(e.id)) value.set(e.id, ownValue(e));
  return candidates
    .filter((w) => w.eventIds.every((id) => {
      const v = value.get(id);
      return v !== undefined && v.abs().lt(maxUsd);
    }))
    .map((w) => ({
      id: `${meta.batchId}:${w.id}`,
      payload: { action: 'explain', warningId: w.id },
      warningIds: [w.id],
      who: meta.who,
      at: meta.at,
      reason: `${meta.reason} (dust below ${maxUsd.toFixed()} USD)`,
    }));
}
