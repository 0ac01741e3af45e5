import type { LedgerEvent, SourceRef } from '@lotline/ledger';
import { approxNumber, cryptoLeg, needsValue, ownValue, pricedLeg } from './event-values';
import type { PriceIndex } from './price-table';
import { localDate } from './time';
import type { ReconcileSettings } from './types';
import type { WarningDraft } from './warning-catalogue';

const NEIGHBOUR_WINDOW_MS = 7 * 86_400_000;
const SYMBOL = /^[A-Z0-9][A-Z0-9.-]{0,19}$/;

const day = (e: LedgerEvent, s: ReconcileSettings): string => localDate(e.timestamp, s.timeZone);

function sourceKey(s: SourceRef): string {
  switch (s.kind) {
    case 'file':
      return `file:${s.fileSha256 ?? s.fileName}`;
    case 'api':
      return `api:${s.exchange}`;
    case 'manual':
      return `manual:${s.enteredBy}`;
  }
}

/** Events the engine would value at $0: no USD side, no usdValue (no feeUsd for fee events), none found. */
export function detectMissingPrices(events: readonly LedgerEvent[], s: ReconcileSettings): WarningDraft[] {
  const out: WarningDraft[] = [];
  for (const e of events) {
    if (!needsValue(e) || (e.type === 'fee' ? e.feeUsd ?? e.usdValue : ownValue(e)) !== undefined) continue;
    const leg = pricedLeg(e);
    out.push({
      kind: 'missing-price',
      eventIds: [e.id],
      account: e.account,
      asset: leg?.asset ?? null,
      at: e.timestamp,
      message: `No USD price for the ${e.type} of ${leg?.amount.toFixed() ?? ''} ${leg?.asset ?? ''} on ${day(e, s)}: the file has no USD value and the price history has no quote for that time. Enter the price with its source.`,
    });
  }
  return out;
}

/**
 * Same asset, same amount, same direction and type, within the duplicate window, in different accounts or from
 * different sources: probably the same event imported twice (e.g. a CSV and the exchange API). One pass in time
 * order with a sliding window per (asset, type): O(n) after the sort, no per-event keys.
 */
export function detectDuplicates(events: readonly LedgerEvent[], ms: Float64Array, order: ArrayLike<number>, s: ReconcileSettings): WarningDraft[] {
  const windows = new Map<string, Map<string, number[][]>>();
  const drafts: WarningDraft[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const b = events[i];
    if (b.type === 'transfer') continue;
    const out = cryptoLeg(b.sent);
    const lb = out ?? cryptoLeg(b.received);
    if (lb === undefined) continue;
    let byType = windows.get(lb.asset);
    if (byType === undefined) windows.set(lb.asset, (byType = new Map()));
    let both = byType.get(b.type);
    if (both === undefined) byType.set(b.type, (both = [[], []]));
    const recent = both[out === undefined ? 1 : 0];
    let drop = 0;
    while (drop < recent.length && ms[i] - ms[recent[drop]] > s.duplicateWindowMs) drop++;
    if (drop > 0) recent.splice(0, drop);
    for (let r = recent.length - 1; r >= 0; r--) {
      const a = events[recent[r]];
      if (a.account === b.account && sourceKey(a.source) === sourceKey(b.source)) continue;
      const la = cryptoLeg(a.sent) ?? cryptoLeg(a.received);
      if (la === undefined || !la.amount.eq(lb.amount)) continue;
      const where = a.account === b.account ? `both in ${a.account}, from different sources` : `in ${a.account} and ${b.account}`;
      drafts.push({
        kind: 'possible-duplicate',
        eventIds: [a.id, b.id],
        account: a.account,
        asset: la.asset,
        at: a.timestamp,
        message: `Two ${a.type} events of ${la.amount.toFixed()} ${la.asset} on ${day(a, s)} (${where}) look like the same transaction imported twice. Merge them (keep one) or keep both.`,
      });
      break;
    }
    recent.push(i);
  }
  return drafts;
}

/** Symbols that are not plain tickers (contract addresses, lower-case junk) or, when a list is given, not on it. */
export function detectUnknownAssets(events: readonly LedgerEvent[], s: ReconcileSettings): WarningDraft[] {
  const known = s.knownAssets === undefined ? undefined : new Set(s.knownAssets);
  const verdict = new Map<string, boolean>();
  const byAsset = new Map<string, LedgerEvent[]>();
  const check = (e: LedgerEvent, asset: string | undefined): void => {
    if (asset === undefined || asset === 'USD') return;
    let unknown = verdict.get(asset);
    if (unknown === undefined) verdict.set(asset, (unknown = !SYMBOL.test(asset) || (known !== undefined && !known.has(asset))));
    if (!unknown) return;
    const list = byAsset.get(asset) ?? [];
    if (list[list.length - 1] !== e) list.push(e);
    byAsset.set(asset, list);
  };
  for (const e of events) {
    check(e, e.sent?.asset);
    check(e, e.received?.asset);
    check(e, e.fee?.asset);
  }
  return [...byAsset.entries()].map(([asset, list]) => ({
    kind: 'unknown-asset' as const,
    eventIds: list.map((e) => e.id),
    idKey: asset,
    account: list[0].account,
    asset,
    at: list[0].timestamp,
    message: `"${asset}" is not a known asset symbol (${list.length} event${list.length === 1 ? '' : 's'}). Map it to a known asset so it can be priced and its lots tracked.`,
  }));
}

const show = (x: number): string => String(Number(x.toPrecision(6)));

/**
 * Events whose own USD value implies a unit price far (more than the threshold) from the price table's quote, or,
 * without a quote, from the median of up to two neighbouring self-priced events of the same asset on each side
 * within 7 days; events worth less than `outlierMinUsd` are left out. Non-blocking. Unit prices are floating-point approximations: this is a heuristic flag, no amount
 * is computed from them.
 */
export function detectOutliers(events: readonly LedgerEvent[], ms: Float64Array, selfPriced: (i: number) => boolean, table: PriceIndex | undefined, s: ReconcileSettings): WarningDraft[] {
  const byAsset = new Map<string, number[]>();
  const unit = new Float64Array(events.length);
  const minUsd = approxNumber(s.outlierMinUsd);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type === 'transfer' || !selfPriced(i)) continue;
    const leg = pricedLeg(e);
    const value = e.type === 'fee' ? e.feeUsd ?? e.usdValue : ownValue(e);
    if (leg === undefined || value === undefined) continue;
    const usd = approxNumber(value);
    if (Math.abs(usd) < minUsd) continue;
    let list = byAsset.get(leg.asset);
    if (list === undefined) byAsset.set(leg.asset, (list = []));
    list.push(i);
    unit[i] = usd / approxNumber(leg.amount);
  }
  const drafts: WarningDraft[] = [];
  const threshold = approxNumber(s.outlierThreshold);
  const near: number[] = [];
  for (const [asset, points] of byAsset) {
    let sorted = true;
    for (let k = 1; k < points.length && sorted; k++) sorted = ms[points[k - 1]] <= ms[points[k]];
    if (!sorted) points.sort((a, b) => ms[a] - ms[b] || a - b);
    for (let k = 0; k < points.length; k++) {
      const p = points[k];
      const quote = table?.lookup(asset, ms[p]);
      let reference: number;
      let against: string;
      if (quote !== undefined) {
        reference = approxNumber(quote.usd);
        against = `the ${quote.source} price of ${quote.usd.toFixed()}`;
      } else {
        near.length = 0;
        for (let j = k - 2; j <= k + 2; j++) if (j !== k && j >= 0 && j < points.length && Math.abs(ms[points[j]] - ms[p]) <= NEIGHBOUR_WINDOW_MS) near.push(unit[points[j]]);
        if (near.length < 2) continue;
        near.sort((a, b) => a - b);
        const mid = near.length >> 1;
        reference = near.length % 2 === 1 ? near[mid] : (near[mid - 1] + near[mid]) / 2;
        against = `the median ${show(reference)} of neighbouring ${asset} events`;
      }
      if (!(reference > 0) || Math.abs(unit[p] - reference) / reference <= threshold) continue;
      const e = events[p];
      drafts.push({
        kind: 'price-outlier',
        eventIds: [e.id],
        account: e.account,
        asset,
        at: e.timestamp,
        message: `The ${e.type} on ${day(e, s)} values ${asset} at ${show(unit[p])} USD, far from ${against}. Confirm it or enter the correct price.`,
      });
    }
  }
  return drafts;
}
