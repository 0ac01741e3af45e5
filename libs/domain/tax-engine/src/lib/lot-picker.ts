import { Decimal, ZERO, compactDecimal, toWire } from '@lotline/ledger';
import { existingHeap, warn, type EngineState, type EventContext } from './engine-state';
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

/** A piece of a lot taken out of a pool (lot null: shortfall, no lot in scope). */
export interface Take {
  readonly lot: Lot | null;
  readonly quantity: Decimal;
  readonly basis: Decimal;
}

/** Takes `quantity` units out of `lot`; basis leaves proportionally, and exactly all of it with the last unit. */
export function takeFromLot(lot: Lot, quantity: Decimal): Take {
  if (quantity.gte(lot.qty)) {
    const take: Take = { lot, quantity: lot.qty, basis: lot.basis };
    lot.qty = ZERO;
    lot.basis = ZERO;
    lot.consumed = true;
    return take;
  }
  const basis = compactDecimal(share(lot.basis, quantity, lot.qty));
  lot.qty = compactDecimal(lot.qty.minus(quantity));
  lot.basis = compactDecimal(lot.basis.minus(basis));
  return { lot, quantity, basis };
}

function applyPicks(
  state: EngineState,
  ctx: EventContext,
  scopeKey: string,
  asset: string,
  need: Decimal,
  takes: Take[],
): Decimal {
  const picks = state.picks.get(ctx.event.id);
  if (picks === undefined) return need;
  if (state.method !== 'specific-id') {
    warn(state, 'specific-id-ignored', false, [ctx.event.id], ctx.event.account, asset, null,
      `lot picks for ${ctx.event.id} ignored: the method for ${ctx.year} is ${state.method}`);
    return need;
  }
  let remaining = need;
  for (const pick of picks) {
    if (remaining.isZero()) break;
    const lot = state.lotsById?.get(pick.lotId);
    if (lot === undefined || lot.consumed || lot.asset !== asset || lot.scopeKey !== scopeKey || pick.quantity.lte(0)) {
      warn(state, 'specific-id-invalid-pick', true, [ctx.event.id], ctx.event.account, asset, pick.quantity,
        `lot ${pick.lotId} is not available for ${ctx.event.id} in ${scopeKey} (${asset}); the standing order was used`);
      continue;
    }
    const wanted = pick.quantity.lt(remaining) ? pick.quantity : remaining;
    if (wanted.gt(lot.qty)) {
      warn(state, 'specific-id-invalid-pick', true, [ctx.event.id], ctx.event.account, asset, wanted.minus(lot.qty),
        `lot ${pick.lotId} holds only ${toWire(lot.qty)} ${asset}; the rest follows the standing order`);
    }
    const take = takeFromLot(lot, wanted);
    takes.push(take);
    remaining = remaining.minus(take.quantity);
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
  quantity: Decimal,
): Take[] {
  const takes: Take[] = [];
  let need = state.picks.size > 0 ? applyPicks(state, ctx, scopeKey, asset, quantity, takes) : quantity;
  const heap = existingHeap(state, scopeKey, asset);
  if (heap !== undefined) {
    while (!need.isZero()) {
      const top = heap.peek();
      if (top === undefined) break;
      if (top.qty.lte(need)) {
        heap.pop();
        need = need.minus(top.qty);
        takes.push(takeFromLot(top, top.qty));
      } else {
        takes.push(takeFromLot(top, need));
        need = ZERO;
      }
    }
  }
  if (!need.isZero()) {
    takes.push({ lot: null, quantity: need, basis: ZERO });
    warn(state, 'missing-basis', true, [ctx.event.id], ctx.event.account, asset, need,
      `${toWire(need)} ${asset} taken out of ${scopeKey === '*' ? 'the pooled accounts' : scopeKey} without lots to cover them; zero basis used`);
  }
  return takes;
}

/** Splits `total` over the takes in proportion to quantity; the last take receives the exact remainder. */
export function allocate(total: Decimal, takes: readonly Take[], quantity: Decimal): Decimal[] {
  if (takes.length === 1) return [total];
  const out: Decimal[] = [];
  let left = total;
  let qtyLeft = quantity;
  for (let i = 0; i < takes.length; i++) {
    if (i === takes.length - 1) {
      out.push(left);
      break;
    }
    const q = takes[i].quantity;
    const part = left.isZero() ? ZERO : share(left, q, qtyLeft);
    out.push(part);
    left = left.minus(part);
    qtyLeft = qtyLeft.minus(q);
  }
  return out;
}
