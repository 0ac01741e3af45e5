import type { LedgerEvent } from '@lotline/ledger';
import { detectBalanceMismatches, matchForm1099Da } from './balance-and-broker';
import { detectDuplicates, detectMissingPrices, detectOutliers, detectUnknownAssets } from './detectors';
import { cryptoLeg } from './event-values';
import { PriceIndex } from './price-table';
import { priceEvent } from './pricing';
import { applyResolutions } from './resolutions';
import { resolveSettings } from './settings';
import { localDate } from './time';
import { matchTransfers, transferEvents } from './transfer-matching';
import type { EventProvenance, PriceSource, ReconcileInput, ReconcileResult, ReconcileSettings, TransferMatch } from './types';
import { buildWarning, compareWarnings, type WarningDraft } from './warning-catalogue';

function timesOf(events: readonly LedgerEvent[]): Float64Array {
  const ms = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) ms[i] = Date.parse(events[i].timestamp);
  return ms;
}

/**
 * The reconciliation pipeline, pure and deterministic: apply the preparer's resolutions (adjustment records), price
 * every event, match transfers between own accounts (exact and high-confidence matches become `transfer` events,
 * lower ones are suggestions), then run the detectors. Pass `events` and `brokerLines` to `computeTaxes`, then merge
 * the engine's warnings with `mergeEngineWarnings`.
 */
export function reconcile(input: ReconcileInput): ReconcileResult {
  const settings = resolveSettings(input.settings);
  const applied = applyResolutions(input.events, input.resolutions ?? []);
  const table = input.priceTable === undefined || input.priceTable.length === 0 ? undefined : new PriceIndex(input.priceTable, settings.priceMaxAgeMs);
  const provenance = new Map<string, EventProvenance>();
  for (const [id, resolutionIds] of applied.changedBy) provenance.set(id, { sourceEventIds: [id], resolutionIds });

  const ms0 = timesOf(applied.events);
  const priced = new Array<LedgerEvent>(applied.events.length);
  const sources = new Map<string, PriceSource>();
  for (let i = 0; i < applied.events.length; i++) {
    const e = applied.events[i];
    const p = priceEvent(e, ms0[i], settings, table, applied.manualPrices.get(e.id));
    priced[i] = p.event;
    if (p.source !== undefined) {
      sources.set(e.id, p.source);
      const prev = provenance.get(e.id);
      const resolutionIds = p.source.kind === 'manual' ? [...(prev?.resolutionIds ?? []), p.source.resolutionId] : (prev?.resolutionIds ?? []);
      provenance.set(e.id, { sourceEventIds: [e.id], priceSource: p.source, resolutionIds });
    }
  }

  const matching = matchTransfers({ events: priced, ms: ms0, settings, forced: applied.forcedPairs, excluded: applied.excludedPairs });
  const byWithdrawal = new Map<string, TransferMatch>(matching.matches.map((m) => [m.withdrawalId, m]));
  const indexById = new Map<string, number>();
  for (const i of matching.consumed) indexById.set(priced[i].id, i);
  const events: LedgerEvent[] = [];
  const drafts: WarningDraft[] = [];
  const suggestionFor = new Map<string, TransferMatch>();
  for (const s of matching.suggestions) {
    suggestionFor.set(s.withdrawalId, s);
    suggestionFor.set(s.depositId, s);
  }
  for (let i = 0; i < priced.length; i++) {
    const e = priced[i];
    if (matching.consumed.has(i)) {
      const m = byWithdrawal.get(e.id);
      if (m === undefined) continue;
      const d = priced[indexById.get(m.depositId) ?? -1];
      for (const t of transferEvents(m, e, d)) {
        events.push(t);
        const ids = [...(provenance.get(e.id)?.resolutionIds ?? []), ...(provenance.get(d.id)?.resolutionIds ?? [])];
        const manual = m.origin === 'manual' ? applied.forcedPairs.find((f) => f.withdrawalId === m.withdrawalId)?.resolutionId : undefined;
        provenance.set(t.id, { sourceEventIds: [e.id, d.id], resolutionIds: manual === undefined ? ids : [...ids, manual], matchId: m.id });
      }
      continue;
    }
    events.push(e);
    if (e.type === 'withdrawal' && cryptoLeg(e.sent) !== undefined) drafts.push(unmatchedDraft(e, 'unmatched-withdrawal', suggestionFor.get(e.id), settings));
    if (e.type === 'deposit' && cryptoLeg(e.received) !== undefined) {
      drafts.push(unmatchedDraft(e, matching.depositsWithCandidates.has(i) ? 'unmatched-deposit' : 'uncategorised-inflow', suggestionFor.get(e.id), settings));
    }
  }

  const ms = timesOf(events);
  const order = Array.from(events.keys()).sort((a, b) => ms[a] - ms[b] || a - b);
  drafts.push(...detectMissingPrices(events, settings));
  drafts.push(...detectDuplicates(events, ms, settings));
  drafts.push(...detectUnknownAssets(events, settings));
  drafts.push(...detectOutliers(events, ms, (i) => provenance.get(events[i].id)?.priceSource === undefined, table, settings));
  drafts.push(...detectBalanceMismatches(events, order, ms, input.reportedBalances ?? [], settings));
  const broker = matchForm1099Da(events, input.form1099Da ?? [], settings);
  drafts.push(...broker.drafts);

  const warnings = drafts.map((d) => buildWarning(d, input.policy, applied.resolvedWarningIds)).sort(compareWarnings);
  return {
    events,
    provenance,
    matches: matching.matches,
    suggestions: matching.suggestions,
    warnings,
    brokerLines: broker.brokerLines,
    resolvedWarningIds: applied.resolvedWarningIds,
    settings,
  };
}

function unmatchedDraft(e: LedgerEvent, kind: 'unmatched-withdrawal' | 'unmatched-deposit' | 'uncategorised-inflow', suggestion: TransferMatch | undefined, s: ReconcileSettings): WarningDraft {
  const leg = kind === 'unmatched-withdrawal' ? e.sent : e.received;
  const what = `${leg?.amount.toFixed() ?? ''} ${leg?.asset ?? ''}`;
  const date = localDate(e.timestamp, s.timeZone);
  const hint =
    suggestion === undefined
      ? ''
      : ` Suggested match: ${kind === 'unmatched-withdrawal' ? `deposit ${suggestion.depositId} in ${suggestion.toAccount}` : `withdrawal ${suggestion.withdrawalId} from ${suggestion.fromAccount}`} (${suggestion.tier} confidence ${suggestion.confidence}).`;
  const message =
    kind === 'unmatched-withdrawal'
      ? `Withdrawal of ${what} from ${e.account} on ${date} has no matching deposit in another of the client's accounts. Match it to a deposit, or mark it as sent to a third party (sale, payment or gift).${hint}`
      : kind === 'unmatched-deposit'
        ? `Deposit of ${what} into ${e.account} on ${date} was not matched to a withdrawal with enough confidence. Match it, or mark it as external income or a purchase.${hint}`
        : `Deposit of ${what} into ${e.account} on ${date} comes from an unknown source. Was it income, a purchase, a transfer from another of the client's accounts, or a gift?`;
  return { kind, eventIds: [e.id], account: e.account, asset: leg?.asset ?? null, at: e.timestamp, message };
}
