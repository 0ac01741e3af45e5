import type { Exchange, Transaction } from 'ccxt';
import { parseDecimal, toWire } from '@lotline/ledger';
import { withBackoff, type Backoff } from './exchange-client';
import type { ExchangeProfile, TransferKind } from './exchange-profiles';

/**
 * Coinbase (ccxt `coinbase`: the Advanced Trade API with CDP keys — key name "organizations/…/apiKeys/…" and an EC
 * private key; ccxt signs an ES256 JWT per request). The CDP key needs the "View" permission only.
 *
 * - trades: Advanced Trade fills (GET /api/v3/brokerage/orders/historical/fills), newest first, `cursor` paging from
 *   a fixed start_sequence_timestamp.
 * - transfers: the v2 account transactions of every Coinbase wallet (GET /v2/accounts, then
 *   /v2/accounts/:id/transactions), read newest first until the cursor's time; sends and fiat deposits/withdrawals are
 *   deposits/withdrawals, staking/inflation rewards and interest are income. Simple buys/sells/converts made in the
 *   Coinbase app are reported as issues (their fees are not in this record: import Coinbase's transaction history CSV
 *   for them); advanced-trade fills are skipped here (they come from the fills stream).
 * - balances: GET /v2/accounts (ccxt's fetchBalance).
 */
const V2_PAGE = 100;

type Call = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;
const implicit = (ex: Exchange, name: string): Call => (ex as unknown as Record<string, Call>)[name].bind(ex);
const nextAfter = (response: Record<string, unknown>): string | undefined => {
  const next = (response['pagination'] as Record<string, unknown> | undefined)?.['next_starting_after'];
  return typeof next === 'string' && next !== '' ? next : undefined;
};
const list = (response: Record<string, unknown>): Record<string, unknown>[] => (Array.isArray(response['data']) ? (response['data'] as Record<string, unknown>[]) : []);

/** Every wallet (paged), except wallets Coinbase lists but that were never used (no created_at). */
async function wallets(ex: Exchange, backoff: Backoff): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const r = await withBackoff(() => implicit(ex, 'v2PrivateGetAccounts')({ limit: V2_PAGE, ...(after ? { starting_after: after } : {}) }), backoff);
    for (const w of list(r)) if (typeof w['id'] === 'string' && w['created_at']) ids.push(w['id']);
    after = nextAfter(r);
    if (!after) break;
  }
  return ids;
}

/** All transactions of every wallet since `since`, newest first per wallet, as ccxt's unified transactions. */
export async function readCoinbaseTransfers(ex: Exchange, since: number | undefined, backoff: Backoff): Promise<Transaction[]> {
  const out: Transaction[] = [];
  for (const accountId of await wallets(ex, backoff)) {
    let after: string | undefined;
    for (let page = 0; page < 500; page++) {
      const r = await withBackoff(() => implicit(ex, 'v2PrivateGetAccountsAccountIdTransactions')({ account_id: accountId, limit: V2_PAGE, ...(after ? { starting_after: after } : {}) }), backoff);
      const txs = list(r).map((raw) => ex.parseTransaction(raw));
      out.push(...txs.filter((t) => since === undefined || (t.timestamp ?? 0) >= since));
      after = nextAfter(r);
      if (!after || txs.some((t) => since !== undefined && (t.timestamp ?? 0) < since)) break;
    }
  }
  return out;
}

const INTERNAL = new Set(['pro_deposit', 'pro_withdrawal', 'exchange_deposit', 'exchange_withdrawal', 'transfer', 'vault_withdrawal']);

export function coinbaseTransferKind(t: Transaction): TransferKind {
  const info = (t.info ?? {}) as Record<string, unknown>;
  const type = String(info['type'] ?? '');
  const signed = String(((info['amount'] ?? {}) as Record<string, unknown>)['amount'] ?? '');
  switch (type) {
    case 'send':
    case 'fiat_deposit':
    case 'fiat_withdrawal':
      if (type === 'fiat_deposit' || (type === 'send' && !signed.startsWith('-'))) return { kind: 'deposits' };
      return { kind: 'withdrawals' };
    case 'staking_reward':
    case 'inflation_reward':
      return { kind: 'income', incomeKind: 'staking' };
    case 'interest':
      return { kind: 'income', incomeKind: 'interest' };
    case 'advanced_trade_fill':
      return { kind: 'skip', reason: 'read from the fills' };
    case 'buy':
    case 'sell':
    case 'trade':
      return { kind: 'issue', message: `Coinbase ${type} ${t.id ?? ''} (made in the Coinbase app) is not read from the API because its fee is not in the record; import Coinbase's transaction history CSV for it.` };
    default:
      if (INTERNAL.has(type)) return { kind: 'skip', reason: 'a move between the client’s own Coinbase wallets' };
      return { kind: 'issue', message: `Coinbase transaction ${t.id ?? ''} has a type Lotline does not read yet (${type || 'none'}).` };
  }
}

export const COINBASE: ExchangeProfile = {
  id: 'coinbase',
  label: 'Coinbase',
  pageSize: 250,
  balancePermission: 'View',
  streams: {
    trades: { paging: { kind: 'cursor', param: 'cursor', infoKey: 'cursor' }, permission: 'View' },
    transfers: { paging: { kind: 'none' }, permission: 'View' },
  },
  raw: {
    trade: { amount: 'size', price: 'price', fee: 'commission', sizeInQuote: 'size_in_quote' },
    transaction: { amount: ['network.transaction_amount.amount', 'subtotal.amount', 'amount.amount'], fee: ['network.transaction_fee.amount', 'fee.amount'] },
    ledger: {},
  },
  rawBalances: (info) => {
    const data = info['data'];
    if (!Array.isArray(data)) return undefined;
    const out: Record<string, string> = {};
    for (const w of data as Record<string, unknown>[]) {
      const balance = (w['balance'] ?? {}) as Record<string, unknown>;
      if (typeof balance['currency'] === 'string' && typeof balance['amount'] === 'string') {
        const amount = parseDecimal(balance['amount']);
        if (amount !== undefined) out[balance['currency']] = toWire(amount.plus(parseDecimal(out[balance['currency']] ?? '0') ?? 0));
      }
    }
    return out;
  },
  transferKindOf: coinbaseTransferKind,
  readTransfers: readCoinbaseTransfers,
  // v2 answers a key without the permission with 403 invalid_scope (ccxt: AuthenticationError); v3 with PERMISSION_DENIED.
  permissionError: /invalid_scope|PERMISSION_DENIED|Missing required scopes/,
};
