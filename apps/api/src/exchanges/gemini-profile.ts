import type { Transaction } from 'ccxt';
import type { ExchangeProfile, TransferKind } from './exchange-profiles';

/**
 * Gemini (ccxt `gemini`: an account-scoped API key "account-…" and its secret; ccxt signs X-GEMINI-PAYLOAD with
 * HMAC-SHA384). A read-only key has the "Auditor" role.
 *
 * - trades: POST /v1/mytrades answers one market per call, so EVERY spot market Gemini lists (/v1/symbols, ~150) is
 *   asked each sync: complete (a market traded and emptied between syncs is not missed, which deriving the markets
 *   from balances or transfers would miss) and bounded (one call per market per 500 trades; ccxt spaces private calls
 *   by its rate limit, so a sync takes about a minute). Paged as Gemini documents: `timestamp` (ms) past the newest
 *   trade of each full page of 500.
 * - transfers: POST /v1/transfers (deposits and withdrawals together), 50 per page, `timestamp` paging likewise.
 * - balances: POST /v1/balances.
 */
export function geminiTransferKind(t: Transaction): TransferKind {
  if (t.type === 'deposit') return { kind: 'deposits' };
  if (t.type === 'withdrawal') return { kind: 'withdrawals' };
  return { kind: 'issue', message: `Gemini transfer ${t.id ?? ''} has a type Lotline does not read yet (${String((t.info as Record<string, unknown> | undefined)?.['type'] ?? 'none')}).` };
}

export const GEMINI: ExchangeProfile = {
  id: 'gemini',
  label: 'Gemini',
  pageSize: 500,
  balancePermission: 'Auditor',
  streams: {
    trades: { paging: { kind: 'since', param: 'timestamp' }, permission: 'Auditor' },
    transfers: { paging: { kind: 'since', param: 'timestamp' }, permission: 'Auditor', pageSize: 50 },
  },
  raw: {
    trade: { amount: 'amount', price: 'price', fee: 'fee_amount' },
    transaction: { amount: 'amount', fee: 'feeAmount' },
    ledger: {},
  },
  rawBalances: (info) => {
    if (!Array.isArray(info)) return undefined;
    const out: Record<string, string> = {};
    for (const b of info as Record<string, unknown>[]) if (typeof b['currency'] === 'string' && typeof b['amount'] === 'string') out[b['currency']] = b['amount'];
    return out;
  },
  tradeMarkets: 'all-spot',
  transferKindOf: geminiTransferKind,
  // Gemini answers a key without the needed role with MissingRole ("…assign one of these roles […] to API key…").
  permissionError: /\broles?\b/i,
};
