import { USD, ZERO } from '@lotline/ledger';
import { recordDisposal, recordRemoval } from './disposal-recorder';
import { addBalance, subtractBalance, addLot, existingHeap, warn, type EngineState, type EventContext } from './engine-state';
import { cryptoLeg, disposeFeeUnits, feeValue, priced } from './event-values';
import { fit, fromScaled, toScaled } from './fixed';
import { ensureUnitCost } from './lot';
import { allocate, share, takeLots } from './lot-picker';

/**
 * Transfer between own accounts. Moved units = received (or sent - same-asset fee); fee units = same-asset fee (or
 * sent - received). Fee units go first: disposed of at FMV (setting `dispose`, the default) or removed with their
 * basis carried over to the moved units (`carry-basis`). In per-account scope the moved units are picked by the
 * method and re-created in the destination with the same acquisition date and basis (new lot ids `<event>/<n>`);
 * in universal scope lots stay in the pool and only the account balances move. A fee in another crypto asset
 * (gas) is an ordinary fee disposal.
 */
export function handleTransfer(state: EngineState, ctx: EventContext): void {
  const e = ctx.event;
  const leg = cryptoLeg(e.sent) ?? cryptoLeg(e.received);
  if (leg === undefined) return;
  const asset = leg.asset;
  const from = e.account;
  const to = e.toAccount;
  if (to === undefined || to === from) {
    warn(state, 'unreconciled-withdrawal', true, [e.id], from, asset, leg.amount,
      `transfer ${e.id} has no other destination account; treated as an unreconciled withdrawal`);
    recordRemoval(state, ctx, from, asset, leg.amount, 'withdrawal', e.usdValue ?? null);
    subtractBalance(state, from, asset, leg.amount, ctx.event.id);
    return;
  }
  const sameAssetFee = e.fee !== undefined && e.fee.asset === asset ? e.fee.amount : undefined;
  const sent = e.sent?.asset === asset ? e.sent.amount : leg.amount;
  const moved = e.received?.asset === asset ? e.received.amount : sameAssetFee !== undefined ? sent.minus(sameAssetFee) : sent;
  const feeQty = sameAssetFee ?? (sent.gt(moved) ? sent.minus(moved) : ZERO);

  let carriedBasis = 0n;
  if (feeQty.gt(0)) {
    if (state.settings.transferFee === 'dispose') {
      const value = e.feeUsd ?? (e.usdValue !== undefined && !sent.isZero() ? share(e.usdValue, feeQty, sent) : undefined);
      recordDisposal(state, ctx, from, asset, feeQty, priced(state, ctx, value, 'the transfer fee'), 'fee');
    } else {
      const scopeKey = state.scope === 'universal' ? '*' : from;
      for (const t of takeLots(state, ctx, scopeKey, asset, toScaled(feeQty, state.qScale))) carriedBasis = fit(carriedBasis + t.basis);
    }
  }
  if (e.fee !== undefined && e.fee.asset !== asset && e.fee.asset !== USD) {
    disposeFeeUnits(state, ctx, feeValue(state, ctx, undefined));
  }
  subtractBalance(state, from, asset, moved.plus(feeQty), ctx.event.id);
  addBalance(state, to, asset, moved);

  if (state.scope === 'universal') {
    if (carriedBasis !== 0n) carryToPool(state, ctx, asset, carriedBasis);
    return;
  }
  if (moved.lte(0)) {
    if (carriedBasis !== 0n) carryToPool(state, ctx, asset, carriedBasis);
    return;
  }
  const movedQty = toScaled(moved, state.qScale);
  const takes = takeLots(state, ctx, from, asset, movedQty);
  const extra = carriedBasis === 0n ? undefined : allocate(state, carriedBasis, takes, movedQty);
  for (let i = 0; i < takes.length; i++) {
    const take = takes[i];
    const lot = take.lot;
    addLot(state, {
      id: `${e.id}/${i + 1}`,
      asset,
      account: to,
      scopeKey: to,
      qty: take.quantity,
      basis: extra === undefined ? take.basis : fit(take.basis + extra[i]),
      qtyDec: take.quantityDec,
      basisDec: extra === undefined ? take.basisDec : undefined,
      acquiredMs: lot === null ? ctx.ms : lot.acquiredMs,
      acquiredDay: lot === null ? ctx.day : lot.acquiredDay,
      rank: lot === null ? ctx.rank : lot.rank,
      // concat sizes the array exactly; a spread literal leaves ~17 slots of spare capacity (~136 bytes per piece).
      chain: lot === null ? [e.id] : lot.chain.concat(e.id),
      origin: lot === null ? { kind: 'shortfall', eventId: e.id } : { kind: 'transfer', eventId: e.id, parentLotId: lot.id },
      missingBasis: lot === null || lot.missingBasis,
      unitCostOf: extra === undefined && lot !== null ? lot : undefined,
    });
  }
}

/**
 * Carry-basis in universal scope (or nothing moved): the fee units' basis joins the lot next in line in the pool of
 * the sending side. Raising the top lot's basis never breaks the heap order (HIFO: it only rises). Without any lot
 * left the basis is listed as a removal.
 */
function carryToPool(state: EngineState, ctx: EventContext, asset: string, basis: bigint): void {
  const scopeKey = state.scope === 'universal' ? '*' : ctx.event.account;
  const top = existingHeap(state, scopeKey, asset)?.peek();
  if (top === undefined) {
    state.removals.push({
      eventId: ctx.event.id,
      kind: 'transfer-fee',
      taxYear: ctx.year,
      date: ctx.date,
      account: ctx.event.account,
      asset,
      quantity: ZERO,
      costBasis: fromScaled(basis, state.mScale),
      dateAcquired: null,
      fairMarketValue: null,
      lotId: null,
      lotSourceEventIds: [],
      missingBasis: false,
    });
    return;
  }
  top.basis = fit(top.basis + basis);
  top.basisDec = undefined;
  top.unitSet = false;
  top.unitExact = undefined;
  if (state.heapMethod === 'hifo') ensureUnitCost(top);
}
