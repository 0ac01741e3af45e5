import type { Decimal, LedgerEvent } from '@lotline/ledger';
import type {
  AccountBalanceRow,
  BrokerLine,
  CostBasisMethod,
  DisposalRow,
  EngineSettings,
  EngineWarning,
  GiftCarryover,
  HoldingRow,
  IncomeRow,
  LotAllocationRow,
  LotMethod,
  LotOrigin,
  LotScope,
  RemovalRow,
  SpecificIdPick,
  WarningCode,
} from './engine-types';
import type { LocalCalendar } from './local-calendar';
import { comparatorFor, ensureUnitCost, inheritUnitCost, Lot, type LotComparator, type MutableLotRecord } from './lot';
import { fit, fromScaled, toScaled } from './fixed';
import { LotHeap } from './lot-heap';
import type { YearTotals8949 } from './totals-calculator';

export const UNIVERSAL_KEY = '*';

/** One event being processed, with its pre-computed instant and local calendar date. */
export interface EventContext {
  readonly event: LedgerEvent;
  readonly ms: number;
  readonly day: number;
  readonly date: string;
  readonly year: number;
  readonly rank: number;
}

/** Mutable working state of one computation; created and discarded inside computeTaxes. */
export interface EngineState {
  readonly settings: EngineSettings;
  readonly cal: LocalCalendar;
  /** scope key ("*" or account) -> asset -> lots. */
  readonly pools: Map<string, Map<string, LotHeap>>;
  /** account -> asset -> running quantity (scaled, qScale). */
  readonly balances: Map<string, Map<string, bigint>>;
  /** Only kept when lots may be referenced by id (Specific ID picks, specific-unit allocation). */
  readonly lotsById: Map<string, Lot> | undefined;
  /** Output records of every lot, in creation order. */
  readonly lots: MutableLotRecord[];
  readonly disposals: DisposalRow[];
  /** Sums of the 8949 rows per year and box, kept as the rows are made. */
  readonly totals: YearTotals8949;
  readonly income: IncomeRow[];
  readonly removals: RemovalRow[];
  readonly holdings: HoldingRow[];
  readonly balanceRows: AccountBalanceRow[];
  readonly allocations: LotAllocationRow[];
  readonly warnings: EngineWarning[];
  readonly picks: ReadonlyMap<string, readonly SpecificIdPick[]>;
  readonly brokerLines: ReadonlyMap<string, BrokerLine>;
  readonly giftCarryovers: ReadonlyMap<string, GiftCarryover>;
  /** Method and scope in force per tax year (for totals). */
  readonly yearModes: Map<number, { readonly method: CostBasisMethod; readonly scope: LotScope }>;
  scope: LotScope;
  method: CostBasisMethod;
  heapMethod: LotMethod;
  cmp: LotComparator;
  year: number;
  seq: number;
  /** Decimals of the scaled quantities and money amounts (fixed.ts). */
  readonly qScale: number;
  readonly mScale: number;
}

export function scopeKeyFor(state: EngineState, account: string): string {
  return state.scope === 'universal' ? UNIVERSAL_KEY : account;
}

export function heapFor(state: EngineState, scopeKey: string, asset: string): LotHeap {
  let byAsset = state.pools.get(scopeKey);
  if (byAsset === undefined) {
    byAsset = new Map();
    state.pools.set(scopeKey, byAsset);
  }
  let heap = byAsset.get(asset);
  if (heap === undefined) {
    heap = new LotHeap(state.cmp);
    byAsset.set(asset, heap);
  }
  return heap;
}

export function existingHeap(state: EngineState, scopeKey: string, asset: string): LotHeap | undefined {
  return state.pools.get(scopeKey)?.get(asset);
}

export function addBalance(state: EngineState, account: string, asset: string, delta: Decimal): void {
  let byAsset = state.balances.get(account);
  if (byAsset === undefined) {
    byAsset = new Map();
    state.balances.set(account, byAsset);
  }
  byAsset.set(asset, fit((byAsset.get(asset) ?? 0n) + toScaled(delta, state.qScale)));
}

export function subtractBalance(state: EngineState, account: string, asset: string, delta: Decimal, eventId: string): void {
  let byAsset = state.balances.get(account);
  if (byAsset === undefined) {
    byAsset = new Map();
    state.balances.set(account, byAsset);
  }
  const before = byAsset.get(asset) ?? 0n;
  const after = fit(before - toScaled(delta, state.qScale));
  byAsset.set(asset, after);
  if (after < 0n && before >= 0n) {
    warn(state, 'negative-balance', true, [eventId], account, asset, fromScaled(-after, state.qScale),
      `${account} holds less ${asset} than it sends out (running balance below zero)`);
  }
}

export function warn(
  state: EngineState,
  code: WarningCode,
  blocking: boolean,
  eventIds: readonly string[],
  account: string | null,
  asset: string | null,
  quantity: Decimal | null,
  message: string,
): void {
  state.warnings.push({ code, blocking, eventIds, account, asset, quantity, message });
}

export interface NewLotSpec {
  readonly id: string;
  readonly asset: string;
  readonly account: string;
  readonly scopeKey: string;
  /** Scaled quantity and basis; the Decimals when the caller has them (reused for the output). */
  readonly qty: bigint;
  readonly basis: bigint;
  readonly qtyDec?: Decimal;
  readonly basisDec?: Decimal;
  readonly acquiredMs: number;
  readonly acquiredDay: number;
  readonly rank: number;
  readonly chain: readonly string[];
  readonly origin: LotOrigin;
  readonly missingBasis: boolean;
  /** Parent lot whose per-unit cost the new lot inherits (saves a division); omitted when the basis per unit changed. */
  readonly unitCostOf?: Lot;
}

/** Creates a lot (and its output record) and places it in its pool. Lots of zero quantity are not created. */
export function addLot(state: EngineState, spec: NewLotSpec): Lot | undefined {
  if (spec.qty === 0n) return undefined;
  const quantity = spec.qtyDec ?? fromScaled(spec.qty, state.qScale);
  const costBasis = spec.basisDec ?? fromScaled(spec.basis, state.mScale);
  const record: MutableLotRecord = {
    id: spec.id,
    asset: spec.asset,
    account: spec.account,
    scopeKey: spec.scopeKey,
    quantity,
    costBasis,
    dateAcquired: state.cal.isoDate(spec.acquiredDay),
    remainingQuantity: quantity,
    remainingCostBasis: costBasis,
    origin: spec.origin,
    sourceEventIds: spec.chain,
    missingBasis: spec.missingBasis,
  };
  const lot = new Lot(
    record,
    spec.qty,
    spec.basis,
    spec.acquiredMs,
    spec.acquiredDay,
    state.cal.longTermFrom(spec.acquiredDay),
    spec.rank,
    state.seq++,
  );
  if (spec.unitCostOf !== undefined && spec.unitCostOf.unitSet) {
    inheritUnitCost(lot, spec.unitCostOf);
  } else if (state.heapMethod === 'hifo') {
    ensureUnitCost(lot);
  }
  state.lots.push(record);
  state.lotsById?.set(spec.id, lot);
  heapFor(state, spec.scopeKey, spec.asset).push(lot);
  return lot;
}

/** Final remaining quantity and basis of the lots still held (used-up lots were set to zero when consumed). */
export function settleLotRecords(state: EngineState): void {
  for (const byAsset of state.pools.values()) {
    for (const heap of byAsset.values()) {
      for (const lot of heap.live()) {
        lot.record.remainingQuantity = lot.qtyDec ?? fromScaled(lot.qty, state.qScale);
        lot.record.remainingCostBasis = lot.basisDec ?? fromScaled(lot.basis, state.mScale);
      }
    }
  }
}

/** Switches every pool to another ordering (method change between tax years). */
export function reorderPools(state: EngineState, method: LotMethod): void {
  if (method === state.heapMethod) return;
  state.heapMethod = method;
  state.cmp = comparatorFor(method);
  for (const byAsset of state.pools.values()) for (const heap of byAsset.values()) heap.reorder(state.cmp);
}
