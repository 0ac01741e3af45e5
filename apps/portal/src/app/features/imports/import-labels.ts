import type { Account, ImportStatus } from '@lotline/contracts';

/** The CSV formats the importers read (ids as the API takes them), for the "format" override. 1099-DA comes later. */
export const IMPORT_FORMATS: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'lotline-generic-v1', label: 'Lotline generic CSV v1' },
  { id: 'coinbase', label: 'Coinbase transaction history' },
  { id: 'coinbase-advanced-fills', label: 'Coinbase Advanced Trade / Pro fills' },
  { id: 'kraken-ledgers', label: 'Kraken ledgers' },
  { id: 'kraken-trades', label: 'Kraken trades' },
  { id: 'gemini', label: 'Gemini transaction history' },
  { id: 'binance-us', label: 'Binance.US transaction history' },
  { id: 'binance', label: 'Binance transaction history' },
  { id: 'crypto-com-app', label: 'Crypto.com App' },
  { id: 'kucoin', label: 'KuCoin spot trades' },
  { id: 'bitstamp', label: 'Bitstamp transactions' },
  { id: 'robinhood', label: 'Robinhood crypto' },
  { id: 'koinly-universal', label: 'Koinly universal template' },
  { id: 'cointracker', label: 'CoinTracker CSV' },
  { id: 'coinledger-universal', label: 'CoinLedger universal import' },
];

export function formatLabel(id: string | null): string {
  if (!id) return '—';
  return IMPORT_FORMATS.find((f) => f.id === id)?.label ?? id;
}

export const IMPORT_STATUS_LABELS: Readonly<Record<ImportStatus, string>> = {
  queued: 'Waiting to start',
  running: 'Importing',
  succeeded: 'Imported',
  failed: 'Failed',
};

export const ACCOUNT_KIND_LABELS: Readonly<Record<Account['kind'], string>> = {
  exchange: 'Exchange',
  wallet: 'Wallet',
};

/** "1 new transaction", "3 new transactions". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Where the Lotline generic CSV template is served from (apps/portal/public). */
export const GENERIC_TEMPLATE_URL = '/lotline-generic-template.csv';
