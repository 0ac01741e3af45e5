import type { Decimal } from './decimal';

/** Canonical event types (PRODUCT.md "Canonical ledger"). */
export const EVENT_TYPES = [
  'buy',
  'sell',
  'trade',
  'deposit',
  'withdrawal',
  'transfer',
  'income',
  'spend',
  'gift_in',
  'gift_out',
  'fee',
  'lost',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const INCOME_KINDS = ['staking', 'mining', 'airdrop', 'interest', 'reward', 'fork', 'wages', 'other'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

/** The fiat asset code. Amounts in USD are money; everything else is a quantity of a crypto asset. */
export const USD = 'USD';

export interface AssetAmount {
  /** Upper-case asset symbol, e.g. BTC, ETH, USD. */
  readonly asset: string;
  /** Always positive; the direction comes from the field (sent / received / fee). */
  readonly amount: Decimal;
}

/** Where an event came from: every stored row links back to its source. */
export type SourceRef =
  | { readonly kind: 'file'; readonly fileName: string; readonly line: number; readonly fileSha256?: string }
  | { readonly kind: 'api'; readonly exchange: string; readonly recordId: string }
  | { readonly kind: 'manual'; readonly enteredBy: string; readonly note?: string };

export interface LedgerEvent {
  /** Stable id (assigned by the importer or the database; never random inside domain code). */
  readonly id: string;
  /** The own account (wallet or exchange account) the event happened in. */
  readonly account: string;
  /** ISO 8601 UTC instant, e.g. 2024-03-01T14:05:00.000Z. */
  readonly timestamp: string;
  readonly type: EventType;
  /** What left `account` (USD for a buy). */
  readonly sent?: AssetAmount;
  /** What arrived (USD for a sell; for a transfer, what arrived at `toAccount`). */
  readonly received?: AssetAmount;
  /** Fee paid, if any. */
  readonly fee?: AssetAmount;
  /** USD fair market value of the event when the source knows it (or a price source filled it in). */
  readonly usdValue?: Decimal;
  /** USD value of a non-USD fee. */
  readonly feeUsd?: Decimal;
  /** Receiving own account, for transfers. */
  readonly toAccount?: string;
  readonly incomeKind?: IncomeKind;
  /** Exchange id or chain hash, for dedupe and transfer matching. */
  readonly externalId?: string;
  readonly note?: string;
  readonly source: SourceRef;
}

/** Orders by timestamp only; callers keep a stable sort so source order breaks ties, then id. */
export function compareEvents(a: LedgerEvent, b: LedgerEvent): number {
  if (a.timestamp < b.timestamp) return -1;
  if (a.timestamp > b.timestamp) return 1;
  return 0;
}
