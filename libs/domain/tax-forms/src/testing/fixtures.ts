import { dec, ZERO } from '@lotline/ledger';
import { formBoxFor, type DisposalRow, type IncomeRow } from '@lotline/tax-engine';
import type { ReportContext } from '../lib/report-context';

export function context(over: Partial<ReportContext> = {}): ReportContext {
  return {
    clientName: 'Ada Lovelace',
    tin: '123-45-6789',
    firmName: 'Babbage & Co CPAs',
    taxYear: 2025,
    method: 'fifo',
    rounding: 'cents',
    incomeSchedule: 'schedule1',
    version: 1,
    generatedAt: '2026-02-01T10:00:00.000Z',
    ...over,
  };
}

export interface RowSpec {
  readonly id?: string;
  readonly year?: number;
  readonly term?: 'short' | 'long';
  readonly box?: DisposalRow['formBox'];
  readonly qty?: string;
  readonly asset?: string;
  readonly acquired?: string | null;
  readonly sold?: string;
  readonly proceeds: string;
  readonly basis: string;
  /** Broker basis for code B (column e); the adjustment is formBasis - basis. */
  readonly formBasis?: string;
  readonly lotId?: string | null;
  readonly chain?: readonly string[];
  readonly account?: string;
}

/** A disposal row as the engine makes it (gain = proceeds - basis; code B when formBasis differs). */
export function row(s: RowSpec): DisposalRow {
  const year = s.year ?? 2025;
  const term = s.term ?? 'short';
  const proceeds = dec(s.proceeds);
  const basis = dec(s.basis);
  const formBasis = dec(s.formBasis ?? s.basis);
  const codeB = s.formBasis !== undefined && !formBasis.equals(basis);
  const qty = s.qty ?? '1';
  const asset = s.asset ?? 'BTC';
  return {
    eventId: s.id ?? 'e1',
    eventType: 'sell',
    leg: 'principal',
    taxYear: year,
    account: s.account ?? 'coinbase',
    asset,
    quantity: dec(qty),
    description: `${qty} ${asset}`,
    dateAcquired: s.acquired === undefined ? `${year - (term === 'long' ? 2 : 0)}-01-15` : s.acquired,
    dateSold: s.sold ?? `${year}-06-30`,
    proceeds,
    costBasis: basis,
    formCostBasis: formBasis,
    adjustmentCode: codeB ? 'B' : null,
    adjustmentAmount: codeB ? formBasis.minus(basis) : ZERO,
    gain: proceeds.minus(basis),
    term,
    formBox: s.box ?? formBoxFor(year, term, undefined),
    method: 'fifo',
    lotId: s.lotId === undefined ? `lot-${s.id ?? 'e1'}` : s.lotId,
    lotSourceEventIds: s.chain ?? [`buy-${s.id ?? 'e1'}`],
    missingBasis: s.lotId === null,
  };
}

export function income(date: string, kind: IncomeRow['kind'], usd: string, over: Partial<IncomeRow> = {}): IncomeRow {
  return { eventId: `inc-${date}-${kind}`, taxYear: Number(date.slice(0, 4)), date, account: 'kraken', kind, asset: 'ETH', quantity: dec('0.01'), usdValue: dec(usd), priced: true, ...over };
}
