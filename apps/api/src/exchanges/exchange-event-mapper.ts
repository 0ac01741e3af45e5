import type { LedgerEntry, Trade, Transaction } from 'ccxt';
import type { ExchangeStream } from '@lotline/contracts';
import { parseDecimal, USD, type AssetAmount, type Decimal, type IncomeKind, type LedgerEvent } from '@lotline/ledger';
import type { RawAmountKeys } from './exchange-profiles';

/**
 * Pure mapping of ccxt's unified records to canonical ledger events (no I/O, no clock).
 *
 * Amounts: ccxt's unified structures carry JS numbers, which cannot hold every 18-decimal quantity. We read the
 * exchange's own decimal strings from the raw record (`info`) when the exchange sends strings (Kraken does: vol, cost,
 * fee, price, amount). Otherwise we take ccxt's number and write it back as its shortest round-trip decimal text
 * (`String(n)`, e.g. "1e-8" or "0.1"), which is exactly the text ccxt parsed from the response for values of up to
 * 15-17 significant digits; no float arithmetic happens on the way, and everything after that is decimal.js.
 */

export interface MapContext {
  readonly exchange: string;
  /** The own account's name (ledger events name their account). */
  readonly account: string;
}

export interface MappingIssue {
  readonly recordId: string;
  readonly code: 'UNSUPPORTED_TYPE' | 'ZERO_AMOUNT';
  readonly message: string;
}

export type Mapped = { readonly event: LedgerEvent } | { readonly issue: MappingIssue } | { readonly skip: string };

/** The stable id (and dedupe fingerprint) of an API record: exchange + stream + the exchange's record id. */
export const apiEventId = (exchange: string, stream: ExchangeStream, recordId: string) => `api:${exchange}:${stream}:${recordId}`;

/** An amount from the raw record's decimal string when present, else from ccxt's number (see above). */
export function amountOf(info: unknown, key: string | undefined, unified: number | undefined): Decimal | undefined {
  if (key !== undefined && typeof info === 'object' && info !== null) {
    const raw = (info as Record<string, unknown>)[key];
    if (typeof raw === 'string') {
      const parsed = parseDecimal(raw);
      if (parsed !== undefined) return parsed.abs();
    }
  }
  if (unified === undefined || !Number.isFinite(unified)) return undefined;
  return parseDecimal(String(unified))?.abs();
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString());
const positive = (asset: string, amount: Decimal | undefined): AssetAmount | undefined => (amount !== undefined && amount.gt(0) ? { asset, amount } : undefined);
const issue = (recordId: string, code: MappingIssue['code'], message: string): Mapped => ({ issue: { recordId, code, message } });

/** Spot fills: buy/sell against USD, otherwise a crypto-for-crypto trade. The fee goes with the event. */
export function mapTrade(t: Trade, ctx: MapContext, keys: RawAmountKeys['trade']): Mapped {
  const id = t.id ?? '';
  const timestamp = iso(t.timestamp);
  if (!id || !timestamp) return issue(id || '?', 'UNSUPPORTED_TYPE', 'A trade without an id or a time.');
  const [base, quote] = (t.symbol ?? '').split('/');
  if (!base || !quote || quote.includes(':')) return issue(id, 'UNSUPPORTED_TYPE', `Trade ${id} on ${t.symbol ?? 'an unknown market'} is not a spot trade.`);
  const amount = amountOf(t.info, keys.amount, t.amount);
  const price = amountOf(t.info, keys.price, t.price);
  const cost = amountOf(t.info, keys.cost, t.cost) ?? (amount && price ? amount.mul(price) : undefined);
  const baseSide = positive(base, amount);
  const quoteSide = positive(quote, cost);
  if (!baseSide || !quoteSide) return issue(id, 'ZERO_AMOUNT', `Trade ${id} has no positive amount and cost.`);
  const fee = positive(t.fee?.currency ?? quote, amountOf(t.info, keys.fee, t.fee?.cost));
  const buy = t.side === 'buy';
  if (!buy && t.side !== 'sell') return issue(id, 'UNSUPPORTED_TYPE', `Trade ${id} has no side.`);
  const type = quote === USD ? (buy ? 'buy' : 'sell') : 'trade';
  return {
    event: {
      id: apiEventId(ctx.exchange, 'trades', id),
      account: ctx.account,
      timestamp,
      type,
      sent: buy ? quoteSide : baseSide,
      received: buy ? baseSide : quoteSide,
      ...(fee ? { fee } : {}),
      ...(quote === USD ? { usdValue: quoteSide.amount } : {}),
      ...(fee && fee.asset === USD ? { feeUsd: fee.amount } : {}),
      externalId: id,
      source: { kind: 'api', exchange: ctx.exchange, recordId: id },
    },
  };
}

/** Completed deposits and withdrawals; pending ones wait for a later sync, failed/canceled ones are not events. */
export function mapTransaction(t: Transaction, stream: 'deposits' | 'withdrawals', ctx: MapContext, keys: RawAmountKeys['transaction']): Mapped {
  const id = t.id ?? '';
  const timestamp = iso(t.timestamp);
  if (!id || !timestamp || !t.currency) return issue(id || '?', 'UNSUPPORTED_TYPE', `A ${stream === 'deposits' ? 'deposit' : 'withdrawal'} without an id, time or asset.`);
  if (t.status !== 'ok') return { skip: t.status ?? 'unknown' };
  const moved = positive(t.currency, amountOf(t.info, keys.amount, t.amount));
  if (!moved) return issue(id, 'ZERO_AMOUNT', `${stream === 'deposits' ? 'Deposit' : 'Withdrawal'} ${id} has no positive amount.`);
  const fee = positive(t.fee?.currency ?? t.currency, amountOf(t.info, keys.fee, t.fee?.cost));
  const deposit = stream === 'deposits';
  return {
    event: {
      id: apiEventId(ctx.exchange, stream, id),
      account: ctx.account,
      timestamp,
      type: deposit ? 'deposit' : 'withdrawal',
      ...(deposit ? { received: moved } : { sent: moved }),
      ...(fee ? { fee } : {}),
      externalId: t.txid || id,
      ...(t.address ? { note: `${deposit ? 'from' : 'to'} ${t.address}`.slice(0, 200) } : {}),
      source: { kind: 'api', exchange: ctx.exchange, recordId: id },
    },
  };
}

/** Ledger entries: only income (staking rewards and the like); trades and transfers come from their own streams. */
export function mapLedgerEntry(e: LedgerEntry, ctx: MapContext, keys: RawAmountKeys['ledger'], incomeKindOf: (info: Record<string, unknown>) => IncomeKind | undefined): Mapped {
  const id = e.id ?? '';
  const info = (e.info ?? {}) as Record<string, unknown>;
  const kind = incomeKindOf(info);
  if (!kind) return { skip: String(info['type'] ?? e.type ?? 'other') };
  const timestamp = iso(e.timestamp);
  if (!id || !timestamp || !e.currency) return issue(id || '?', 'UNSUPPORTED_TYPE', 'A ledger entry without an id, time or asset.');
  if (e.direction === 'out') return { skip: 'outflow' };
  const received = positive(e.currency, amountOf(info, keys.amount, e.amount));
  if (!received) return issue(id, 'ZERO_AMOUNT', `Ledger entry ${id} has no positive amount.`);
  const fee = positive(e.fee?.currency ?? e.currency, amountOf(info, keys.fee, e.fee?.cost));
  return {
    event: {
      id: apiEventId(ctx.exchange, 'ledger', id),
      account: ctx.account,
      timestamp,
      type: 'income',
      received,
      ...(fee ? { fee } : {}),
      incomeKind: kind,
      externalId: e.referenceId || id,
      source: { kind: 'api', exchange: ctx.exchange, recordId: id },
    },
  };
}
