import { ZERO, toWire, type Decimal } from '@lotline/ledger';
import { warn, type EngineState, type EventContext } from './engine-state';
import type { DisposalRow, RemovalKind, Term } from './engine-types';
import { fit, fromScaled, scaledText, toScaled } from './fixed';
import { formBoxFor } from './form-box';
import { allocate, NEGATIVE_ZERO, takeLots, type Take } from './lot-picker';

const NO_EVENTS: readonly string[] = [];

/** Decimal of a take's quantity / basis (reused when known). */
function takeQuantity(state: EngineState, take: Take): Decimal {
  return take.quantityDec ?? fromScaled(take.quantity, state.qScale);
}

function takeBasis(state: EngineState, take: Take): Decimal {
  return take.basisDec ?? fromScaled(take.basis, state.mScale);
}

/** Decimal of part i of a split of `total` (the total itself when there is one part). */
function partOf(state: EngineState, total: Decimal, parts: readonly bigint[], i: number, negativeZeros: readonly number[]): Decimal {
  if (parts.length === 1) return total;
  if (negativeZeros.length > 0 && negativeZeros.includes(i)) return NEGATIVE_ZERO;
  return fromScaled(parts[i], state.mScale);
}

/** Column (e) per take: the broker-reported basis (split by quantity) when it differs from the computed one. */
function reportedBases(
  state: EngineState,
  ctx: EventContext,
  asset: string,
  quantity: bigint,
  proceeds: Decimal,
  takes: readonly Take[],
): { readonly decimals: Decimal[]; readonly scaled: bigint[] } | undefined {
  const line = state.brokerLines.get(ctx.event.id);
  if (line === undefined) return undefined;
  if (line.proceeds !== undefined && !line.proceeds.eq(proceeds)) {
    warn(state, 'broker-proceeds-mismatch', false, [ctx.event.id], ctx.event.account, asset, null,
      `${line.form} proceeds ${toWire(line.proceeds)} differ from computed ${toWire(proceeds)}`);
  }
  if (!line.basisReported || line.costBasis === undefined) return undefined;
  let computed = 0n;
  for (const t of takes) computed = fit(computed + t.basis);
  const reported = toScaled(line.costBasis, state.mScale);
  if (reported === computed) return undefined;
  warn(state, 'broker-basis-mismatch', false, [ctx.event.id], ctx.event.account, asset, null,
    `${line.form} basis ${toWire(line.costBasis)} differs from computed ${scaledText(computed, state.mScale)}; code B adjustment applied`);
  const negativeZeros: number[] = [];
  const parts = allocate(state, reported, takes, quantity, negativeZeros);
  return { decimals: parts.map((_, i) => partOf(state, line.costBasis ?? ZERO, parts, i, negativeZeros)), scaled: parts };
}

/**
 * A taxable disposal of `quantity` units for `proceeds` (already net of disposal fees): one 8949 row per lot piece,
 * proceeds split by quantity (exact remainder on the last piece), shortfall rows for units without lots.
 */
export function recordDisposal(
  state: EngineState,
  ctx: EventContext,
  account: string,
  asset: string,
  quantity: Decimal,
  proceeds: Decimal,
  leg: 'principal' | 'fee',
): void {
  if (quantity.isZero()) return;
  const scopeKey = state.scope === 'universal' ? '*' : account;
  const qty = toScaled(quantity, state.qScale);
  const takes = takeLots(state, ctx, scopeKey, asset, qty);
  const negativeZeros: number[] = [];
  const total = toScaled(proceeds, state.mScale);
  const parts = allocate(state, total, takes, qty, negativeZeros);
  const reported = leg === 'principal' ? reportedBases(state, ctx, asset, qty, proceeds, takes) : undefined;
  const line = leg === 'principal' ? state.brokerLines.get(ctx.event.id) : undefined;
  const single = takes.length === 1;
  for (let i = 0; i < takes.length; i++) {
    const take = takes[i];
    const lot = take.lot;
    const term: Term = lot !== null && ctx.day >= lot.longFromDay ? 'long' : 'short';
    const costBasis = takeBasis(state, take);
    const formCostBasis = reported === undefined ? costBasis : reported.decimals[i];
    const adjusted = reported !== undefined && reported.scaled[i] !== take.basis;
    const gain = fit(parts[i] - take.basis);
    const formBox = formBoxFor(ctx.year, term, line);
    state.totals.addDisposal(ctx.year, formBox, parts[i], take.basis, gain, adjusted ? fit(reported.scaled[i] - take.basis) : undefined);
    state.totals.addAssetRow(ctx.year, asset, take.quantity, parts[i], reported === undefined ? take.basis : reported.scaled[i], gain);
    const rowQuantity = single ? quantity : takeQuantity(state, take);
    const rowProceeds = partOf(state, proceeds, parts, i, negativeZeros);
    const row: DisposalRow = {
      eventId: ctx.event.id,
      eventType: ctx.event.type,
      leg,
      taxYear: ctx.year,
      account,
      asset,
      quantity: rowQuantity,
      // join() gives one flat string (~40 bytes); a template literal leaves a tree of cons strings (~140 bytes).
      description: [scaledText(take.quantity, state.qScale), asset].join(' '),
      dateAcquired: lot === null ? null : state.cal.isoDate(lot.acquiredDay),
      dateSold: ctx.date,
      proceeds: rowProceeds,
      costBasis,
      formCostBasis,
      adjustmentCode: adjusted ? 'B' : null,
      adjustmentAmount: adjusted ? formCostBasis.minus(costBasis) : ZERO,
      gain: fromScaled(gain, state.mScale),
      term,
      formBox,
      method: state.method,
      lotId: lot === null ? null : lot.id,
      lotSourceEventIds: lot === null ? NO_EVENTS : lot.chain,
      missingBasis: lot === null,
    };
    state.disposals.push(row);
  }
}

/** Units leaving without a taxable disposal (gift out, lost, unreconciled withdrawal): lots removed, rows listed. */
export function recordRemoval(
  state: EngineState,
  ctx: EventContext,
  account: string,
  asset: string,
  quantity: Decimal,
  kind: RemovalKind,
  fairMarketValue: Decimal | null,
): void {
  if (quantity.isZero()) return;
  const scopeKey = state.scope === 'universal' ? '*' : account;
  const qty = toScaled(quantity, state.qScale);
  const takes = takeLots(state, ctx, scopeKey, asset, qty);
  const negativeZeros: number[] = [];
  const fmvParts =
    fairMarketValue === null ? undefined : allocate(state, toScaled(fairMarketValue, state.mScale), takes, qty, negativeZeros);
  const single = takes.length === 1;
  for (let i = 0; i < takes.length; i++) {
    const take = takes[i];
    const lot = take.lot;
    state.removals.push({
      eventId: ctx.event.id,
      kind,
      taxYear: ctx.year,
      date: ctx.date,
      account,
      asset,
      quantity: single ? quantity : takeQuantity(state, take),
      costBasis: takeBasis(state, take),
      dateAcquired: lot === null ? null : state.cal.isoDate(lot.acquiredDay),
      fairMarketValue: fmvParts === undefined || fairMarketValue === null ? null : partOf(state, fairMarketValue, fmvParts, i, negativeZeros),
      lotId: lot === null ? null : lot.id,
      lotSourceEventIds: lot === null ? NO_EVENTS : lot.chain,
      missingBasis: lot === null,
    });
  }
}
