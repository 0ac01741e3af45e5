/** Exchanges Lotline can sync through their APIs (ccxt ids). */
export const EXCHANGE_IDS = ['kraken', 'coinbase', 'gemini'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

/**
 * The record streams a sync reads; each keeps its own cursor. `transfers` is one list of deposits and withdrawals (and,
 * on Coinbase, rewards) for exchanges that answer them together (Gemini's transfers, Coinbase's account transactions).
 */
export const EXCHANGE_STREAMS = ['trades', 'deposits', 'withdrawals', 'ledger', 'transfers'] as const;
export type ExchangeStream = (typeof EXCHANGE_STREAMS)[number];

/**
 * POST /api/clients/:id/exchange-connections. Either `accountId` (an existing account of the client) or `accountName`
 * (a new exchange account is created). The keys are checked with a real, read-only call before anything is stored;
 * they are never returned or shown again.
 */
export interface ConnectExchangeRequest {
  readonly exchange: ExchangeId;
  readonly accountId?: string;
  readonly accountName?: string;
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase?: string;
}

/** A connected exchange account as listed: never the key or the secret, only the last 4 characters of the key. */
export interface ExchangeConnectionView {
  readonly id: string;
  readonly clientId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly exchange: string;
  readonly keyHint: string;
  readonly createdAt: string;
  readonly lastSyncedAt: string | null;
  /** Why the last sync (or key check) failed, in words for the user; null after a successful sync. */
  readonly lastError: string | null;
  /** Balances the exchange reported at the last sync (asset -> decimal string), for the balance-mismatch check. */
  readonly balances: Readonly<Record<string, string>> | null;
  readonly balancesAt: string | null;
}

/** POST /api/clients/:id/exchange-connections/:connectionId/sync answers 202; progress is the import batch's. */
export interface ExchangeSyncQueued {
  readonly connectionId: string;
  /** The import batch (source "api") that records this sync: GET /api/clients/:id/imports/:batchId. */
  readonly batchId: string;
  readonly status: 'queued';
}
