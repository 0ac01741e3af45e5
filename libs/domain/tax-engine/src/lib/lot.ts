import type { Decimal } from '@lotline/ledger';
import type { LotMethod, LotOrigin } from './engine-types';

/**
 * A lot inside one computation. Mutable on purpose (remaining quantity and basis shrink as units are consumed);
 * never leaves the engine: the result exposes immutable LotRecord snapshots.
 */
export class Lot {
  /** Remaining quantity and basis; basis shrinks proportionally, the last unit takes what is left (exact sums). */
  qty: Decimal;
  basis: Decimal;
  /** Per-unit basis incl. acquisition fees (HIFO key); computed lazily, with a float shadow for fast comparisons. */
  unitCost: Decimal | undefined = undefined;
  unitCostF = 0;
  /** Set once the remaining quantity reached zero (lazy deletion from heaps). */
  consumed = false;

  constructor(
    readonly id: string,
    readonly asset: string,
    readonly scopeKey: string,
    readonly account: string,
    readonly originalQty: Decimal,
    readonly originalBasis: Decimal,
    readonly acquiredMs: number,
    readonly acquiredDay: number,
    readonly longFromDay: number,
    /** Position of the acquiring event in processing order: the tie-breaker after the acquisition instant. */
    readonly rank: number,
    /** Creation sequence: the last tie-breaker (pieces of one lot share acquisition instant and rank). */
    readonly seq: number,
    readonly chain: readonly string[],
    readonly origin: LotOrigin,
    readonly missingBasis: boolean,
  ) {
    this.qty = originalQty;
    this.basis = originalBasis;
  }
}

export function ensureUnitCost(lot: Lot): Decimal {
  if (lot.unitCost === undefined) {
    lot.unitCost = lot.qty.isZero() ? lot.originalBasis.div(lot.originalQty) : lot.basis.div(lot.qty);
    lot.unitCostF = lot.unitCost.toNumber();
  }
  return lot.unitCost;
}

export type LotComparator = (a: Lot, b: Lot) => number;

/** Earlier acquisition first; ties by processing rank of the acquiring event, then creation sequence. */
export const fifoFirst: LotComparator = (a, b) => a.acquiredMs - b.acquiredMs || a.rank - b.rank || a.seq - b.seq;

/** Exact reverse of FIFO: the most recently acquired units first. */
export const lifoFirst: LotComparator = (a, b) => b.acquiredMs - a.acquiredMs || b.rank - a.rank || b.seq - a.seq;

/**
 * Highest per-unit basis first (float shadow decides unless equal, then exact decimals); equal costs follow FIFO.
 * The conversion to double is monotonic, so a strict float order implies the same strict decimal order.
 */
export const hifoFirst: LotComparator = (a, b) => {
  const ua = a.unitCost ?? ensureUnitCost(a);
  const ub = b.unitCost ?? ensureUnitCost(b);
  if (a.unitCostF !== b.unitCostF) return b.unitCostF - a.unitCostF;
  return ub.comparedTo(ua) || fifoFirst(a, b);
};

export function comparatorFor(method: LotMethod): LotComparator {
  switch (method) {
    case 'fifo':
      return fifoFirst;
    case 'lifo':
      return lifoFirst;
    case 'hifo':
      return hifoFirst;
  }
}
