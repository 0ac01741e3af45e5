import type { ExchangeId, ExchangeStream } from '@lotline/contracts';
import type { IncomeKind } from '@lotline/ledger';

/**
 * How a stream is paged: `offset` passes an offset parameter (Kraken's `ofs`) with a fixed start, `since` moves the
 * start past the newest record of each full page, `none` reads one answer.
 */
export type Paging = { readonly kind: 'offset'; readonly param: string } | { readonly kind: 'since' } | { readonly kind: 'none' };

export interface StreamPlan {
  readonly paging: Paging;
  /** The exchange's own name for the read permission the stream needs (shown when the key lacks it). */
  readonly permission: string;
}

/** Names of the exchange's own decimal strings in each raw record (`info`), read instead of ccxt's JS numbers. */
export interface RawAmountKeys {
  readonly trade: { readonly amount?: string; readonly cost?: string; readonly price?: string; readonly fee?: string };
  readonly transaction: { readonly amount?: string; readonly fee?: string };
  readonly ledger: { readonly amount?: string; readonly fee?: string };
}

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

export const EXCHANGE_PROFILES: Readonly<Record<ExchangeId, ExchangeProfile>> = { kraken: KRAKEN };

export const STREAM_LABELS: Readonly<Record<ExchangeStream, string>> = {
  trades: 'trade history',
  deposits: 'deposits',
  withdrawals: 'withdrawals',
  ledger: 'ledger entries',
};
