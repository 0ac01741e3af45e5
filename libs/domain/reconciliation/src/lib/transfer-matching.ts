import { Decimal, type LedgerEvent } from '@lotline/ledger';
import { maxWeightAssignment, type Edge } from './assignment';
import { approxNumber, cryptoLeg } from './event-values';
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
  /** Per event index: 1 when an applied match consumed it. */
  readonly consumed: Uint8Array;
  /** Per withdrawal event index: the index of its applied match in `matches` + 1 (0 = none). */
  readonly matchOf: Uint32Array;
  /** Per applied match: the deposit's event index. */
  readonly depositIndex: readonly number[];
  /** Per event index: 1 for a deposit that had at least one candidate withdrawal (the others are uncategorised inflows). */
  readonly depositsWithCandidates: Uint8Array;
}

export const pairKey = (withdrawalId: string, depositId: string): string => `${withdrawalId}>${depositId}`;

function sideOf(e: LedgerEvent, index: number, ms: number): Side | undefined {
  if (e.type === 'withdrawal') {
    const leg = cryptoLeg(e.sent);
    if (leg === undefined) return undefined;
    const amount = e.fee !== undefined && e.fee.asset === leg.asset ? leg.amount.plus(e.fee.amount) : leg.amount;
    return { index, event: e, ms, asset: leg.asset, amount, approx: approxNumber(amount) };
  }
  if (e.type === 'deposit') {
    const leg = cryptoLeg(e.received);
    if (leg === undefined) return undefined;
    const amount = e.fee !== undefined && e.fee.asset === leg.asset ? leg.amount.minus(e.fee.amount) : leg.amount;
    return { index, event: e, ms, asset: leg.asset, amount, approx: approxNumber(amount) };
  }
  return undefined;
}

export function tierOf(confidence: number, exact: boolean): MatchTier {
  if (exact) return 'exact';
  return confidence >= 0.85 ? 'high' : confidence >= 0.6 ? 'medium' : 'low';
}

/**
 * Confidence of a candidate: 1 for an equal tx hash; otherwise 0.99 less up to 0.25 for the time taken (share of
 * the window) and up to 0.25 for the fee (share of the largest fee allowed), rounded to 4 decimals. A score computed
 * in floating point from approximations: it ranks candidates, it is never an amount.
 */
export function scoreCandidate(gapMs: number, windowMs: number, fee: Decimal, maxFee: Decimal, sameHash: boolean): number {
  if (sameHash) return 1;
  const t = windowMs > 0 ? Math.min(1, gapMs / windowMs) : 0;
  const a = fee.isZero() ? 0 : maxFee.isZero() ? 1 : Math.min(1, approxNumber(fee) / approxNumber(maxFee));
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
  const forcedIds = new Set(input.forced.flatMap((f) => [f.withdrawalId, f.depositId]));
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type !== 'withdrawal' && e.type !== 'deposit') continue;
    const side = sideOf(e, i, ms[i]);
    if (side === undefined) continue;
    if (forcedIds.size > 0 && forcedIds.has(e.id)) byId.set(e.id, side);
    const target = e.type === 'withdrawal' ? withdrawals : deposits;
    let list = target.get(side.asset);
    if (list === undefined) target.set(side.asset, (list = []));
    list.push(side);
  }
  const consumed = new Uint8Array(events.length);
  const matches: TransferMatch[] = [];
  const pairs: [number, number][] = [];
  for (const f of input.forced) {
    const w = byId.get(f.withdrawalId);
    const d = byId.get(f.depositId);
    if (w === undefined || d === undefined || w.event.type !== 'withdrawal' || d.event.type !== 'deposit' || w.asset !== d.asset) continue;
    if (consumed[w.index] === 1 || consumed[d.index] === 1) continue;
    consumed[w.index] = 1;
    consumed[d.index] = 1;
    matches.push(makeMatch(w, d, 1, false, 'manual', `matched by the preparer (${f.resolutionId})`));
    pairs.push([w.index, d.index]);
  }

  const depositsWithCandidates = new Uint8Array(events.length);
  const suggestions: TransferMatch[] = [];
  const tol = settings.transferFeeTolerance;
  const tolApprox = approxNumber(tol);
  for (const [asset, ws0] of withdrawals) {
    const ds = (deposits.get(asset) ?? []).filter((d) => consumed[d.index] === 0).sort((a, b) => a.ms - b.ms || a.index - b.index);
    const ws = ws0.filter((w) => consumed[w.index] === 0).sort((a, b) => a.ms - b.ms || a.index - b.index);
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
      let maxFee: Decimal | undefined;
      const accept = (j: number, sameHash: boolean): void => {
        const d = ds[j];
        if (d.event.account === w.event.account || d.ms < w.ms) return;
        if (!sameHash && (d.approx > w.approx * (1 + 1e-9) || d.approx < w.approx * (1 - tolApprox) * (1 - 1e-9))) return;
        if (d.amount.gt(w.amount)) return;
        const fee = w.amount.minus(d.amount);
        maxFee ??= w.amount.times(tol);
        if (!sameHash && fee.gt(maxFee)) return;
        depositsWithCandidates[d.index] = 1;
        if (input.excluded.has(pairKey(w.event.id, d.event.id))) return;
        const confidence = scoreCandidate(d.ms - w.ms, settings.transferWindowMs, fee, maxFee, sameHash);
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
      pairs.push([ws[e.row].index, ds[e.col].index]);
    }
    const open = scored.filter((e) => !usedRows.has(e.row) && !usedCols.has(e.col));
    for (const e of maxWeightAssignment(ws.length, ds.length, open)) {
      const confidence = e.weight / 10_000;
      const auto = confidence >= settings.autoMatchConfidence;
      const reason = `same asset and amount within the fee tolerance, deposit ${describeGap(ds[e.col].ms - ws[e.row].ms)} after the withdrawal`;
      (auto ? matches : suggestions).push(makeMatch(ws[e.row], ds[e.col], confidence, false, auto ? 'auto' : 'suggested', reason));
      if (auto) pairs.push([ws[e.row].index, ds[e.col].index]);
    }
  }
  // Matches and suggestions by id: the same order whatever the input order.
  const ranked = pairs.map((p, k) => ({ p, m: matches[k] })).sort((a, b) => (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0));
  const matchOf = new Uint32Array(events.length);
  ranked.forEach(({ p }, k) => {
    consumed[p[0]] = 1;
    consumed[p[1]] = 1;
    matchOf[p[0]] = k + 1;
  });
  const order = (a: TransferMatch, b: TransferMatch): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    matches: ranked.map((r) => r.m),
    suggestions: suggestions.sort(order),
    consumed,
    matchOf,
    depositIndex: ranked.map((r) => r.p[1]),
    depositsWithCandidates,
  };
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
  const sameSent = w.sent !== undefined && match.sent.eq(w.sent.amount);
  const usdValue = w.usdValue !== undefined && sameSent ? w.usdValue : (unitValue(w) ?? unitValue(d))?.times(match.sent);
  const feeFree = match.fee.isZero();
  // Built by assignment (no spread temporaries: a million-event ledger has a hundred thousand of these).
  const t: Mutable<LedgerEvent> = {
    id: match.id,
    account: w.account,
    toAccount: d.account,
    timestamp: w.timestamp,
    type: 'transfer',
    sent: sameSent && w.sent !== undefined ? w.sent : { asset, amount: match.sent },
    received: d.received !== undefined && d.received.amount === match.received ? d.received : { asset, amount: match.received },
    source: w.source,
  };
  if (!feeFree) t.fee = { asset, amount: match.fee };
  else if (otherFee !== undefined) t.fee = otherFee;
  if (usdValue !== undefined) t.usdValue = usdValue;
  if (otherFee !== undefined && feeFree && w.feeUsd !== undefined) t.feeUsd = w.feeUsd;
  const externalId = w.externalId ?? d.externalId;
  if (externalId !== undefined) t.externalId = externalId;
  if (w.note !== undefined) t.note = w.note;
  if (otherFee === undefined || feeFree) return [t];
  const gas: Mutable<LedgerEvent> = { id: `${match.id}#fee`, account: w.account, timestamp: w.timestamp, type: 'fee', fee: otherFee, source: w.source };
  if (w.feeUsd !== undefined) gas.feeUsd = w.feeUsd;
  return [t, gas];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function unitValue(e: LedgerEvent): Decimal | undefined {
  const leg = cryptoLeg(e.sent) ?? cryptoLeg(e.received);
  if (e.usdValue === undefined || leg === undefined) return undefined;
  return e.usdValue.div(leg.amount);
}
