import { USD, ZERO, type AssetAmount, type Decimal } from '@lotline/ledger';
import { subtractBalance, warn, type EngineState, type EventContext } from './engine-state';
import { recordDisposal } from './disposal-recorder';
import { share } from './lot-picker';

/** A crypto amount worth tracking in lots (not USD, not zero). */
export function cryptoLeg(amount: AssetAmount | undefined): AssetAmount | undefined {
  return amount !== undefined && amount.asset !== USD && !amount.amount.isZero() ? amount : undefined;
}

/** Uses the value, or zero with a blocking unpriced-event warning. */
export function priced(state: EngineState, ctx: EventContext, value: Decimal | undefined, what: string): Decimal {
  if (value !== undefined) return value;
  warn(state, 'unpriced-event', true, [ctx.event.id], ctx.event.account, null, null,
    `${ctx.event.type} ${ctx.event.id} has no USD value for ${what}; $0 used`);
  return ZERO;
}

export interface FeeValue {
  /** USD value of the fee (USD fees as is, crypto fees at FMV). */
  readonly usd: Decimal;
  /** Crypto units spent on the fee: a disposal of their own. */
  readonly units: AssetAmount | undefined;
}

/**
 * The event's fee in USD. A crypto fee without feeUsd is valued at the event's price when it is paid in one of the
 * event's legs (value x fee / leg amount); otherwise it is unpriced.
 */
export function feeValue(state: EngineState, ctx: EventContext, eventValue: Decimal | undefined): FeeValue {
  const e = ctx.event;
  const fee = e.fee;
  if (fee === undefined || fee.amount.isZero()) return { usd: ZERO, units: undefined };
  if (fee.asset === USD) return { usd: fee.amount, units: undefined };
  let usd = e.feeUsd;
  if (usd === undefined && eventValue !== undefined) {
    const leg = e.sent?.asset === fee.asset ? e.sent : e.received?.asset === fee.asset ? e.received : undefined;
    if (leg !== undefined && !leg.amount.isZero()) usd = share(eventValue, fee.amount, leg.amount);
  }
  return { usd: priced(state, ctx, usd, `the ${fee.asset} fee`), units: fee };
}

/** Crypto spent on a fee is a disposal of those units at the fee's FMV (after the event's own legs). */
export function disposeFeeUnits(state: EngineState, ctx: EventContext, fee: FeeValue): void {
  if (fee.units === undefined) return;
  recordDisposal(state, ctx, ctx.event.account, fee.units.asset, fee.units.amount, fee.usd, 'fee');
  subtractBalance(state, ctx.event.account, fee.units.asset, fee.units.amount, ctx.event.id);
}
