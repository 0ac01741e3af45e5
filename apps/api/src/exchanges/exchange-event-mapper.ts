import type { LedgerEntry, Trade, Transaction } from 'ccxt';
import type { ExchangeStream } from '@lotline/contracts';
import { Decimal, parseDecimal, USD, type AssetAmount, type IncomeKind, type LedgerEvent } from '@lotline/ledger';
import type { RawAmountKeys, RawKey } from './exchange-profiles';

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

/** The value at a dotted path ("network.transaction_fee.amount") of a raw record. */
function at(info: unknown, path: string): unknown {
  let v: unknown = info;
  for (const part of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** An amount from the raw record's decimal string when present (the first key that has one), else from ccxt's number (see above). */
export function amountOf(info: unknown, key: RawKey | undefined, unified: number | undefined): Decimal | undefined {
  for (const path of key === undefined ? [] : typeof key === 'string' ? [key] : key) {
    const raw = at(info, path);
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
  const quoteSized = keys.sizeInQuote !== undefined && at(t.info, keys.sizeInQuote) === true;
  const price = amountOf(t.info, keys.price, t.price);
  // A quote-sized fill (Coinbase size_in_quote) states the cost; its base amount is cost / price, to 18 places.
  const sized = quoteSized ? amountOf(t.info, keys.amount, t.cost) : undefined;
  const amount = quoteSized ? (sized && price?.gt(0) ? sized.div(price).toDecimalPlaces(18, Decimal.ROUND_DOWN) : amountOf(undefined, undefined, t.amount)) : amountOf(t.info, keys.amount, t.amount);
  // Without a raw cost, amount x price in decimals (ccxt's cost is a float product) when the raw strings are known.
  const exactProduct = keys.cost === undefined && keys.amount !== undefined && keys.price !== undefined && amount && price ? amount.mul(price) : undefined;
  const cost = (quoteSized ? sized : (exactProduct ?? amountOf(t.info, keys.cost, t.cost))) ?? (amount && price ? amount.mul(price) : undefined);
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

/** An income record of a `transfers` stream (Coinbase staking rewards and interest). */
export function mapIncomeTransfer(t: Transaction, ctx: MapContext, keys: RawAmountKeys['transaction'], kind: IncomeKind): Mapped {
  const id = t.id ?? '';
  const timestamp = iso(t.timestamp);
  if (!id || !timestamp || !t.currency) return issue(id || '?', 'UNSUPPORTED_TYPE', 'An income record without an id, time or asset.');
  if (t.status !== 'ok') return { skip: t.status ?? 'unknown' };
  const received = positive(t.currency, amountOf(t.info, keys.amount, t.amount));
  if (!received) return issue(id, 'ZERO_AMOUNT', `Income ${id} has no positive amount.`);
  return {
    event: {
      id: apiEventId(ctx.exchange, 'transfers', id),
      account: ctx.account,
      timestamp,
      type: 'income',
      received,
      incomeKind: kind,
      externalId: id,
      source: { kind: 'api', exchange: ctx.exchange, recordId: id },
    },
  };
}
