import { USD, type AssetAmount, type Decimal, type LedgerEvent } from '@lotline/ledger';

/** A crypto amount (not USD, not zero). */
export function cryptoLeg(a: AssetAmount | undefined): AssetAmount | undefined {
  return a !== undefined && a.asset !== USD && !a.amount.isZero() ? a : undefined;
}

/** The USD value an event carries itself: a USD side, else usdValue. */
export function ownValue(e: LedgerEvent): Decimal | undefined {
  if (e.sent?.asset === USD) return e.sent.amount;
  if (e.received?.asset === USD) return e.received.amount;
  return e.usdValue;
}

/** The crypto leg whose USD value prices the event: what was given up, else what arrived, else the fee units. */
export function pricedLeg(e: LedgerEvent): AssetAmount | undefined {
  return cryptoLeg(e.sent) ?? cryptoLeg(e.received) ?? (e.type === 'fee' ? cryptoLeg(e.fee) : undefined);
}

/** Whether the tax engine needs a USD value for this event (otherwise it computes with $0 and flags it). */
export function needsValue(e: LedgerEvent): boolean {
  switch (e.type) {
    case 'buy':
    case 'sell':
    case 'trade':
    case 'income':
    case 'spend':
    case 'gift_in':
    case 'deposit':
      return pricedLeg(e) !== undefined;
    case 'fee':
      return e.feeUsd === undefined && pricedLeg(e) !== undefined;
    case 'withdrawal':
    case 'transfer':
    case 'gift_out':
    case 'lost':
      return false;
  }
}

/** The first asset the event moves (for messages and grouping). */
export function mainAsset(e: LedgerEvent): string | null {
  return (pricedLeg(e) ?? e.sent ?? e.received ?? e.fee)?.asset ?? null;
}

/**
 * Fast floating-point approximation of a Decimal from its public digits (`d`, base 1e7 words), exponent (`e`) and
 * sign (`s`): for scores, heuristics and candidate pruning only, never for amounts. Reads at most three words
 * (15+ significant digits).
 */
export function approxNumber(x: Decimal): number {
  const d = x.d;
  if (d === null || d === undefined || d.length === 0) return x.isNaN() ? NaN : x.s * Infinity;
  const len = Math.min(d.length, 3);
  let n = 0;
  for (let i = 0; i < len; i++) n = n * 1e7 + d[i];
  const first = d[0];
  const firstLen = first >= 1e6 ? 7 : first >= 1e5 ? 6 : first >= 1e4 ? 5 : first >= 1e3 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1;
  const exp = x.e - (firstLen - 1) - 7 * (len - 1);
  return x.s * (exp >= 0 ? n * 10 ** exp : n / 10 ** -exp);
}
