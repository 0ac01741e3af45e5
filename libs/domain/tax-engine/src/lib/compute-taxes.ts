import { USD, type AssetAmount, type Decimal, type LedgerEvent } from '@lotline/ledger';
import type { BrokerLine, EngineInput, GiftCarryover, LotMethod, SpecificIdPick, TaxResult } from './engine-types';
import { reorderPools, settleLotRecords, warn, type EngineState } from './engine-state';
import { orderEvents } from './event-order';
import { processEvent } from './event-processor';
import { createLocalCalendar } from './local-calendar';
import { comparatorFor } from './lot';
import { allocatePooledLots } from './safe-harbor-allocator';
import { computeYearTotals, YearTotals8949 } from './totals-calculator';
import { snapshotYear } from './year-closer';

/** First tax year of per-account scope under Rev. Proc. 2024-28. */
export const PER_ACCOUNT_FROM_YEAR = 2025;

function configureYear(state: EngineState, year: number): void {
  const { settings } = state;
  const yearSettings = settings.years?.[String(year)];
  const method = yearSettings?.method ?? settings.defaultMethod;
  const standing: LotMethod = yearSettings?.standingOrder ?? settings.defaultStandingOrder ?? 'fifo';
  const scope =
    settings.scope === 'rev-proc-2024-28' ? (year >= PER_ACCOUNT_FROM_YEAR ? 'per-account' : 'universal') : settings.scope;
  state.method = method;
  reorderPools(state, method === 'specific-id' ? standing : method);
  if (state.scope === 'universal' && scope === 'per-account') {
    state.scope = scope;
    allocatePooledLots(state);
  }
  state.scope = scope;
  state.year = year;
  state.yearModes.set(year, { method, scope });
}

function groupPicks(input: EngineInput): Map<string, readonly SpecificIdPick[]> {
  const picks = new Map<string, SpecificIdPick[]>();
  for (const sel of input.specificId ?? []) picks.set(sel.eventId, [...(picks.get(sel.eventId) ?? []), ...sel.picks]);
  return picks;
}

/**
 * The ids seen so far, as an open-addressing table of event indexes (a Set of a million id strings costs more time
 * and memory than the whole lot selection).
 */
class EventIdSet {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly events: readonly LedgerEvent[]) {
    let size = 16;
    while (size < events.length * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** Adds the id of events[index]; false when an event with that id was added before. */
  add(index: number): boolean {
    const id = this.events[index].id;
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const other = this.slots[slot];
      if (other < 0) {
        this.slots[slot] = index;
        return true;
      }
      if (this.events[other].id === id) return false;
    }
  }
}

/** Proportional money shares have 20 decimals; inputs may have more. */
const MIN_MONEY_SCALE = 20;

/**
 * Decimals needed to hold every quantity and money amount of the input exactly as scaled integers (fixed.ts): the
 * most decimals of any input quantity / USD amount (results of exact arithmetic on them never need more).
 */
function scalesOf(input: EngineInput): { qScale: number; mScale: number } {
  let q = 0;
  let m = MIN_MONEY_SCALE;
  const money = (d: Decimal | undefined): void => {
    if (d !== undefined) m = Math.max(m, d.decimalPlaces());
  };
  const amount = (a: AssetAmount | undefined): void => {
    if (a === undefined) return;
    const dp = a.amount.decimalPlaces();
    if (a.asset === USD) m = Math.max(m, dp);
    else q = Math.max(q, dp);
  };
  for (const e of input.events) {
    amount(e.sent);
    amount(e.received);
    amount(e.fee);
    money(e.usdValue);
    money(e.feeUsd);
  }
  for (const sel of input.specificId ?? []) for (const p of sel.picks) q = Math.max(q, p.quantity.decimalPlaces());
  for (const l of input.brokerLines ?? []) {
    money(l.proceeds);
    money(l.costBasis);
  }
  for (const g of input.giftCarryovers ?? []) money(g.costBasis);
  const rule = input.settings.safeHarbor;
  if (rule?.kind === 'specific-unit') for (const a of rule.allocations) q = Math.max(q, a.quantity.decimalPlaces());
  // Multiples of 7 decimals: Decimal's base-1e7 digit words then line up with the scaled integers (cheap conversion).
  return { qScale: Math.ceil(q / 7) * 7, mScale: Math.ceil(m / 7) * 7 };
}

/**
 * Computes lots, 8949 rows, income, removals, holdings, warnings and totals for a client's whole ledger.
 * Pure and deterministic: the same input gives the same output, whatever the order of `input.events`.
 */
export function computeTaxes(input: EngineInput): TaxResult {
  const { settings, events } = input;
  const cal = createLocalCalendar(settings.timeZone);
  const picks = groupPicks(input);
  const state: EngineState = {
    settings,
    cal,
    pools: new Map(),
    balances: new Map(),
    lotsById: picks.size > 0 || settings.safeHarbor?.kind === 'specific-unit' ? new Map() : undefined,
    lots: [],
    disposals: [],
    totals: new YearTotals8949(),
    income: [],
    removals: [],
    holdings: [],
    balanceRows: [],
    allocations: [],
    warnings: [],
    picks,
    brokerLines: new Map<string, BrokerLine>((input.brokerLines ?? []).map((l) => [l.eventId, l])),
    giftCarryovers: new Map<string, GiftCarryover>((input.giftCarryovers ?? []).map((g) => [g.eventId, g])),
    yearModes: new Map(),
    scope: settings.scope === 'per-account' ? 'per-account' : 'universal',
    method: settings.defaultMethod,
    heapMethod: 'fifo',
    cmp: comparatorFor('fifo'),
    year: 0,
    seq: 0,
    ...scalesOf(input),
  };
  const { order, ms } = orderEvents(events);
  const seen = new EventIdSet(events);
  for (let rank = 0; rank < order.length; rank++) {
    const event = events[order[rank]];
    if (!seen.add(order[rank])) {
      warn(state, 'duplicate-event-id', true, [event.id], event.account, null, null,
        `event id ${event.id} appears more than once; only the first occurrence was used`);
      continue;
    }
    const t = ms[order[rank]];
    const day = cal.dayOf(t);
    const year = cal.yearOf(day);
    if (year !== state.year) {
      if (state.year === 0) configureYear(state, year);
      while (state.year < year) {
        snapshotYear(state, state.year);
        configureYear(state, state.year + 1);
      }
    }
    processEvent(state, { event, ms: t, day, date: cal.isoDate(day), year, rank });
  }
  if (state.year !== 0) snapshotYear(state, state.year);
  settleLotRecords(state);
  return {
    lots: state.lots,
    disposals: state.disposals,
    income: state.income,
    removals: state.removals,
    holdings: state.holdings,
    balances: state.balanceRows,
    lotAllocations: state.allocations,
    warnings: state.warnings,
    years: computeYearTotals(state.yearModes, state.totals, state.income, state.removals, state.mScale, state.qScale),
  };
}

