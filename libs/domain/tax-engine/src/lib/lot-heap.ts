import type { Lot, LotComparator } from './lot';

/**
 * Binary heap of lots ordered by a method comparator: O(log n) push/pop, O(1) peek. Partial consumption leaves the
 * top lot in place (its key does not change); lots consumed out of order (Specific ID) are skipped lazily.
 */
export class LotHeap {
  private items: Lot[] = [];

  constructor(private cmp: LotComparator) {}

  get size(): number {
    return this.items.length;
  }

  push(lot: Lot): void {
    const items = this.items;
    items.push(lot);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.cmp(items[i], items[parent]) >= 0) break;
      const tmp = items[i];
      items[i] = items[parent];
      items[parent] = tmp;
      i = parent;
    }
  }

  /** The next lot to consume, skipping lots already used up. */
  peek(): Lot | undefined {
    while (this.items.length > 0 && this.items[0].consumed) this.pop();
    return this.items[0];
  }

  pop(): Lot | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Re-orders for another method (method change at a tax-year boundary): O(n) heapify, dropping consumed lots. */
  reorder(cmp: LotComparator): void {
    this.cmp = cmp;
    this.items = this.items.filter((lot) => !lot.consumed);
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** Live lots in no particular order. */
  live(): Lot[] {
    return this.items.filter((lot) => !lot.consumed);
  }

  /** Removes every lot (used when pooled lots are reallocated to accounts). */
  drain(): Lot[] {
    const all = this.live();
    this.items = [];
    return all;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const child = r < n && this.cmp(items[r], items[l]) < 0 ? r : l;
      if (this.cmp(items[child], items[i]) >= 0) return;
      const tmp = items[i];
      items[i] = items[child];
      items[child] = tmp;
      i = child;
    }
  }
}
