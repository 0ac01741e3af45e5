import * as ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { ExchangeId } from '@lotline/contracts';
import type { ExchangeProfile, StreamPlan } from './exchange-profiles';

/** What is sealed for a connection (one JSON): never logged, never returned. */
export interface ExchangeCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase?: string;
}

export interface ExchangeClientOptions {
  /**
   * LOTLINE_EXCHANGE_API_BASE_URL (tests/dev): every URL in `exchange.urls.api` is rewritten to this origin, keeping
   * its path, so the real ccxt class talks to a local server. Such a server does not limit requests, so the
   * client-side throttle is shortened to 1 ms; against real exchanges ccxt's own `rateLimit` applies.
   */
  readonly apiBaseUrl?: string;
  readonly timeoutMs?: number;
}

/** The real ccxt exchange class for `id`, with ccxt's rate limiter on (requests spaced by `exchange.rateLimit`). */
export function createExchange(id: ExchangeId, creds: ExchangeCredentials, options: ExchangeClientOptions = {}): Exchange {
  const classes = ccxt as unknown as Record<string, new (config: Record<string, unknown>) => Exchange>;
  const ExchangeClass = classes[id];
  if (typeof ExchangeClass !== 'function') throw new Error(`ccxt has no exchange ${id}`);
  const exchange = new ExchangeClass({
    apiKey: creds.apiKey,
    secret: creds.secret,
    ...(creds.passphrase ? { password: creds.passphrase } : {}),
    enableRateLimit: true,
    timeout: options.timeoutMs ?? 30000,
    ...(options.apiBaseUrl ? { rateLimit: 1 } : {}),
  });
  if (options.apiBaseUrl) exchange.urls['api'] = rewriteOrigins(exchange.urls['api'], options.apiBaseUrl.replace(/\/+$/, '')) as typeof exchange.urls['api'];
  return exchange;
}

function rewriteOrigins(value: unknown, base: string): unknown {
  if (typeof value === 'string') return value.replace(/^https?:\/\/[^/]+/, base);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, rewriteOrigins(v, base)]));
  }
  return value;
}

export interface Backoff {
  /** Further attempts after a rate-limit or network error. */
  readonly retries: number;
  readonly delayMs: (attempt: number) => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_BACKOFF: Backoff = {
  retries: 5,
  delayMs: (attempt) => Math.min(60000, 2000 * 2 ** attempt),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Calls `fn`, backing off and retrying on ccxt's NetworkError family (RateLimitExceeded, DDoSProtection — HTTP 429
 * and the exchange's own "rate limit" errors —, timeouts, exchange not available) a bounded number of times.
 * Authentication and permission errors are ExchangeErrors: they are thrown at once, never retried.
 */
export async function withBackoff<T>(fn: () => Promise<T>, backoff: Backoff): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ccxt.NetworkError) || attempt >= backoff.retries) throw e;
      await backoff.sleep(backoff.delayMs(attempt));
    }
  }
}

interface PagedRecord {
  readonly id?: string | undefined;
  readonly timestamp?: number | undefined;
  readonly info?: unknown;
}

/** The cursor a page left on one of its records (`info[key]`), if any. */
function cursorOf(records: readonly PagedRecord[], key: string): string | undefined {
  for (const r of records) {
    const v = typeof r.info === 'object' && r.info !== null ? (r.info as Record<string, unknown>)[key] : undefined;
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * Reads one stream since `since` page by page (see `Paging`). Stops at an empty page, a short `since` page, or a page
 * that brings no record not seen already in this run (an exchange that ignores the page parameter cannot loop us).
 */
export async function fetchAllPages<R extends PagedRecord>(
  fetchPage: (since: number | undefined, limit: number | undefined, params: Record<string, unknown>) => Promise<R[]>,
  plan: StreamPlan,
  pageSize: number,
  since: number | undefined,
  backoff: Backoff,
  maxPages = 500,
): Promise<R[]> {
  const seen = new Set<string>();
  const out: R[] = [];
  let offset = 0;
  let from = since;
  let cursor: string | undefined;
  const paging = plan.paging;
  for (let page = 0; page < maxPages; page++) {
    const params: Record<string, unknown> = {};
    if (paging.kind === 'offset' && offset > 0) params[paging.param] = offset;
    // An exchange that answers its newest records without a start is asked from 0 (Gemini documents exactly this).
    if (paging.kind === 'since' && paging.param) params[paging.param] = from ?? 0;
    if (paging.kind === 'cursor' && cursor) params[paging.param] = cursor;
    const limit = paging.kind === 'since' || paging.kind === 'cursor' ? pageSize : undefined;
    const records = await withBackoff(() => fetchPage(from, limit, params), backoff);
    const fresh = records.filter((r) => {
      const key = r.id ?? JSON.stringify(r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    out.push(...fresh);
    if (fresh.length === 0 || paging.kind === 'none') break;
    if (paging.kind === 'offset') {
      offset += records.length;
    } else if (paging.kind === 'cursor') {
      cursor = cursorOf(records, paging.infoKey);
      if (!cursor) break;
    } else {
      if (records.length < pageSize) break;
      from = Math.max(...records.map((r) => r.timestamp ?? 0)) + 1;
    }
  }
  return out;
}

export type FailureKind = 'auth' | 'permission' | 'unavailable' | 'exchange';

/** A failure the user can act on, in words (never the exchange's raw response, which could echo request data). */
export interface ExchangeFailure {
  readonly kind: FailureKind;
  readonly message: string;
}

/** Classifies ccxt errors; anything else (database, bugs) is not an exchange failure and returns undefined. */
export function describeExchangeError(e: unknown, profile: ExchangeProfile, what: { label: string; permission: string }): ExchangeFailure | undefined {
  if (e instanceof ccxt.PermissionDenied || (e instanceof ccxt.AuthenticationError && profile.permissionError?.test(e.message))) {
    return { kind: 'permission', message: `These keys lack the read permission needed for ${what.label} (${profile.label}: "${what.permission}"). Create a read-only key with that permission and connect again.` };
  }
  if (e instanceof ccxt.AuthenticationError) {
    return { kind: 'auth', message: `The exchange rejected these API keys. Check that the key and secret were copied exactly and that the key is still enabled on ${profile.label}.` };
  }
  if (e instanceof ccxt.NetworkError) {
    return { kind: 'unavailable', message: `${profile.label} could not be reached or kept limiting our requests (${e.constructor.name}). Try again later.` };
  }
  if (e instanceof ccxt.BaseError) {
    return { kind: 'exchange', message: `${profile.label} answered ${what.label} with an error (${e.constructor.name}).` };
  }
  return undefined;
}
