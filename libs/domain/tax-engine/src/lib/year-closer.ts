import { fit, fromScaled } from './fixed';
import type { EngineState } from './engine-state';

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** End-of-year holdings per scope key and asset (live lots), and running balances per account. */
export function snapshotYear(state: EngineState, taxYear: number): void {
  for (const scopeKey of [...state.pools.keys()].sort(byText)) {
    const byAsset = state.pools.get(scopeKey);
    if (byAsset === undefined) continue;
    for (const asset of [...byAsset.keys()].sort(byText)) {
      const live = byAsset.get(asset)?.live() ?? [];
      if (live.length === 0) continue;
      let quantity = 0n;
      let costBasis = 0n;
      for (const lot of live) {
        quantity = fit(quantity + lot.qty);
        costBasis = fit(costBasis + lot.basis);
      }
      state.holdings.push({
        taxYear,
        scopeKey,
        asset,
        quantity: fromScaled(quantity, state.qScale),
        costBasis: fromScaled(costBasis, state.mScale),
        lotCount: live.length,
      });
    }
  }
  for (const account of [...state.balances.keys()].sort(byText)) {
    const byAsset = state.balances.get(account);
    if (byAsset === undefined) continue;
    for (const asset of [...byAsset.keys()].sort(byText)) {
      const quantity = byAsset.get(asset) ?? 0n;
      if (quantity !== 0n) state.balanceRows.push({ taxYear, account, asset, quantity: fromScaled(quantity, state.qScale) });
    }
  }
}
