import { toWire } from '@lotline/ledger';
import { fit, fromScaled, scaledText, toScaled } from './fixed';
import { addLot, UNIVERSAL_KEY, warn, type EngineState } from './engine-state';
import type { LotAllocationRow, LotMethod, SafeHarborRule } from './engine-types';
import { comparatorFor, ensureUnitCost, type Lot } from './lot';
import { takeFromLot } from './lot-picker';

const DEFAULT_RULE: SafeHarborRule = { kind: 'global', lotOrder: 'hifo' };

function accountOrder(rule: SafeHarborRule, capacity: ReadonlyMap<string, bigint>): string[] {
  const listed = (rule.accountOrder ?? []).filter((a) => capacity.has(a));
  const rest = [...capacity.keys()].filter((a) => !listed.includes(a)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...listed, ...rest];
}

/**
 * Rev. Proc. 2024-28 transition: the lots left in the universal pool at 2025-01-01 are allocated to the accounts that
 * hold the units (their running balances). Specific-unit allocations are applied first, then the global rule fills
 * the accounts in order with lots in the rule's lot order. Lots beyond what the accounts hold stay with the account
 * that acquired them and raise a blocking warning. Every piece is a new lot `<lot>@<account>` with the original
 * acquisition date and basis, listed in the lot allocation report.
 */
export function allocatePooledLots(state: EngineState): void {
  const pool = state.pools.get(UNIVERSAL_KEY);
  if (pool === undefined) return;
  state.pools.delete(UNIVERSAL_KEY);
  const rule = state.settings.safeHarbor ?? DEFAULT_RULE;
  const lotOrder: LotMethod = rule.lotOrder ?? 'hifo';
  const pieces = new Map<string, number>();
  const assets = [...pool.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const asset of assets) {
    const lots = pool.get(asset)?.drain() ?? [];
    if (lots.length === 0) continue;
    if (lotOrder === 'hifo') lots.forEach(ensureUnitCost);
    lots.sort(comparatorFor(lotOrder));
    const capacity = new Map<string, bigint>();
    for (const [account, byAsset] of state.balances) {
      const held = byAsset.get(asset);
      if (held !== undefined && held > 0n) capacity.set(account, held);
    }
    const move = (lot: Lot, account: string, quantity: bigint, ruleName: LotAllocationRow['rule']): void => {
      const n = (pieces.get(lot.id) ?? 0) + 1;
      pieces.set(lot.id, n);
      const take = takeFromLot(state, lot, quantity);
      const takeQuantity = take.quantityDec ?? fromScaled(take.quantity, state.qScale);
      const takeBasis = take.basisDec ?? fromScaled(take.basis, state.mScale);
      const id = n === 1 ? `${lot.id}@${account}` : `${lot.id}@${account}~${n}`;
      addLot(state, {
        id,
        asset,
        account,
        scopeKey: account,
        qty: take.quantity,
        basis: take.basis,
        qtyDec: takeQuantity,
        basisDec: takeBasis,
        acquiredMs: lot.acquiredMs,
        acquiredDay: lot.acquiredDay,
        rank: lot.rank,
        chain: lot.chain,
        origin: { kind: 'allocation', parentLotId: lot.id },
        missingBasis: lot.missingBasis,
        unitCostOf: lot,
      });
      state.allocations.push({
        sourceLotId: lot.id,
        lotId: id,
        account,
        asset,
        quantity: takeQuantity,
        costBasis: takeBasis,
        dateAcquired: state.cal.isoDate(lot.acquiredDay),
        rule: ruleName,
      });
      capacity.set(account, fit((capacity.get(account) ?? 0n) - take.quantity));
    };

    if (rule.kind === 'specific-unit') {
      const byId = new Map(lots.map((lot) => [lot.id, lot]));
      for (const alloc of rule.allocations) {
        const lot = byId.get(alloc.lotId);
        if (lot === undefined) continue;
        const room = capacity.get(alloc.account) ?? 0n;
        const asked = toScaled(alloc.quantity, state.qScale);
        let quantity = asked;
        if (quantity > lot.qty) quantity = lot.qty;
        if (quantity > room) quantity = room;
        if (quantity !== asked) {
          warn(state, 'specific-id-invalid-pick', true, [], alloc.account, asset, fromScaled(fit(asked - quantity), state.qScale),
            `allocation of ${toWire(alloc.quantity)} ${asset} from lot ${alloc.lotId} to ${alloc.account} exceeds the lot or the account's holding`);
        }
        if (quantity > 0n) move(lot, alloc.account, quantity, 'specific-unit');
      }
    }

    let next = 0;
    for (const account of accountOrder(rule, capacity)) {
      let room = capacity.get(account) ?? 0n;
      while (room > 0n && next < lots.length) {
        const lot = lots[next];
        if (lot.consumed) {
          next++;
          continue;
        }
        move(lot, account, lot.qty < room ? lot.qty : room, `global-${lotOrder}`);
        room = capacity.get(account) ?? 0n;
      }
    }
    for (; next < lots.length; next++) {
      const lot = lots[next];
      if (lot.consumed) continue;
      const excess = lot.qtyDec ?? fromScaled(lot.qty, state.qScale);
      warn(state, 'transition-excess-lots', true, lot.chain, lot.account, asset, excess,
        `lot ${lot.id} (${scaledText(lot.qty, state.qScale)} ${asset}) exceeds what the accounts hold at 2025-01-01; kept in ${lot.account}`);
      move(lot, lot.account, lot.qty, 'unallocated');
    }
  }
}
