import { USD, type AssetAmount, type Decimal } from '@lotline/ledger';
import { recordDisposal, recordRemoval } from './disposal-recorder';
import { addBalance, subtractBalance, addLot, scopeKeyFor, warn, type EngineState, type EventContext } from './engine-state';
import { cryptoLeg, disposeFeeUnits, feeValue, priced } from './event-values';
import { toScaled } from './fixed';
import { handleTransfer } from './transfer-handler';

/** New lot for units acquired by this event (purchase, trade, income, deposit, gift). */
function acquire(
  state: EngineState,
  ctx: EventContext,
  leg: AssetAmount,
  basis: Decimal,
  missingBasis = false,
  acquiredMs = ctx.ms,
  acquiredDay = ctx.day,
): void {
  const account = ctx.event.account;
  addLot(state, {
    id: ctx.event.id,
    asset: leg.asset,
    account,
    scopeKey: scopeKeyFor(state, account),
    qty: toScaled(leg.amount, state.qScale),
    basis: toScaled(basis, state.mScale),
    qtyDec: leg.amount,
    basisDec: basis,
    acquiredMs,
    acquiredDay,
    rank: ctx.rank,
    chain: [ctx.event.id],
    origin: { kind: 'acquisition', eventId: ctx.event.id },
    missingBasis,
  });
  addBalance(state, account, leg.asset, leg.amount);
}

function dispose(state: EngineState, ctx: EventContext, leg: AssetAmount, proceeds: Decimal): void {
  recordDisposal(state, ctx, ctx.event.account, leg.asset, leg.amount, proceeds, 'principal');
  subtractBalance(state, ctx.event.account, leg.asset, leg.amount, ctx.event.id);
}

function remove(state: EngineState, ctx: EventContext, leg: AssetAmount, kind: 'gift_out' | 'lost' | 'withdrawal'): void {
  recordRemoval(state, ctx, ctx.event.account, leg.asset, leg.amount, kind, ctx.event.usdValue ?? null);
  subtractBalance(state, ctx.event.account, leg.asset, leg.amount, ctx.event.id);
}

/**
 * buy / sell / trade. Value: the USD leg when there is one, else the event's FMV. The disposed side receives the whole
 * fee (proceeds = value - fee); a purchase adds the fee to basis; a crypto-for-crypto acquisition has basis = FMV.
 */
function handleExchange(state: EngineState, ctx: EventContext): void {
  const e = ctx.event;
  const sent = cryptoLeg(e.sent);
  const received = cryptoLeg(e.received);
  if (sent === undefined && received === undefined) {
    warn(state, 'unsupported-event', false, [e.id], e.account, null, null, `${e.type} ${e.id} moves no crypto; ignored`);
    return;
  }
  const known = e.sent?.asset === USD ? e.sent.amount : e.received?.asset === USD ? e.received.amount : e.usdValue;
  const value = priced(state, ctx, known, 'the trade');
  const fee = feeValue(state, ctx, known);
  if (sent !== undefined) dispose(state, ctx, sent, value.minus(fee.usd));
  if (received !== undefined) acquire(state, ctx, received, sent === undefined ? value.plus(fee.usd) : value);
  disposeFeeUnits(state, ctx, fee);
}

function handleIncome(state: EngineState, ctx: EventContext): void {
  const e = ctx.event;
  const leg = e.received;
  if (leg === undefined || leg.amount.isZero()) {
    warn(state, 'unsupported-event', false, [e.id], e.account, null, null, `income ${e.id} receives nothing; ignored`);
    return;
  }
  const known = leg.asset === USD ? leg.amount : e.usdValue;
  const value = priced(state, ctx, known, 'the income');
  state.income.push({
    eventId: e.id,
    taxYear: ctx.year,
    date: ctx.date,
    account: e.account,
    kind: e.incomeKind ?? 'other',
    asset: leg.asset,
    quantity: leg.amount,
    usdValue: value,
    priced: known !== undefined,
  });
  const fee = feeValue(state, ctx, known);
  if (leg.asset !== USD) acquire(state, ctx, leg, value);
  disposeFeeUnits(state, ctx, fee);
}

function handleGiftIn(state: EngineState, ctx: EventContext): void {
  const e = ctx.event;
  const leg = cryptoLeg(e.received);
  if (leg === undefined) return;
  const carry = state.giftCarryovers.get(e.id);
  if (carry !== undefined) {
    const ms = Date.parse(carry.acquiredAt);
    if (!Number.isNaN(ms)) {
      acquire(state, ctx, leg, carry.costBasis, false, ms, state.cal.dayOf(ms));
      return;
    }
  }
  warn(state, 'gift-basis-at-fmv', false, [e.id], e.account, leg.asset, leg.amount,
    `gift ${e.id} received without the donor's basis; FMV at receipt used as basis`);
  acquire(state, ctx, leg, priced(state, ctx, e.usdValue, 'the gift'), e.usdValue === undefined);
}

function handleDeposit(state: EngineState, ctx: EventContext): void {
  const e = ctx.event;
  const leg = cryptoLeg(e.received);
  if (leg === undefined) return;
  warn(state, 'unreconciled-deposit', true, [e.id], e.account, leg.asset, leg.amount,
    `deposit ${e.id} is not matched to a transfer or categorised; treated as a purchase at its USD value`);
  const fee = feeValue(state, ctx, e.usdValue);
  acquire(state, ctx, leg, priced(state, ctx, e.usdValue, 'the deposit').plus(fee.usd), e.usdValue === undefined);
  disposeFeeUnits(state, ctx, fee);
}

function handleOutflow(state: EngineState, ctx: EventContext, kind: 'spend' | 'gift_out' | 'lost' | 'withdrawal'): void {
  const e = ctx.event;
  const leg = cryptoLeg(e.sent);
  const fee = feeValue(state, ctx, e.usdValue);
  if (leg !== undefined) {
    if (kind === 'spend') dispose(state, ctx, leg, priced(state, ctx, e.usdValue, 'the payment').minus(fee.usd));
    else {
      if (kind === 'withdrawal') {
        warn(state, 'unreconciled-withdrawal', true, [e.id], e.account, leg.asset, leg.amount,
          `withdrawal ${e.id} is not matched to a transfer; its lots were removed without a disposal`);
      }
      remove(state, ctx, leg, kind);
    }
  }
  disposeFeeUnits(state, ctx, fee);
}

/** Standalone fee: crypto paid as a fee is a disposal at its FMV (feeUsd, else usdValue); USD fees change nothing. */
function handleFeeEvent(state: EngineState, ctx: EventContext): void {
  const e = ctx.event;
  const leg = cryptoLeg(e.fee) ?? cryptoLeg(e.sent);
  if (leg === undefined) return;
  const usd = priced(state, ctx, e.feeUsd ?? e.usdValue, 'the fee');
  recordDisposal(state, ctx, e.account, leg.asset, leg.amount, usd, 'fee');
  subtractBalance(state, e.account, leg.asset, leg.amount, ctx.event.id);
}

export function processEvent(state: EngineState, ctx: EventContext): void {
  const type = ctx.event.type;
  switch (type) {
    case 'buy':
    case 'sell':
    case 'trade':
      return handleExchange(state, ctx);
    case 'income':
      return handleIncome(state, ctx);
    case 'gift_in':
      return handleGiftIn(state, ctx);
    case 'deposit':
      return handleDeposit(state, ctx);
    case 'spend':
    case 'gift_out':
    case 'lost':
    case 'withdrawal':
      return handleOutflow(state, ctx, type);
    case 'fee':
      return handleFeeEvent(state, ctx);
    case 'transfer':
      return handleTransfer(state, ctx);
  }
}
