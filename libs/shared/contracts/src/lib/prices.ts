/**
 * The firm's USD price table (issue 6, Pricing) and the ccxt price fetch of a client. Staff only.
 *
 *   POST /prices/imports  (multipart "file")                  -> PriceImportResult (201) | 400 with details per line
 *   GET  /prices?asset=&from=&to=&source=&page=&pageSize=     -> PriceListResponse
 *   POST /clients/:id/prices/fetch                            -> PriceFetchRunView (202) | 409 when offline
 *   GET  /clients/:id/prices/fetch/:runId                     -> PriceFetchRunView
 *
 * Price CSV v1 (header row required, any column order, one quote per row):
 * | column     | required | meaning |
 * |------------|----------|---------|
 * | date       | yes      | YYYY-MM-DD (a daily price, taken as 00:00 UTC) or an ISO 8601 instant with offset or Z |
 * | asset      | yes      | asset symbol, e.g. BTC (case-insensitive, stored upper case) |
 * | price_usd  | yes      | USD price of one unit, a positive decimal (no thousands separators) |
 * | granularity| no       | day, hour or minute; default day for a date, minute for an instant |
 * | source     | no       | where the price came from, e.g. "CoinGecko daily close"; default `csv:<file name>` |
 * `time` and `timestamp` are accepted for `date`, `price` and `usd` for `price_usd`, `symbol` for `asset`.
 */
export const PRICE_GRANULARITIES = ['day', 'hour', 'minute'] as const;
export type PriceGranularity = (typeof PRICE_GRANULARITIES)[number];

export interface PriceQuoteView {
  readonly id: string;
  readonly asset: string;
  /** ISO instant (00:00 UTC for a daily price). */
  readonly at: string;
  readonly granularity: PriceGranularity;
  /** Decimal string. */
  readonly priceUsd: string;
  /** e.g. `csv:prices-2025.csv`, `ccxt:kraken`, or the CSV's own source column. */
  readonly source: string;
  readonly createdAt: string;
}

export interface PriceListResponse {
  readonly items: readonly PriceQuoteView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface PriceImportResult {
  readonly fileName: string;
  /** Data rows read. */
  readonly rows: number;
  readonly added: number;
  /** Rows the table already had (same asset, granularity, instant and source). */
  readonly duplicates: number;
}

/** A problem with one asset in a price fetch (no USD market on the exchange, days the exchange has no candle for). */
export interface PriceFetchIssue {
  readonly asset: string;
  readonly message: string;
}

export interface PriceFetchRunView {
  readonly id: string;
  readonly clientId: string;
  readonly exchange: string;
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** (asset, day) pairs the client's events needed that had no daily quote yet. */
  readonly daysNeeded: number;
  /** Requests made to the exchange (0 when everything needed was already cached). */
  readonly requests: number;
  readonly quotesAdded: number;
  readonly issues: readonly PriceFetchIssue[];
  readonly error: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}
