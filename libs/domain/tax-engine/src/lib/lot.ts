import type { Decimal } from '@lotline/ledger';
import type { LotMethod, LotRecord } from './engine-types';
import { compareQuotients, quotient60, type Quotient } from './fixed';

/** The lot's output record, created with the lot; the remaining quantity and basis are filled in when it is used up
 * (zero) or at the end of the computation. */
export type MutableLotRecord = { -readonly [K in keyof LotRecord]: LotRecord[K] };

/**
 * A lot inside one computation. Mutable on purpose (remaining quantity and basis shrink as units are consumed);
 * never leaves the engine: the result exposes its LotRecord. Identity, origin and original amounts live in that
 * record (created once, no second object per lot at the end); the lot keeps only what lot selection needs.
 * Quantities are bigint counts of 10^-qScale units and money bigint counts of 10^-mScale dollars (see fixed.ts); the
 * Decimal fields keep the value while it is unchanged, so that the output reuses it.
 */
export class Lot {
  /** Remaining quantity and basis; basis shrinks proportionally, the last unit takes what is left (exact sums). */
  qty: bigint;
  basis: bigint;
  /** Decimal of `qty` / `basis` while known (dropped when the value changes). */
  qtyDec: Decimal | undefined;
  basisDec: Decimal | undefined;
  /**
   * Per-unit basis incl. acquisition fees (HIFO key), fixed when first needed: basis and quantity at that moment,
   * a float estimate for fast comparisons and, only for near ties, the exact quotient (60 significant digits).
   */
  unitSet = false;
  unitBasis = 0n;
  unitQty = 1n;
  unitF = 0;
  unitExact: Quotient | undefined = undefined;
  /** Set once the remaining quantity reached zero (lazy deletion from heaps). */
  consumed = false;

  constructor(
    readonly record: MutableLotRecord,
    readonly originalQty: bigint,
    readonly originalBasis: bigint,
    readonly acquiredMs: number,
    readonly acquiredDay: number,
    readonly longFromDay: number,
    /** Position of the acquiring event in processing order: the tie-breaker after the acquisition instant. */
    readonly rank: number,
    /** Creation sequence: the last tie-breaker (pieces of one lot share acquisition instant and rank). */
    readonly seq: number,
  ) {
    this.qty = originalQty;
    this.basis = originalBasis;
    this.qtyDec = record.quantity;
    this.basisDec = record.costBasis;
  }

  get id(): string {
    return this.record.id;
  }

  get asset(): string {
    return this.record.asset;
  }

  get account(): string {
    return this.record.account;
  }

  get scopeKey(): string {
    return this.record.scopeKey;
  }

  get chain(): readonly string[] {
    return this.record.sourceEventIds;
  }

  get missingBasis(): boolean {
    return this.record.missingBasis;
  }
}

/** Fixes the lot's per-unit cost from its current basis and quantity (the original ones once used up). */
export function ensureUnitCost(lot: Lot): void {
  if (lot.unitSet) return;
  if (lot.qty !== 0n) setUnitCost(lot, lot.basis, lot.qty, undefined);
  else setUnitCost(lot, lot.originalBasis, lot.originalQty, undefined);
}

export function setUnitCost(lot: Lot, basis: bigint, qty: bigint, exact: Quotient | undefined): void {
  lot.unitSet = true;
  lot.unitBasis = basis;
  lot.unitQty = qty;
  // Both scales are the same for every lot, so the ratio of the scaled integers orders like the unit costs.
  lot.unitF = Number(basis) / Number(qty);
  lot.unitExact = exact;
}

/** Copies the per-unit cost (pieces of a lot keep their parent's). */
export function inheritUnitCost(lot: Lot, parent: Lot): void {
  if (parent.unitSet) setUnitCost(lot, parent.unitBasis, parent.unitQty, parent.unitExact);
}

function exactUnitCost(lot: Lot): Quotient {
  if (lot.unitExact === undefined) {
    const neg = lot.unitBasis < 0n !== lot.unitQty < 0n;
    const q = quotient60(lot.unitBasis < 0n ? -lot.unitBasis : lot.unitBasis, lot.unitQty < 0n ? -lot.unitQty : lot.unitQty);
    lot.unitExact = neg && q.coef !== 0n ? { coef: -q.coef, exp: q.exp } : q;
  }
  return lot.unitExact;
}

function compareSigned(a: Quotient, b: Quotient): number {
  const na = a.coef < 0n;
  const nb = b.coef < 0n;
  if (na !== nb) return na ? -1 : 1;
  if (!na) return compareQuotients(a, b);
  return compareQuotients({ coef: -b.coef, exp: b.exp }, { coef: -a.coef, exp: a.exp });
}

export type LotComparator = (a: Lot, b: Lot) => number;

/** Earlier acquisition first; ties by processing rank of the acquiring event, then creation sequence. */
export const fifoFirst: LotComparator = (a, b) => a.acquiredMs - b.acquiredMs || a.rank - b.rank || a.seq - b.seq;

/** Exact reverse of FIFO: the most recently acquired units first. */
export const lifoFirst: LotComparator = (a, b) => b.acquiredMs - a.acquiredMs || b.rank - a.rank || b.seq - a.seq;

/** Float estimates closer than this (relative) are compared exactly; the estimates err by a few ulps at most. */
const NEAR = 1e-12;

/**
 * Highest per-unit basis first (unit cost = basis / quantity rounded to 60 significant digits, as Decimal#div);
 * equal costs follow FIFO. The float estimates decide when they are clearly apart, otherwise the exact quotients.
 */
export const hifoFirst: LotComparator = (a, b) => {
  if (!a.unitSet) ensureUnitCost(a);
  if (!b.unitSet) ensureUnitCost(b);
  const fa = a.unitF;
  const fb = b.unitF;
  const d = fb - fa;
  if (d !== 0 && Math.abs(d) > NEAR * Math.max(Math.abs(fa), Math.abs(fb))) return d;
  return compareSigned(exactUnitCost(b), exactUnitCost(a)) || fifoFirst(a, b);
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
