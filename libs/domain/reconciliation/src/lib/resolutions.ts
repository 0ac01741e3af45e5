import { USD, ZERO, type AssetAmount, type Decimal, type LedgerEvent } from '@lotline/ledger';
import type { ManualPrice } from './pricing';
import { pairKey } from './transfer-matching';
import type { InflowCategory, Resolution, ResolutionPayload } from './types';

export interface AppliedResolutions {
  /** Input events with the adjustments applied (imported rows are never modified: changed events are new objects). */
  readonly events: readonly LedgerEvent[];
  /** Warning id -> id of the resolution that answered it. */
  readonly resolvedWarningIds: ReadonlyMap<string, string>;
  /** Event id -> ids of the resolutions that changed or created it. */
  readonly changedBy: ReadonlyMap<string, readonly string[]>;
  readonly forcedPairs: readonly { readonly withdrawalId: string; readonly depositId: string; readonly resolutionId: string }[];
  readonly excludedPairs: ReadonlySet<string>;
  readonly manualPrices: ReadonlyMap<string, ManualPrice>;
  /** Resolutions in effect (not undone), in the order applied. */
  readonly active: readonly Resolution[];
}

/** Resolutions in effect: an `undo` cancels its target (an undone undo restores it); applied by time, then id. */
export function activeResolutions(resolutions: readonly Resolution[]): Resolution[] {
  const undoersOf = new Map<string, Resolution[]>();
  for (const r of resolutions) {
    if (r.payload.action !== 'undo') continue;
    const target = r.payload.resolutionId;
    undoersOf.set(target, [...(undoersOf.get(target) ?? []), r]);
  }
  const memo = new Map<string, boolean>();
  const isActive = (r: Resolution, depth: number): boolean => {
    const known = memo.get(r.id);
    if (known !== undefined) return known;
    const active = depth > resolutions.length ? true : !(undoersOf.get(r.id) ?? []).some((u) => isActive(u, depth + 1));
    memo.set(r.id, active);
    return active;
  };
  return resolutions
    .filter((r) => r.payload.action !== 'undo' && isActive(r, 0))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Applies preparer resolutions as adjustment records: asset mappings, merged duplicates (dropped copies),
 * re-categorised deposits / withdrawals, entered basis (a manual acquisition lot with the evidence note), accepted
 * $0 basis. Matching choices and entered prices are returned for the matcher and the pricer. Pure: the same
 * records give the same result, so removing (or undoing) a record restores the previous result.
 */
export function applyResolutions(events: readonly LedgerEvent[], resolutions: readonly Resolution[]): AppliedResolutions {
  const active = activeResolutions(resolutions);
  const resolvedWarningIds = new Map<string, string>();
  const changedBy = new Map<string, string[]>();
  const touch = (eventId: string, resolutionId: string): void => {
    changedBy.set(eventId, [...(changedBy.get(eventId) ?? []), resolutionId]);
  };
  const assetMap = new Map<string, string>();
  const dropped = new Set<string>();
  const rewrites = new Map<string, { readonly p: ResolutionPayload; readonly r: Resolution }>();
  const added: LedgerEvent[] = [];
  const forcedPairs: { withdrawalId: string; depositId: string; resolutionId: string }[] = [];
  const excludedPairs = new Set<string>();
  const manualPrices = new Map<string, ManualPrice>();
  for (const r of active) {
    for (const w of r.warningIds) resolvedWarningIds.set(w, r.id);
    const p = r.payload;
    switch (p.action) {
      case 'map-asset':
        assetMap.set(p.from, p.to);
        break;
      case 'merge-duplicates':
        for (const id of p.dropEventIds) if (id !== p.keepEventId) dropped.add(id);
        break;
      case 'mark-sent-to-third-party':
      case 'mark-external':
      case 'categorise-inflow':
        rewrites.set(p.eventId, { p, r });
        break;
      case 'match-pair':
        forcedPairs.push({ withdrawalId: p.withdrawalId, depositId: p.depositId, resolutionId: r.id });
        excludedPairs.delete(pairKey(p.withdrawalId, p.depositId));
        break;
      case 'unmatch':
        excludedPairs.add(pairKey(p.withdrawalId, p.depositId));
        break;
      case 'enter-price':
        manualPrices.set(p.eventId, { usdValue: p.usdValue, source: p.source, resolutionId: r.id });
        break;
      case 'enter-basis':
      case 'accept-zero-basis': {
        const basis = p.action === 'enter-basis' ? p.costBasis : ZERO;
        const note = p.action === 'enter-basis' ? `basis entered: ${p.evidence}` : `$0 basis accepted: ${r.reason}`;
        const id = `basis:${r.id}`;
        added.push(manualLot(id, p.account, p.asset, p.quantity, basis, p.acquiredAt, r.who, note));
        touch(id, r.id);
        break;
      }
      case 'keep-both':
      case 'explain':
      case 'undo':
        break;
    }
  }
  if (dropped.size === 0 && rewrites.size === 0 && assetMap.size === 0 && added.length === 0) {
    return { events, resolvedWarningIds, changedBy, forcedPairs, excludedPairs, manualPrices, active };
  }
  const out: LedgerEvent[] = [];
  for (const e of events) {
    if (dropped.size > 0 && dropped.has(e.id)) continue;
    let event = assetMap.size > 0 ? mapAssets(e, assetMap) : e;
    if (event !== e) for (const r of active) if (r.payload.action === 'map-asset' && mentions(e, r.payload.from)) touch(e.id, r.id);
    const rewrite = rewrites.size > 0 ? rewrites.get(e.id) : undefined;
    if (rewrite !== undefined) {
      event = rewriteEvent(event, rewrite.p);
      touch(e.id, rewrite.r.id);
    }
    out.push(event);
  }
  out.push(...added);
  return { events: out, resolvedWarningIds, changedBy, forcedPairs, excludedPairs, manualPrices, active };
}

function manualLot(id: string, account: string, asset: string, quantity: Decimal, basis: Decimal, at: string, who: string, note: string): LedgerEvent {
  return {
    id,
    account,
    timestamp: at,
    type: 'buy',
    sent: { asset: USD, amount: basis },
    received: { asset, amount: quantity },
    note,
    source: { kind: 'manual', enteredBy: who, note },
  };
}

function mentions(e: LedgerEvent, asset: string): boolean {
  return e.sent?.asset === asset || e.received?.asset === asset || e.fee?.asset === asset;
}

function mapAssets(e: LedgerEvent, map: ReadonlyMap<string, string>): LedgerEvent {
  const m = (a: AssetAmount | undefined): AssetAmount | undefined => {
    if (a === undefined) return undefined;
    const to = map.get(a.asset);
    return to === undefined ? a : { asset: to, amount: a.amount };
  };
  const sent = m(e.sent);
  const received = m(e.received);
  const fee = m(e.fee);
  if (sent === e.sent && received === e.received && fee === e.fee) return e;
  return { ...e, ...(sent ? { sent } : {}), ...(received ? { received } : {}), ...(fee ? { fee } : {}) };
}

function rewriteEvent(e: LedgerEvent, p: ResolutionPayload): LedgerEvent {
  if (p.action === 'mark-sent-to-third-party') {
    if (e.type !== 'withdrawal' && e.type !== 'transfer') return e;
    const { toAccount: _to, ...rest } = e;
    void _to;
    return { ...rest, type: p.as === 'gift' ? 'gift_out' : 'spend' };
  }
  if ((p.action === 'mark-external' || p.action === 'categorise-inflow') && e.type === 'deposit') return categorise(e, p.category);
  return e;
}

function categorise(e: LedgerEvent, c: InflowCategory): LedgerEvent {
  switch (c.as) {
    case 'income':
      return { ...e, type: 'income', incomeKind: c.incomeKind };
    case 'purchase':
      return { ...e, type: 'buy', ...(c.usdCost === undefined ? {} : { sent: { asset: USD, amount: c.usdCost } }) };
    case 'gift-received':
      return { ...e, type: 'gift_in' };
    case 'own-transfer':
      return e.received === undefined ? e : { ...e, type: 'transfer', account: c.fromAccount, toAccount: e.account, sent: e.received };
  }
}
