import { Logger } from '@nestjs/common';
import * as ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { DataSource } from 'typeorm';
import { parseDecimal, toWire } from '@lotline/ledger';
import type { ExchangeId, PriceFetchIssue } from '@lotline/contracts';
import { createExchange, DEFAULT_BACKOFF, withBackoff, type Backoff } from '../exchanges/exchange-client';
import { PricesRepository, type NewQuote, type NeededDay } from './prices.repository';

export interface PriceFetchOptions {
  /** LOTLINE_PRICE_API_BASE_URL (tests/dev): the real ccxt class talks to this origin instead of the exchange. */
  readonly apiBaseUrl?: string;
  readonly timeoutMs?: number;
}

const DAY_MS = 86_400_000;
/** Needed days closer than this are fetched as one range (fewer requests, a few extra cached candles). */
const MERGE_GAP_DAYS = 7;
const MAX_PAGES_PER_RANGE = 200;

/** Thrown when the configured exchange cannot serve prices at all: the run fails with this message, no retry. */
class PriceFetchFailure extends Error {}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Consecutive needed days (gaps up to MERGE_GAP_DAYS merged) as [first, last] day starts in ms. */
export function dayRanges(days: readonly string[]): [number, number][] {
  const ms = [...new Set(days.map(dayMs))].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const d of ms) {
    const last = out[out.length - 1];
    if (last && d - last[1] <= MERGE_GAP_DAYS * DAY_MS) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/**
 * The prices.fetch job of one client: finds the (asset, UTC day) pairs its events need a price for and the firm's
 * price table lacks, reads the daily candles of `<ASSET>/USD` through ccxt `fetchOHLCV` (paged by `since`, bounded
 * backoff on 429 and network errors) and caches each candle's open as the price at 00:00 UTC (source `ccxt:<id>`,
 * granularity day). A cached day is never fetched again: a run with nothing missing makes no request at all.
 * Assets without a USD market and days the exchange has no candle for are reported on the run, per asset.
 */
export class PriceFetchRunner {
  private readonly logger = new Logger('Prices');
  private readonly repo: PricesRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly options: PriceFetchOptions = {},
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {
    this.repo = new PricesRepository(ds);
  }

  async run(runId: string): Promise<void> {
    const run = await this.repo.loadRun(runId);
    if (!run) throw new Error(`price fetch run ${runId} not found`);
    if (run.status === 'succeeded' || run.status === 'failed') return;
    const needed = await this.repo.neededDays(this.ds, run.firm_id, run.client_id);
    await this.repo.markRunning(runId, needed.length);
    const state = { requests: 0, added: 0, issues: [] as PriceFetchIssue[] };
    try {
      if (needed.length > 0) await this.fetch(run.firm_id, run.exchange, needed, state);
      await this.repo.finishRun(runId, { status: 'succeeded', requests: state.requests, quotesAdded: state.added, issues: state.issues, error: null });
    } catch (e) {
      const message = e instanceof PriceFetchFailure ? e.message : describe(e, run.exchange);
      if (message === undefined) throw e; // database or bug: the job is retried; what was cached stays cached
      await this.repo.finishRun(runId, { status: 'failed', requests: state.requests, quotesAdded: state.added, issues: state.issues, error: message });
    }
    this.logger.log(`price fetch ${runId}: ${needed.length} days needed, ${state.requests} requests, ${state.added} quotes added, ${state.issues.length} issues`);
  }

  private async fetch(firmId: string, exchangeId: string, needed: readonly NeededDay[], state: { requests: number; added: number; issues: PriceFetchIssue[] }): Promise<void> {
    const ex = this.exchange(exchangeId);
    const send = ex.fetch.bind(ex);
    ex.fetch = (...args: Parameters<Exchange['fetch']>) => {
      state.requests++;
      return send(...args);
    };
    await withBackoff(() => ex.loadMarkets(), this.backoff);
    const byAsset = new Map<string, string[]>();
    for (const n of needed) byAsset.set(n.asset, [...(byAsset.get(n.asset) ?? []), n.day]);
    for (const [asset, days] of byAsset) {
      const symbol = `${asset}/USD`;
      const market: unknown = ex.markets?.[symbol];
      if (market === undefined) {
        state.issues.push({ asset, message: `${ex.name} has no ${symbol} market: import ${asset} prices from a CSV or enter them by hand (${days.length === 1 ? '1 day needs' : `${days.length} days need`} one).` });
        continue;
      }
      const quotes = new Map<number, NewQuote>();
      for (const [first, last] of dayRanges(days)) {
        let since = first;
        for (let page = 0; page < MAX_PAGES_PER_RANGE && since <= last; page++) {
          const candles = await withBackoff(() => ex.fetchOHLCV(symbol, '1d', since), this.backoff);
          let newest = -1;
          for (const [ts, open] of candles) {
            if (ts === undefined || ts < since) continue;
            newest = Math.max(newest, ts);
            const price = typeof open === 'number' && Number.isFinite(open) ? parseDecimal(String(open)) : undefined;
            if (price?.gt(0) && ts % DAY_MS === 0) quotes.set(ts, { asset, at: new Date(ts).toISOString(), granularity: 'day', priceUsd: toWire(price), source: `ccxt:${exchangeId}` });
          }
          if (newest < since) break; // nothing newer: the exchange has no more candles
          since = newest + DAY_MS;
        }
      }
      const missing = days.filter((d) => !quotes.has(dayMs(d)));
      if (missing.length > 0) {
        const sample = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', ...' : '');
        state.issues.push({ asset, message: `${ex.name} has no daily ${symbol} candle for ${missing.length} day${missing.length === 1 ? '' : 's'} (${sample}): import those prices from a CSV or enter them by hand.` });
      }
      // Each asset is committed on its own: a later failure never loses (or refetches) what was already read.
      state.added += await this.ds.transaction((tx) => this.repo.insertQuotes(tx, firmId, null, [...quotes.values()]));
    }
  }

  private exchange(id: string): Exchange {
    if (typeof (ccxt as unknown as Record<string, unknown>)[id] !== 'function') throw new PriceFetchFailure(`The price exchange "${id}" is not an exchange ccxt knows (LOTLINE_PRICE_EXCHANGE).`);
    const ex = createExchange(id as ExchangeId, { apiKey: '', secret: '' }, { apiBaseUrl: this.options.apiBaseUrl, timeoutMs: this.options.timeoutMs });
    if (!ex.has['fetchOHLCV']) throw new PriceFetchFailure(`${ex.name} does not offer price candles (fetchOHLCV) through ccxt; choose another LOTLINE_PRICE_EXCHANGE.`);
    return ex;
  }
}

/** ccxt failures in words (never the exchange's raw answer); undefined for anything else. */
function describe(e: unknown, exchange: string): string | undefined {
  if (e instanceof ccxt.NetworkError) return `${exchange} could not be reached or kept limiting our requests (${e.constructor.name}). Days read so far are kept; try again later.`;
  if (e instanceof ccxt.BaseError) return `${exchange} answered a price request with an error (${e.constructor.name}). Days read so far are kept.`;
  return undefined;
}
