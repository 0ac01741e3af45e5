import { Decimal, type LedgerEvent, type SourceRef } from '@lotline/ledger';
import { cryptoLeg, needsValue, ownValue, pricedLeg } from './event-values';
import type { PriceIndex } from './price-table';
import { localDate } from './time';
import type { ReconcileSettings } from './types';
import type { WarningDraft } from './warning-catalogue';

/** Unit prices for heuristics (outliers) only: 16 significant digits are plenty and much faster. */
const Approx = Decimal.clone({ precision: 16 });
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
 * Same asset, same amount, same direction, within the duplicate window, in different accounts or from different
 * sources: probably the same event imported twice (e.g. a CSV and the exchange API). Buckets by (direction, asset,
 * amount) then compares time neighbours: O(n log n).
 */
export function detectDuplicates(events: readonly LedgerEvent[], ms: Float64Array, s: ReconcileSettings): WarningDraft[] {
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type === 'transfer') continue;
    const out = cryptoLeg(e.sent);
    const leg = out ?? cryptoLeg(e.received);
    if (leg === undefined) continue;
    const key = `${out ? 'out' : 'in'}|${e.type}|${leg.asset}|${leg.amount.toNumber()}`;
    let list = buckets.get(key);
    if (list === undefined) buckets.set(key, (list = []));
    list.push(i);
  }
  const drafts: WarningDraft[] = [];
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => ms[a] - ms[b] || a - b);
    for (let k = 1; k < list.length; k++) {
      const a = events[list[k - 1]];
      const b = events[list[k]];
      if (ms[list[k]] - ms[list[k - 1]] > s.duplicateWindowMs) continue;
      if (a.account === b.account && sourceKey(a.source) === sourceKey(b.source)) continue;
      const la = cryptoLeg(a.sent) ?? cryptoLeg(a.received);
      const lb = cryptoLeg(b.sent) ?? cryptoLeg(b.received);
      if (la === undefined || lb === undefined || !la.amount.eq(lb.amount)) continue;
      const where = a.account === b.account ? `both in ${a.account}, from different sources` : `in ${a.account} and ${b.account}`;
      drafts.push({
        kind: 'possible-duplicate',
        eventIds: [a.id, b.id],
        account: a.account,
        asset: la.asset,
        at: a.timestamp,
        message: `Two ${a.type} events of ${la.amount.toFixed()} ${la.asset} on ${day(a, s)} (${where}) look like the same transaction imported twice. Merge them (keep one) or keep both.`,
      });
    }
  }
  return drafts;
}

/** Symbols that are not plain tickers (contract addresses, lower-case junk) or, when a list is given, not on it. */
export function detectUnknownAssets(events: readonly LedgerEvent[], s: ReconcileSettings): WarningDraft[] {
  const known = s.knownAssets === undefined ? undefined : new Set(s.knownAssets);
  const verdict = new Map<string, boolean>();
  const byAsset = new Map<string, LedgerEvent[]>();
  for (const e of events) {
    for (const side of [e.sent, e.received, e.fee]) {
      if (side === undefined || side.asset === 'USD') continue;
      let unknown = verdict.get(side.asset);
      if (unknown === undefined) verdict.set(side.asset, (unknown = !SYMBOL.test(side.asset) || (known !== undefined && !known.has(side.asset))));
      if (!unknown) continue;
      const list = byAsset.get(side.asset) ?? [];
      if (list[list.length - 1] !== e) list.push(e);
      byAsset.set(side.asset, list);
    }
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

interface PricePoint {
  readonly index: number;
  readonly ms: number;
  readonly unit: Decimal;
}

/**
 * Events whose own USD value implies a unit price far (more than the threshold) from the price table's quote, or,
 * without a quote, from the median of up to two neighbouring self-priced events of the same asset on each side
 * within 7 days. Non-blocking.
 */
export function detectOutliers(events: readonly LedgerEvent[], ms: Float64Array, selfPriced: (i: number) => boolean, table: PriceIndex | undefined, s: ReconcileSettings): WarningDraft[] {
  const byAsset = new Map<string, PricePoint[]>();
  for (let i = 0; i < events.length; i++) {
    if (!selfPriced(i)) continue;
    const e = events[i];
    const leg = pricedLeg(e);
    const value = e.type === 'fee' ? e.feeUsd ?? e.usdValue : ownValue(e);
    if (leg === undefined || value === undefined || e.type === 'transfer') continue;
    let list = byAsset.get(leg.asset);
    if (list === undefined) byAsset.set(leg.asset, (list = []));
    list.push({ index: i, ms: ms[i], unit: new Approx(value).div(leg.amount) });
  }
  const drafts: WarningDraft[] = [];
  const threshold = new Approx(s.outlierThreshold);
  for (const [asset, points] of byAsset) {
    points.sort((a, b) => a.ms - b.ms || a.index - b.index);
    for (let k = 0; k < points.length; k++) {
      const p = points[k];
      const quote = table?.lookup(asset, p.ms);
      let reference: Decimal | undefined;
      let against: string;
      if (quote !== undefined) {
        reference = new Approx(quote.usd);
        against = `the ${quote.source} price of ${quote.usd.toFixed()}`;
      } else {
        const near = [points[k - 2], points[k - 1], points[k + 1], points[k + 2]].filter((q) => q !== undefined && Math.abs(q.ms - p.ms) <= NEIGHBOUR_WINDOW_MS);
        if (near.length < 2) continue;
        const sorted = near.map((q) => q.unit).sort((a, b) => a.cmp(b));
        const mid = sorted.length >> 1;
        reference = sorted.length % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).div(2);
        against = `the median ${reference.toSignificantDigits(6).toFixed()} of neighbouring ${asset} events`;
      }
      if (reference.isZero() || p.unit.minus(reference).abs().div(reference).lte(threshold)) continue;
      const e = events[p.index];
      drafts.push({
        kind: 'price-outlier',
        eventIds: [e.id],
        account: e.account,
        asset,
        at: e.timestamp,
        message: `The ${e.type} on ${day(e, s)} values ${asset} at ${p.unit.toSignificantDigits(6).toFixed()} USD, far from ${against}. Confirm it or enter the correct price.`,
      });
    }
  }
  return drafts;
}
