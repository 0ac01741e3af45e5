import { Decimal, type LedgerEvent } from '@lotline/ledger';
import { maxWeightAssignment, type Edge } from './assignment';
import { cryptoLeg } from './event-values';
import type { MatchTier, ReconcileSettings, TransferMatch } from './types';

/** One side of a possible transfer: a withdrawal (total out) or a deposit (net in). */
interface Side {
  readonly index: number;
  readonly event: LedgerEvent;
  readonly ms: number;
  readonly asset: string;
  readonly amount: Decimal;
  /** Approximation used only to prune candidates before the exact Decimal check. */
  readonly approx: number;
}

export interface MatchingInput {
  readonly events: readonly LedgerEvent[];
  readonly ms: Float64Array;
  readonly settings: ReconcileSettings;
  /** Pairs the preparer matched (match-pair): taken first, as given. */
  readonly forced: readonly { readonly withdrawalId: string; readonly depositId: string; readonly resolutionId: string }[];
  /** Pairs the preparer unmatched (unmatch): never proposed again. */
  readonly excluded: ReadonlySet<string>;
}

export interface MatchingResult {
  readonly matches: readonly TransferMatch[];
  readonly suggestions: readonly TransferMatch[];
  /** Event indices consumed by applied matches. */
  readonly consumed: ReadonlySet<number>;
  /** Deposit event indices that had at least one candidate withdrawal (the others are uncategorised inflows). */
  readonly depositsWithCandidates: ReadonlySet<number>;
}

export const pairKey = (withdrawalId: string, depositId: string): string => `${withdrawalId}>${depositId}`;

function sideOf(e: LedgerEvent, index: number, ms: number): Side | undefined {
  if (e.type === 'withdrawal') {
    const leg = cryptoLeg(e.sent);
    if (leg === undefined) return undefined;
    const amount = e.fee !== undefined && e.fee.asset === leg.asset ? leg.amount.plus(e.fee.amount) : leg.amount;
    return { index, event: e, ms, asset: leg.asset, amount, approx: amount.toNumber() };
  }
  if (e.type === 'deposit') {
    const leg = cryptoLeg(e.received);
    if (leg === undefined) return undefined;
    const amount = e.fee !== undefined && e.fee.asset === leg.asset ? leg.amount.minus(e.fee.amount) : leg.amount;
    return { index, event: e, ms, asset: leg.asset, amount, approx: amount.toNumber() };
  }
  return undefined;
}

export function tierOf(confidence: number, exact: boolean): MatchTier {
  if (exact) return 'exact';
  return confidence >= 0.85 ? 'high' : confidence >= 0.6 ? 'medium' : 'low';
}

/**
 * Confidence of a candidate: 1 for an equal tx hash; otherwise 0.99 less up to 0.25 for the time taken (share of
 * the window) and up to 0.25 for the fee (share of the tolerance), rounded to 4 decimals. A score, not an amount.
 */
export function scoreCandidate(gapMs: number, windowMs: number, fee: Decimal, sent: Decimal, tolerance: Decimal, sameHash: boolean): number {
  if (sameHash) return 1;
  const t = windowMs > 0 ? Math.min(1, gapMs / windowMs) : 0;
  const maxFee = sent.times(tolerance);
  const a = fee.isZero() ? 0 : maxFee.isZero() ? 1 : Math.min(1, fee.div(maxFee).toNumber());
  return Math.round((0.99 - 0.25 * t - 0.25 * a) * 10_000) / 10_000;
}

function makeMatch(w: Side, d: Side, confidence: number, exact: boolean, origin: TransferMatch['origin'], reason: string): TransferMatch {
  return {
    id: pairKey(w.event.id, d.event.id),
    withdrawalId: w.event.id,
    depositId: d.event.id,
    asset: w.asset,
    fromAccount: w.event.account,
    toAccount: d.event.account,
    sent: w.amount,
    received: d.amount,
    fee: w.amount.minus(d.amount),
    confidence,
    tier: tierOf(confidence, exact),
    gapMs: d.ms - w.ms,
    origin,
    reason,
  };
}

function lowerBound(list: readonly Side[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Transfer matching between own accounts. Per asset, withdrawals and deposits are sorted by time; each withdrawal
 * considers only deposits in [its time, its time + window] (binary search), in another account, with
 * received <= sent and sent - received <= tolerance x sent (equal tx hashes are exact at any distance). Exact matches
 * are fixed first; the remaining candidates are assigned one-to-one maximising total confidence
 * (`maxWeightAssignment`). O(n log n + C) for n events and C candidates in windows, plus the component solves.
 */
export function matchTransfers(input: MatchingInput): MatchingResult {
  const { events, ms, settings } = input;
  const withdrawals = new Map<string, Side[]>();
  const deposits = new Map<string, Side[]>();
  const byId = new Map<string, Side>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type !== 'withdrawal' && e.type !== 'deposit') continue;
    const side = sideOf(e, i, ms[i]);
    if (side === undefined) continue;
    byId.set(e.id, side);
    const target = e.type === 'withdrawal' ? withdrawals : deposits;
    let list = target.get(side.asset);
    if (list === undefined) target.set(side.asset, (list = []));
    list.push(side);
  }
  const consumed = new Set<number>();
  const matches: TransferMatch[] = [];
  for (const f of input.forced) {
    const w = byId.get(f.withdrawalId);
    const d = byId.get(f.depositId);
    if (w === undefined || d === undefined || w.event.type !== 'withdrawal' || d.event.type !== 'deposit' || w.asset !== d.asset) continue;
    if (consumed.has(w.index) || consumed.has(d.index)) continue;
    consumed.add(w.index);
    consumed.add(d.index);
    matches.push(makeMatch(w, d, 1, false, 'manual', `matched by the preparer (${f.resolutionId})`));
  }

  const depositsWithCandidates = new Set<number>();
  const suggestions: TransferMatch[] = [];
  const tol = settings.transferFeeTolerance;
  const tolApprox = tol.toNumber();
  for (const [asset, ws0] of withdrawals) {
    const ds = (deposits.get(asset) ?? []).filter((d) => !consumed.has(d.index)).sort((a, b) => a.ms - b.ms || a.index - b.index);
    const ws = ws0.filter((w) => !consumed.has(w.index)).sort((a, b) => a.ms - b.ms || a.index - b.index);
    if (ds.length === 0 || ws.length === 0) continue;
    const byHash = new Map<string, number[]>();
    ds.forEach((d, j) => {
      const h = d.event.externalId;
      if (h !== undefined && h !== '') byHash.set(h, [...(byHash.get(h) ?? []), j]);
    });
    const exact: Edge[] = [];
    const scored: Edge[] = [];
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      const accept = (j: number, sameHash: boolean): void => {
        const d = ds[j];
        if (d.event.account === w.event.account || d.ms < w.ms) return;
        if (!sameHash && (d.approx > w.approx * (1 + 1e-9) || d.approx < w.approx * (1 - tolApprox) * (1 - 1e-9))) return;
        if (d.amount.gt(w.amount)) return;
        const fee = w.amount.minus(d.amount);
        if (!sameHash && fee.gt(w.amount.times(tol))) return;
        depositsWithCandidates.add(d.index);
        if (input.excluded.has(pairKey(w.event.id, d.event.id))) return;
        const confidence = scoreCandidate(d.ms - w.ms, settings.transferWindowMs, fee, w.amount, tol, sameHash);
        (sameHash ? exact : scored).push({ row: i, col: j, weight: Math.round(confidence * 10_000) });
      };
      const h = w.event.externalId;
      const hashCols = h !== undefined && h !== '' ? (byHash.get(h) ?? []) : [];
      for (const j of hashCols) accept(j, true);
      const end = w.ms + settings.transferWindowMs;
      for (let j = lowerBound(ds, w.ms); j < ds.length && ds[j].ms <= end; j++) {
        if (!hashCols.includes(j)) accept(j, false);
      }
    }
    const usedRows = new Set<number>();
    const usedCols = new Set<number>();
    for (const e of exact) {
      if (usedRows.has(e.row) || usedCols.has(e.col)) continue;
      usedRows.add(e.row);
      usedCols.add(e.col);
      matches.push(makeMatch(ws[e.row], ds[e.col], 1, true, 'auto', 'same transaction hash'));
    }
    const open = scored.filter((e) => !usedRows.has(e.row) && !usedCols.has(e.col));
    for (const e of maxWeightAssignment(ws.length, ds.length, open)) {
      const confidence = e.weight / 10_000;
      const auto = confidence >= settings.autoMatchConfidence;
      const reason = `same asset and amount within the fee tolerance, deposit ${describeGap(ds[e.col].ms - ws[e.row].ms)} after the withdrawal`;
      (auto ? matches : suggestions).push(makeMatch(ws[e.row], ds[e.col], confidence, false, auto ? 'auto' : 'suggested', reason));
    }
  }
  for (const m of matches) {
    consumed.add(byId.get(m.withdrawalId)?.index ?? -1);
    consumed.add(byId.get(m.depositId)?.index ?? -1);
  }
  const order = (a: TransferMatch, b: TransferMatch): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { matches: matches.sort(order), suggestions: suggestions.sort(order), consumed, depositsWithCandidates };
}

function describeGap(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/**
 * The canonical transfer replacing a matched pair: from the withdrawal's account to the deposit's, fee = sent -
 * received (same asset). A withdrawal fee paid in another crypto asset (gas) becomes its own fee event
 * `<match id>#fee` when the transfer already carries a same-asset fee (one event holds one fee).
 */
export function transferEvents(match: TransferMatch, w: LedgerEvent, d: LedgerEvent): LedgerEvent[] {
  const asset = match.asset;
  const otherFee = w.fee !== undefined && w.fee.asset !== asset && cryptoLeg(w.fee) !== undefined ? w.fee : undefined;
  const unit = unitValue(w) ?? unitValue(d);
  const transfer: LedgerEvent = {
    id: match.id,
    account: w.account,
    toAccount: d.account,
    timestamp: w.timestamp,
    type: 'transfer',
    sent: { asset, amount: match.sent },
    received: { asset, amount: match.received },
    ...(match.fee.gt(0) ? { fee: { asset, amount: match.fee } } : otherFee !== undefined ? { fee: otherFee } : {}),
    ...(unit === undefined ? {} : { usdValue: unit.times(match.sent) }),
    ...(otherFee !== undefined && match.fee.isZero() && w.feeUsd !== undefined ? { feeUsd: w.feeUsd } : {}),
    ...(w.externalId !== undefined ? { externalId: w.externalId } : d.externalId !== undefined ? { externalId: d.externalId } : {}),
    ...(w.note !== undefined ? { note: w.note } : {}),
    source: w.source,
  };
  if (otherFee === undefined || match.fee.isZero()) return [transfer];
  const gas: LedgerEvent = {
    id: `${match.id}#fee`,
    account: w.account,
    timestamp: w.timestamp,
    type: 'fee',
    fee: otherFee,
    ...(w.feeUsd !== undefined ? { feeUsd: w.feeUsd } : {}),
    source: w.source,
  };
  return [transfer, gas];
}

function unitValue(e: LedgerEvent): Decimal | undefined {
  const leg = cryptoLeg(e.sent) ?? cryptoLeg(e.received);
  if (e.usdValue === undefined || leg === undefined) return undefined;
  return e.usdValue.div(leg.amount);
}
