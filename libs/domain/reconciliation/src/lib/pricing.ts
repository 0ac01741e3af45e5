import { Decimal, USD, type LedgerEvent } from '@lotline/ledger';
import { cryptoLeg, ownValue, pricedLeg } from './event-values';
import type { PriceIndex } from './price-table';
import type { PriceSource, ReconcileSettings } from './types';

export interface ManualPrice {
  readonly usdValue: Decimal;
  readonly source: string;
  readonly resolutionId: string;
}

export interface PricedEvent {
  readonly event: LedgerEvent;
  /** Set when pricing changed the event (manual, stablecoin, table); own values are not recorded. */
  readonly source?: PriceSource;
}

/**
 * Gives an event its USD value: a manual price (enter-price resolution) first, then the event's own value (a USD side
 * or usdValue), then a USD stablecoin side at par when the setting allows, then the price table (nearest earlier
 * quote within the maximum age). A crypto fee in an asset other than the event's legs gets feeUsd from the table.
 * Events that stay without a value are reported by the missing-price detector after matching. Returns undefined
 * when the event keeps its own value (the common case: no allocation).
 */
export function priceEvent(
  e: LedgerEvent,
  ms: number,
  settings: ReconcileSettings,
  table: PriceIndex | undefined,
  manual: ManualPrice | undefined,
): PricedEvent | undefined {
  let event = e;
  let source: PriceSource | undefined;
  if (manual !== undefined) {
    event = { ...e, usdValue: manual.usdValue };
    source = { kind: 'manual', resolutionId: manual.resolutionId, source: manual.source };
  } else if (ownValue(e) === undefined && (e.type !== 'fee' || e.feeUsd === undefined)) {
    const stable = settings.stablecoinsAsUsd ? stableSide(e, settings.stablecoins) : undefined;
    if (stable !== undefined) {
      event = { ...e, usdValue: stable.amount };
      source = { kind: 'stablecoin-par', asset: stable.asset };
    } else {
      const leg = pricedLeg(e);
      const quote = leg === undefined ? undefined : table?.lookup(leg.asset, ms);
      if (leg !== undefined && quote !== undefined) {
        const usd = leg.amount.times(quote.usd);
        event = e.type === 'fee' ? { ...e, feeUsd: usd } : { ...e, usdValue: usd };
        source = { kind: 'table', source: quote.source, quotedAt: quote.at, unitPrice: quote.usd };
      }
    }
  }
  const fee = cryptoLeg(event.fee);
  if (table !== undefined && fee !== undefined && event.type !== 'fee' && event.feeUsd === undefined && fee.asset !== event.sent?.asset && fee.asset !== event.received?.asset) {
    const quote = table.lookup(fee.asset, ms);
    if (quote !== undefined) {
      event = { ...event, feeUsd: fee.amount.times(quote.usd) };
      source ??= { kind: 'table', source: quote.source, quotedAt: quote.at, unitPrice: quote.usd };
    }
  }
  if (event === e) return undefined;
  return source === undefined ? { event } : { event, source };
}

function stableSide(e: LedgerEvent, stablecoins: readonly string[]): { asset: string; amount: Decimal } | undefined {
  for (const side of [e.sent, e.received]) {
    if (side !== undefined && side.asset !== USD && stablecoins.includes(side.asset) && !side.amount.isZero()) return side;
  }
  return undefined;
}
