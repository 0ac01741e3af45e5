/** JSON forms of importer output: decimals as plain strings (ARCHITECTURE.md rule 5). */
import { type AssetAmount, type LedgerEvent, toWire } from '@lotline/ledger';
import type { Form1099DaLine } from '../model/form-1099-da-line';

export interface AssetAmountJson {
  readonly asset: string;
  readonly amount: string;
}

export type LedgerEventJson = Omit<LedgerEvent, 'sent' | 'received' | 'fee' | 'usdValue' | 'feeUsd'> & {
  readonly sent?: AssetAmountJson;
  readonly received?: AssetAmountJson;
  readonly fee?: AssetAmountJson;
  readonly usdValue?: string;
  readonly feeUsd?: string;
};

export type Form1099DaLineJson = Omit<Form1099DaLine, 'units' | 'proceeds' | 'costBasis' | 'unitsTransferredIn'> & {
  readonly units: string;
  readonly proceeds: string;
  readonly costBasis?: string;
  readonly unitsTransferredIn?: string;
};

function amountJson(a: AssetAmount): AssetAmountJson {
  return { asset: a.asset, amount: toWire(a.amount) };
}

/** JSON with decimals as strings, keys in the canonical order (id, account, timestamp, type, ..., source). */
export function ledgerEventToJson(e: LedgerEvent): LedgerEventJson {
  return {
    id: e.id,
    account: e.account,
    timestamp: e.timestamp,
    type: e.type,
    ...(e.sent === undefined ? {} : { sent: amountJson(e.sent) }),
    ...(e.received === undefined ? {} : { received: amountJson(e.received) }),
    ...(e.fee === undefined ? {} : { fee: amountJson(e.fee) }),
    ...(e.usdValue === undefined ? {} : { usdValue: toWire(e.usdValue) }),
    ...(e.feeUsd === undefined ? {} : { feeUsd: toWire(e.feeUsd) }),
    ...(e.toAccount === undefined ? {} : { toAccount: e.toAccount }),
    ...(e.incomeKind === undefined ? {} : { incomeKind: e.incomeKind }),
    ...(e.externalId === undefined ? {} : { externalId: e.externalId }),
    ...(e.note === undefined ? {} : { note: e.note }),
    source: e.source,
  };
}

export function form1099DaLineToJson(l: Form1099DaLine): Form1099DaLineJson {
  const { units, proceeds, costBasis, unitsTransferredIn, ...rest } = l;
  return {
    ...rest,
    units: toWire(units),
    proceeds: toWire(proceeds),
    ...(costBasis === undefined ? {} : { costBasis: toWire(costBasis) }),
    ...(unitsTransferredIn === undefined ? {} : { unitsTransferredIn: toWire(unitsTransferredIn) }),
  };
}
