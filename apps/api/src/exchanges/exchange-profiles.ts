import type { Exchange, Transaction } from 'ccxt';
import type { ExchangeId, ExchangeStream } from '@lotline/contracts';
import type { IncomeKind } from '@lotline/ledger';
import type { Backoff } from './exchange-client';
import { COINBASE } from './coinbase-profile';
import { GEMINI } from './gemini-profile';

/**
 * How a stream is paged: `offset` passes an offset parameter (Kraken's `ofs`) with a fixed start; `since` moves the
 * start past the newest record of each full page (with `param`, the start in ms is also sent under that name, for
 * exchanges where ccxt would round it to seconds); `cursor` passes the cursor the previous page left on one of its
 * records' `info[infoKey]` (Coinbase fills) with a fixed start; `none` reads one answer.
 */
export type Paging =
  | { readonly kind: 'offset'; readonly param: string }
  | { readonly kind: 'since'; readonly param?: string }
  | { readonly kind: 'cursor'; readonly param: string; readonly infoKey: string }
  | { readonly kind: 'none' };

export interface StreamPlan {
  readonly paging: Paging;
  /** The exchange's own name for the read permission the stream needs (shown when the key lacks it). */
  readonly permission: string;
  /** Records per page for this stream when it differs from the profile's `pageSize`. */
  readonly pageSize?: number;
}

/**
 * Where the exchange's own decimal strings are in each raw record (`info`), read instead of ccxt's JS numbers: a key,
 * a dotted path into nested objects ("network.transaction_fee.amount"), or a list of those (the first present wins).
 */
export type RawKey = string | readonly string[];

export interface RawAmountKeys {
  readonly trade: {
    readonly amount?: RawKey;
    readonly cost?: RawKey;
    readonly price?: RawKey;
    readonly fee?: RawKey;
    /** A boolean in `info` saying that `amount` holds the quote-currency size (Coinbase `size_in_quote`). */
    readonly sizeInQuote?: string;
  };
  readonly transaction: { readonly amount?: RawKey; readonly fee?: RawKey };
  readonly ledger: { readonly amount?: RawKey; readonly fee?: RawKey };
}

/** What one record of a `transfers` stream is. */
export type TransferKind =
  | { readonly kind: 'deposits' | 'withdrawals' }
  | { readonly kind: 'income'; readonly incomeKind: IncomeKind }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'issue'; readonly message: string };

/** Reads a whole `transfers` stream since `since` (ms) when ccxt's unified call cannot page it. */
export type TransferReader = (ex: Exchange, since: number | undefined, backoff: Backoff) => Promise<Transaction[]>;

export interface ExchangeProfile {
  readonly id: ExchangeId;
  readonly label: string;
  /** Records per page the exchange returns at most (for `since` paging: a shorter page is the last one). */
  readonly pageSize: number;
  readonly balancePermission: string;
  readonly streams: Readonly<Partial<Record<ExchangeStream, StreamPlan>>>;
  readonly raw: RawAmountKeys;
  /** Ledger entries that are income (trades, deposits and withdrawals come from their own streams). */
  readonly incomeKindOf?: (info: Record<string, unknown>) => IncomeKind | undefined;
  /** Balances as the exchange's own decimal strings, keyed by the exchange's asset id. */
  readonly rawBalances?: (info: Record<string, unknown>) => Record<string, string> | undefined;
  /** `all-spot`: the exchange answers trades per market only, so every spot market is asked (see the profile). */
  readonly tradeMarkets?: 'all-spot';
  /** What each record of the `transfers` stream is (default: ccxt's type deposit / withdrawal, anything else an issue). */
  readonly transferKindOf?: (t: Transaction) => TransferKind;
  readonly readTransfers?: TransferReader;
  /** Authentication errors (by message) that are really a missing permission on this exchange. */
  readonly permissionError?: RegExp;
}

const KRAKEN: ExchangeProfile = {
  id: 'kraken',
  label: 'Kraken',
  pageSize: 50,
  balancePermission: 'Query Funds',
  streams: {
    // TradesHistory and Ledgers answer 50 records per call, newest first; `ofs` walks back through the rest.
    trades: { paging: { kind: 'offset', param: 'ofs' }, permission: 'Query Closed Orders & Trades' },
    // DepositStatus / WithdrawStatus answer the recent history in one response.
    deposits: { paging: { kind: 'none' }, permission: 'Query Funds' },
    withdrawals: { paging: { kind: 'none' }, permission: 'Query Funds' },
    ledger: { paging: { kind: 'offset', param: 'ofs' }, permission: 'Query Ledger Entries' },
  },
  raw: {
    trade: { amount: 'vol', cost: 'cost', price: 'price', fee: 'fee' },
    transaction: { amount: 'amount', fee: 'fee' },
    ledger: { amount: 'amount', fee: 'fee' },
  },
  incomeKindOf: (info) => {
    if (info['type'] === 'staking') return 'staking';
    if (info['type'] === 'earn' && info['subtype'] === 'reward') return 'staking';
    return undefined;
  },
  rawBalances: (info) => {
    const result = info['result'];
    if (typeof result !== 'object' || result === null) return undefined;
    const out: Record<string, string> = {};
    for (const [asset, v] of Object.entries(result as Record<string, unknown>)) {
      const balance = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['balance'] : v;
      if (typeof balance === 'string') out[asset] = balance;
    }
    return out;
  },
};

export const EXCHANGE_PROFILES: Readonly<Record<ExchangeId, ExchangeProfile>> = { kraken: KRAKEN, coinbase: COINBASE, gemini: GEMINI };

export const STREAM_LABELS: Readonly<Record<ExchangeStream, string>> = {
  trades: 'trade history',
  deposits: 'deposits',
  withdrawals: 'withdrawals',
  ledger: 'ledger entries',
  transfers: 'deposits and withdrawals',
};
