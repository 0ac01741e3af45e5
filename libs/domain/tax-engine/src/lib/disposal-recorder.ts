import { ZERO, compactDecimal, sum, toWire, type Decimal } from '@lotline/ledger';
import { warn, type EngineState, type EventContext } from './engine-state';
import type { DisposalRow, RemovalKind, Term } from './engine-types';
import { formBoxFor } from './form-box';
import { allocate, takeLots, type Take } from './lot-picker';

const NO_EVENTS: readonly string[] = [];

/** Column (e) per take: the broker-reported basis (split by quantity) when it differs from the computed one. */
function reportedBases(
  state: EngineState,
  ctx: EventContext,
  asset: string,
  quantity: Decimal,
  proceeds: Decimal,
  takes: readonly Take[],
): Decimal[] | undefined {
  const line = state.brokerLines.get(ctx.event.id);
  if (line === undefined) return undefined;
  if (line.proceeds !== undefined && !line.proceeds.eq(proceeds)) {
    warn(state, 'broker-proceeds-mismatch', false, [ctx.event.id], ctx.event.account, asset, null,
      `${line.form} proceeds ${toWire(line.proceeds)} differ from computed ${toWire(proceeds)}`);
  }
  if (!line.basisReported || line.costBasis === undefined) return undefined;
  const computed = sum(takes.map((t) => t.basis));
  if (line.costBasis.eq(computed)) return undefined;
  warn(state, 'broker-basis-mismatch', false, [ctx.event.id], ctx.event.account, asset, null,
    `${line.form} basis ${toWire(line.costBasis)} differs from computed ${toWire(computed)}; code B adjustment applied`);
  return allocate(line.costBasis, takes, quantity);
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
  const takes = takeLots(state, ctx, scopeKey, asset, quantity);
  const parts = allocate(proceeds, takes, quantity);
  const reported = leg === 'principal' ? reportedBases(state, ctx, asset, quantity, proceeds, takes) : undefined;
  const line = leg === 'principal' ? state.brokerLines.get(ctx.event.id) : undefined;
  for (let i = 0; i < takes.length; i++) {
    const take = takes[i];
    const lot = take.lot;
    const term: Term = lot !== null && ctx.day >= lot.longFromDay ? 'long' : 'short';
    const costBasis = take.basis;
    const formCostBasis = reported === undefined ? costBasis : reported[i];
    const adjusted = reported !== undefined && !formCostBasis.eq(costBasis);
    const rowProceeds = takes.length === 1 ? parts[i] : compactDecimal(parts[i]);
    const row: DisposalRow = {
      eventId: ctx.event.id,
      eventType: ctx.event.type,
      leg,
      taxYear: ctx.year,
      account,
      asset,
      quantity: take.quantity,
      description: `${toWire(take.quantity)} ${asset}`,
      dateAcquired: lot === null ? null : state.cal.isoDate(lot.acquiredDay),
      dateSold: ctx.date,
      proceeds: rowProceeds,
      costBasis,
      formCostBasis,
      adjustmentCode: adjusted ? 'B' : null,
      adjustmentAmount: adjusted ? formCostBasis.minus(costBasis) : ZERO,
      gain: compactDecimal(rowProceeds.minus(costBasis)),
      term,
      formBox: formBoxFor(ctx.year, term, line),
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
  const takes = takeLots(state, ctx, scopeKey, asset, quantity);
  const fmvParts = fairMarketValue === null ? undefined : allocate(fairMarketValue, takes, quantity);
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
      quantity: take.quantity,
      costBasis: take.basis,
      dateAcquired: lot === null ? null : state.cal.isoDate(lot.acquiredDay),
      fairMarketValue: fmvParts === undefined ? null : fmvParts[i],
      lotId: lot === null ? null : lot.id,
      lotSourceEventIds: lot === null ? NO_EVENTS : lot.chain,
      missingBasis: lot === null,
    });
  }
}
