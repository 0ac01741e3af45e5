import { Decimal, ZERO, toWire } from '@lotline/ledger';
import { existingHeap, warn, type EngineState, type EventContext } from './engine-state';
import { fit, fromScaled, scaledText, shareScaled, toScaled } from './fixed';
import type { Lot } from './lot';

/**
 * Proportional shares of money (basis, proceeds, FMV) are kept to 20 decimal places (half even): far below a cent,
 * and short enough that sums of shares stay exact at 60 significant digits, so every total is independent of how
 * the rows were split or added up. The last share of a split always takes the exact remainder.
 */
export const SHARE_DECIMALS = 20;

export function share(total: Decimal, part: Decimal, whole: Decimal): Decimal {
  return total.times(part).div(whole).toDecimalPlaces(SHARE_DECIMALS, Decimal.ROUND_HALF_EVEN);
}

/** Decimal -0 (what Decimal arithmetic gives for a negative share that rounds to zero). */
export const NEGATIVE_ZERO: Decimal = new Decimal('-0');

/**
 * A piece of a lot taken out of a pool (lot null: shortfall, no lot in scope). Scaled quantity and basis; the
 * Decimals when they are already known (a whole lot still at its original values).
 */
export interface Take {
  readonly lot: Lot | null;
  readonly quantity: bigint;
  readonly basis: bigint;
  readonly quantityDec: Decimal | undefined;
  readonly basisDec: Decimal | undefined;
}

/** Takes `quantity` units out of `lot`; basis leaves proportionally, and exactly all of it with the last unit. */
export function takeFromLot(state: EngineState, lot: Lot, quantity: bigint): Take {
  if (quantity >= lot.qty) {
    const take: Take = { lot, quantity: lot.qty, basis: lot.basis, quantityDec: lot.qtyDec, basisDec: lot.basisDec };
    lot.qty = 0n;
    lot.basis = 0n;
    lot.qtyDec = undefined;
    lot.basisDec = undefined;
    lot.consumed = true;
    lot.record.remainingQuantity = ZERO;
    lot.record.remainingCostBasis = ZERO;
    return take;
  }
  const basis = shareScaled(lot.basis, quantity, lot.qty, state.mScale);
  lot.qty = fit(lot.qty - quantity);
  lot.basis = fit(lot.basis - basis);
  lot.qtyDec = undefined;
  lot.basisDec = undefined;
  return { lot, quantity, basis, quantityDec: undefined, basisDec: basis === 0n && lot.basis < 0n ? NEGATIVE_ZERO : undefined };
}

function applyPicks(
  state: EngineState,
  ctx: EventContext,
  scopeKey: string,
  asset: string,
  need: bigint,
  takes: Take[],
): bigint {
  const picks = state.picks.get(ctx.event.id);
  if (picks === undefined) return need;
  if (state.method !== 'specific-id') {
    warn(state, 'specific-id-ignored', false, [ctx.event.id], ctx.event.account, asset, null,
      `lot picks for ${ctx.event.id} ignored: the method for ${ctx.year} is ${state.method}`);
    return need;
  }
  let remaining = need;
  for (const pick of picks) {
    if (remaining === 0n) break;
    const lot = state.lotsById?.get(pick.lotId);
    if (lot === undefined || lot.consumed || lot.asset !== asset || lot.scopeKey !== scopeKey || pick.quantity.lte(0)) {
      warn(state, 'specific-id-invalid-pick', true, [ctx.event.id], ctx.event.account, asset, pick.quantity,
        `lot ${pick.lotId} is not available for ${ctx.event.id} in ${scopeKey} (${asset}); the standing order was used`);
      continue;
    }
    const picked = toScaled(pick.quantity, state.qScale);
    const wanted = picked < remaining ? picked : remaining;
    if (wanted > lot.qty) {
      warn(state, 'specific-id-invalid-pick', true, [ctx.event.id], ctx.event.account, asset, fromScaled(fit(wanted - lot.qty), state.qScale),
        `lot ${pick.lotId} holds only ${scaledText(lot.qty, state.qScale)} ${asset}; the rest follows the standing order`);
    }
    const take = takeFromLot(state, lot, wanted);
    takes.push(take);
    remaining = fit(remaining - take.quantity);
  }
  return remaining;
}

/**
 * Takes `quantity` units of `asset` out of the pool `scopeKey`: Specific ID picks first (when the year uses Specific
 * ID), then the pool's method order. O(log n) per lot touched. Any remainder becomes a shortfall take with zero basis
 * and a blocking missing-basis warning.
 */
export function takeLots(
  state: EngineState,
  ctx: EventContext,
  scopeKey: string,
  asset: string,
  quantity: bigint,
): Take[] {
  const takes: Take[] = [];
  let need = state.picks.size > 0 ? applyPicks(state, ctx, scopeKey, asset, quantity, takes) : quantity;
  const heap = existingHeap(state, scopeKey, asset);
  if (heap !== undefined) {
    while (need !== 0n) {
      const top = heap.peek();
      if (top === undefined) break;
      if (top.qty <= need) {
        heap.pop();
        need = fit(need - top.qty);
        takes.push(takeFromLot(state, top, top.qty));
      } else {
        takes.push(takeFromLot(state, top, need));
        need = 0n;
      }
    }
  }
  if (need !== 0n) {
    const short = fromScaled(need, state.qScale);
    takes.push({ lot: null, quantity: need, basis: 0n, quantityDec: short, basisDec: undefined });
    warn(state, 'missing-basis', true, [ctx.event.id], ctx.event.account, asset, short,
      `${toWire(short)} ${asset} taken out of ${scopeKey === '*' ? 'the pooled accounts' : scopeKey} without lots to cover them; zero basis used`);
  }
  return takes;
}

/**
 * Splits `total` (scaled money) over the takes in proportion to quantity; the last take receives the exact
 * remainder. Indexes of negative shares that round to zero are added to `negativeZeros` (Decimal keeps -0).
 */
export function allocate(
  state: EngineState,
  total: bigint,
  takes: readonly Take[],
  quantity: bigint,
  negativeZeros?: number[],
): bigint[] {
  if (takes.length === 1) return [total];
  const out: bigint[] = [];
  let left = total;
  let qtyLeft = quantity;
  for (let i = 0; i < takes.length; i++) {
    if (i === takes.length - 1) {
      out.push(left);
      break;
    }
    const q = takes[i].quantity;
    const part = left === 0n ? 0n : shareScaled(left, q, qtyLeft, state.mScale);
    if (part === 0n && left < 0n) negativeZeros?.push(i);
    out.push(part);
    left = fit(left - part);
    qtyLeft = fit(qtyLeft - q);
  }
  return out;
}
