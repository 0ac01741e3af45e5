import type { LedgerEvent } from '@lotline/ledger';
import { detectBalanceMismatches, matchForm1099Da } from './balance-and-broker';
import { detectDuplicates, detectMissingPrices, detectOutliers, detectUnknownAssets } from './detectors';
import { cryptoLeg } from './event-values';
import { PriceIndex } from './price-table';
import { priceEvent } from './pricing';
import { applyResolutions } from './resolutions';
import { resolveSettings } from './settings';
import { isoMs, localDate } from './time';
import { matchTransfers, transferEvents } from './transfer-matching';
import type { EventProvenance, ReconcileInput, ReconcileResult, ReconcileSettings, TransferMatch } from './types';
import { buildWarning, compareWarnings, type WarningDraft } from './warning-catalogue';

const NONE: readonly string[] = [];

function timesOf(events: readonly LedgerEvent[]): Float64Array {
  const ms = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) ms[i] = isoMs(events[i].timestamp);
  return ms;
}

/** Indices in time order (ties by index); input that is already in order (the usual case) is not sorted again. */
function timeOrder(ms: Float64Array): number[] {
  const order = new Array<number>(ms.length);
  let sorted = true;
  for (let i = 0; i < ms.length; i++) {
    order[i] = i;
    if (i > 0 && ms[i] < ms[i - 1]) sorted = false;
  }
  return sorted ? order : order.sort((a, b) => ms[a] - ms[b] || a - b);
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
  const priced: LedgerEvent[] = [];
  const pricedHere = new Uint8Array(applied.events.length);
  /** Events priced by an enter-price resolution (their resolution ids travel into transfers). */
  const sources = new Set<string>();
  const manualPrices = applied.manualPrices.size > 0 ? applied.manualPrices : undefined;
  for (let i = 0; i < applied.events.length; i++) {
    const e = applied.events[i];
    const p = priceEvent(e, ms0[i], settings, table, manualPrices?.get(e.id));
    if (p === undefined) {
      priced.push(e);
      continue;
    }
    priced.push(p.event);
    if (p.source !== undefined) {
      pricedHere[i] = 1;
      if (p.source.kind === 'manual') sources.add(e.id);
      const prev = provenance.get(e.id);
      const resolutionIds = p.source.kind === 'manual' ? [...(prev?.resolutionIds ?? []), p.source.resolutionId] : (prev?.resolutionIds ?? []);
      provenance.set(e.id, { sourceEventIds: [e.id], priceSource: p.source, resolutionIds });
    }
  }

  const matching = matchTransfers({ events: priced, ms: ms0, settings, forced: applied.forcedPairs, excluded: applied.excludedPairs });
  const events: LedgerEvent[] = [];
  const finalMs: number[] = [];
  /** Per output event: 1 when its value came from this pipeline (table, stablecoin, manual), not from the file. */
  const derivedPrice: number[] = [];
  const drafts: WarningDraft[] = [];
  const suggestionFor = new Map<string, TransferMatch>();
  for (const s of matching.suggestions) {
    suggestionFor.set(s.withdrawalId, s);
    suggestionFor.set(s.depositId, s);
  }
  for (let i = 0; i < priced.length; i++) {
    const e = priced[i];
    if (matching.consumed[i] === 1) {
      const k = matching.matchOf[i];
      if (k === 0) continue;
      const m = matching.matches[k - 1];
      const d = priced[matching.depositIndex[k - 1]];
      for (const t0 of transferEvents(m, e, d)) {
        // A price entered for the transfer itself (the engine asks for one to value its fee units).
        const manual = manualPrices?.get(t0.id);
        const t = manual === undefined ? t0 : t0.type === 'fee' ? { ...t0, feeUsd: manual.usdValue } : { ...t0, usdValue: manual.usdValue };
        events.push(t);
        finalMs.push(ms0[i]);
        derivedPrice.push(1);
        const ids = applied.changedBy.size === 0 && sources.size === 0 ? NONE : [...(provenance.get(e.id)?.resolutionIds ?? []), ...(provenance.get(d.id)?.resolutionIds ?? [])];
        const pairedBy = m.origin === 'manual' ? applied.forcedPairs.find((f) => f.withdrawalId === m.withdrawalId)?.resolutionId : undefined;
        const extra = [...(pairedBy === undefined ? [] : [pairedBy]), ...(manual === undefined ? [] : [manual.resolutionId])];
        provenance.set(t.id, {
          sourceEventIds: [e.id, d.id],
          resolutionIds: extra.length === 0 ? ids : [...ids, ...extra],
          matchId: m.id,
          ...(manual === undefined ? {} : { priceSource: { kind: 'manual' as const, resolutionId: manual.resolutionId, source: manual.source } }),
        });
      }
      continue;
    }
    events.push(e);
    finalMs.push(ms0[i]);
    derivedPrice.push(pricedHere[i]);
    if (e.type === 'withdrawal' && cryptoLeg(e.sent) !== undefined) drafts.push(unmatchedDraft(e, 'unmatched-withdrawal', suggestionFor.get(e.id), settings));
    if (e.type === 'deposit' && cryptoLeg(e.received) !== undefined) {
      drafts.push(unmatchedDraft(e, matching.depositsWithCandidates[i] === 1 ? 'unmatched-deposit' : 'uncategorised-inflow', suggestionFor.get(e.id), settings));
    }
  }

  const ms = Float64Array.from(finalMs);
  const order = timeOrder(ms);
  drafts.push(...detectMissingPrices(events, settings));
  drafts.push(...detectDuplicates(events, ms, order, settings));
  drafts.push(...detectUnknownAssets(events, settings));
  drafts.push(...detectOutliers(events, ms, (i) => derivedPrice[i] === 0, table, settings));
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
