import type { PriceQuote } from './types';
import { instantMs } from './time';

interface AssetQuotes {
  readonly ms: readonly number[];
  readonly quotes: readonly PriceQuote[];
}

/** Quotes per asset, sorted by time: nearest earlier quote within a maximum age in O(log n). */
export class PriceIndex {
  private readonly byAsset = new Map<string, AssetQuotes>();

  constructor(quotes: readonly PriceQuote[], private readonly maxAgeMs: number) {
    const grouped = new Map<string, { ms: number; q: PriceQuote }[]>();
    for (const q of quotes) {
      const ms = instantMs(q.at);
      if (Number.isNaN(ms)) continue;
      const asset = q.asset.toUpperCase();
      let list = grouped.get(asset);
      if (list === undefined) grouped.set(asset, (list = []));
      list.push({ ms, q });
    }
    for (const [asset, list] of grouped) {
      list.sort((a, b) => a.ms - b.ms || (a.q.source < b.q.source ? -1 : a.q.source > b.q.source ? 1 : 0));
      this.byAsset.set(asset, { ms: list.map((x) => x.ms), quotes: list.map((x) => x.q) });
    }
  }

  get size(): number {
    return this.byAsset.size;
  }

  /** The latest quote at or before `ms` and no older than the maximum age. */
  lookup(asset: string, ms: number): PriceQuote | undefined {
    const entry = this.byAsset.get(asset);
    if (entry === undefined) return undefined;
    let lo = 0;
    let hi = entry.ms.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entry.ms[mid] <= ms) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0 || ms - entry.ms[found] > this.maxAgeMs) return undefined;
    return entry.quotes[found];
  }
}
