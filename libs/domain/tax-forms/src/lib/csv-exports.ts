import { toWire } from '@lotline/ledger';
import { UNIVERSAL_KEY, type DisposalRow, type HoldingRow, type IncomeRow, type LotAllocationRow, type TaxResult } from '@lotline/tax-engine';
import type { AuditTrailModel } from './audit-trail-model';
import { toCsv, type CsvColumn } from './csv-writer';
import { centsText, formDate } from './form-format';

const w = toWire;

/** Capital gains CSV: one row per disposal piece, full precision (the CLI's form8949.csv columns). */
export function capitalGainsCsv(disposals: readonly DisposalRow[]): string {
  const cols: CsvColumn<DisposalRow>[] = [
    { header: 'description', type: 'text', value: (r) => r.description },
    { header: 'date_acquired', type: 'text', value: (r) => r.dateAcquired ?? '' },
    { header: 'date_sold', type: 'text', value: (r) => r.dateSold },
    { header: 'proceeds', type: 'number', value: (r) => w(r.proceeds) },
    { header: 'cost_basis', type: 'number', value: (r) => w(r.formCostBasis) },
    { header: 'adjustment_code', type: 'text', value: (r) => r.adjustmentCode ?? '' },
    { header: 'adjustment', type: 'number', value: (r) => (r.adjustmentCode === null ? '' : w(r.adjustmentAmount)) },
    { header: 'gain', type: 'number', value: (r) => w(r.gain) },
    { header: 'term', type: 'text', value: (r) => r.term },
    { header: 'box', type: 'text', value: (r) => r.formBox },
    { header: 'account', type: 'text', value: (r) => r.account },
  ];
  return toCsv(cols, disposals);
}

/** Income CSV: one row per income event, full precision (the CLI's income.csv columns). */
export function incomeCsv(income: readonly IncomeRow[]): string {
  const cols: CsvColumn<IncomeRow>[] = [
    { header: 'date', type: 'text', value: (r) => r.date },
    { header: 'asset', type: 'text', value: (r) => r.asset },
    { header: 'quantity', type: 'number', value: (r) => w(r.quantity) },
    { header: 'kind', type: 'text', value: (r) => r.kind },
    { header: 'usd_value', type: 'number', value: (r) => w(r.usdValue) },
    { header: 'account', type: 'text', value: (r) => r.account },
  ];
  return toCsv(cols, income);
}

/** End-of-year holdings per scope key (the CLI's holdings.csv columns; "*" = the universal pool). */
export function endOfYearHoldingsCsv(holdings: readonly HoldingRow[]): string {
  const cols: CsvColumn<HoldingRow>[] = [
    { header: 'account', type: 'text', value: (h) => h.scopeKey },
    { header: 'asset', type: 'text', value: (h) => h.asset },
    { header: 'quantity', type: 'number', value: (h) => w(h.quantity) },
    { header: 'cost_basis', type: 'number', value: (h) => w(h.costBasis) },
  ];
  return toCsv(cols, holdings);
}

function sortHoldings(rows: readonly HoldingRow[]): HoldingRow[] {
  return rows.slice().sort((a, b) => (a.scopeKey + '\u0000' + a.asset < b.scopeKey + '\u0000' + b.asset ? -1 : 1));
}

/**
 * Beginning and end-of-year holdings: "beginning" = the engine's holdings at the end of the previous year (before
 * any 2025 safe-harbor allocation: see the lot allocation report), "end" = at the end of `taxYear`.
 */
export function holdingsCsv(result: Pick<TaxResult, 'holdings'>, taxYear: number): string {
  type Row = HoldingRow & { position: 'beginning' | 'end'; asOf: string };
  const rows: Row[] = [
    ...sortHoldings(result.holdings.filter((h) => h.taxYear === taxYear - 1)).map((h) => ({ ...h, position: 'beginning' as const, asOf: `${taxYear}-01-01` })),
    ...sortHoldings(result.holdings.filter((h) => h.taxYear === taxYear)).map((h) => ({ ...h, position: 'end' as const, asOf: `${taxYear}-12-31` })),
  ];
  const cols: CsvColumn<Row>[] = [
    { header: 'position', type: 'text', value: (h) => h.position },
    { header: 'as_of', type: 'text', value: (h) => h.asOf },
    { header: 'account', type: 'text', value: (h) => (h.scopeKey === UNIVERSAL_KEY ? 'all accounts (universal)' : h.scopeKey) },
    { header: 'asset', type: 'text', value: (h) => h.asset },
    { header: 'quantity', type: 'number', value: (h) => w(h.quantity) },
    { header: 'cost_basis', type: 'number', value: (h) => w(h.costBasis) },
    { header: 'lots', type: 'number', value: (h) => String(h.lotCount) },
  ];
  return toCsv(cols, rows);
}

/**
 * TurboTax-importable gains CSV (crypto "other source" gains/losses upload): columns Currency Name, Purchase Date,
 * Cost Basis, Date Sold, Proceeds, dates MM/DD/YYYY, amounts in dollars and cents without signs or currency symbols
 * (TurboTax's upload template as documented in https://github.com/jdc-cunningham/cbp-csv-parser-for-turbotax
 * README; TurboTax's help "How do I create a CSV file for an unsupported source" (ttlc.intuit.com) adds that negative
 * numbers make the upload fail and numbers are limited to 8 decimals). Proceeds and basis are never negative.
 * Code B adjustments cannot be expressed in this format, so Cost Basis is the correct (computed) basis, which gives
 * the right gain; the broker-reported basis and the code B row are on Form 8949 and in the capital gains CSV.
 */
export function turboTaxCsv(disposals: readonly DisposalRow[]): string {
  const cols: CsvColumn<DisposalRow>[] = [
    { header: 'Currency Name', type: 'text', value: (r) => r.asset },
    { header: 'Purchase Date', type: 'text', value: (r) => formDate(r.dateAcquired) },
    { header: 'Cost Basis', type: 'number', value: (r) => centsText(r.costBasis) },
    { header: 'Date Sold', type: 'text', value: (r) => formDate(r.dateSold) },
    { header: 'Proceeds', type: 'number', value: (r) => centsText(r.proceeds) },
  ];
  return toCsv(cols, disposals);
}

/**
 * TaxAct Form 1099-B CSV (Stock Assistant import): Description, Date Acquired, Date Sold, Sales Proceeds, Cost or
 * Other Basis, Adjustment Code, Adjustment Amount, Reporting Category (the Form 8949 box letter) as documented in
 * "Form 1099-B - Create Your Own Spreadsheet (CSV File)", https://www.taxact.com/support/882 . Dates MM/DD/YYYY,
 * "Various" as TaxAct spells it for several acquisition dates; amounts in dollars and cents.
 */
export function taxActCsv(disposals: readonly DisposalRow[]): string {
  const cols: CsvColumn<DisposalRow>[] = [
    { header: 'Description', type: 'text', value: (r) => r.description },
    { header: 'Date Acquired', type: 'text', value: (r) => (r.dateAcquired === null ? 'Various' : formDate(r.dateAcquired)) },
    { header: 'Date Sold', type: 'text', value: (r) => formDate(r.dateSold) },
    { header: 'Sales Proceeds', type: 'number', value: (r) => centsText(r.proceeds) },
    { header: 'Cost or Other Basis', type: 'number', value: (r) => centsText(r.formCostBasis) },
    { header: 'Adjustment Code', type: 'text', value: (r) => r.adjustmentCode ?? '' },
    { header: 'Adjustment Amount', type: 'number', value: (r) => (r.adjustmentCode === null ? '' : centsText(r.adjustmentAmount)) },
    { header: 'Reporting Category', type: 'text', value: (r) => r.formBox },
  ];
  return toCsv(cols, disposals);
}

/** Audit trail CSV: one row per Form 8949 row (lot piece), with its sheet/line and the whole source chain. */
export function auditTrailCsv(trail: AuditTrailModel): string {
  type E = AuditTrailModel['entries'][number];
  const cols: CsvColumn<E>[] = [
    { header: 'sheet', type: 'number', value: (e) => String(e.sheet) },
    { header: 'line', type: 'number', value: (e) => String(e.line) },
    { header: 'box', type: 'text', value: (e) => e.box },
    { header: 'description', type: 'text', value: (e) => e.description },
    { header: 'date_acquired', type: 'text', value: (e) => e.lotDateAcquired ?? '' },
    { header: 'date_sold', type: 'text', value: (e) => e.dateSold },
    { header: 'proceeds', type: 'number', value: (e) => w(e.row.proceeds) },
    { header: 'cost_basis', type: 'number', value: (e) => w(e.row.costBasis) },
    { header: 'gain', type: 'number', value: (e) => w(e.row.gain) },
    { header: 'disposal_event_id', type: 'text', value: (e) => e.eventId },
    { header: 'disposal_source', type: 'text', value: (e) => e.links[0].source },
    { header: 'lot_id', type: 'text', value: (e) => e.lotId ?? '' },
    { header: 'missing_basis', type: 'text', value: (e) => String(e.missingBasis) },
    { header: 'lot_event_ids', type: 'text', value: (e) => e.links.slice(1).map((l) => l.eventId).join(' ') },
    { header: 'lot_sources', type: 'text', value: (e) => e.links.slice(1).map((l) => `${l.role}: ${l.source}`).join(' | ') },
  ];
  return toCsv(cols, trail.entries);
}

/** 2025 lot allocation (Rev. Proc. 2024-28 safe harbor) CSV: one row per allocated piece. */
export function lotAllocationCsv(rows: readonly LotAllocationRow[]): string {
  const cols: CsvColumn<LotAllocationRow>[] = [
    { header: 'source_lot_id', type: 'text', value: (r) => r.sourceLotId },
    { header: 'lot_id', type: 'text', value: (r) => r.lotId },
    { header: 'account', type: 'text', value: (r) => r.account },
    { header: 'asset', type: 'text', value: (r) => r.asset },
    { header: 'quantity', type: 'number', value: (r) => w(r.quantity) },
    { header: 'cost_basis', type: 'number', value: (r) => w(r.costBasis) },
    { header: 'date_acquired', type: 'text', value: (r) => r.dateAcquired },
    { header: 'rule', type: 'text', value: (r) => r.rule },
  ];
  return toCsv(cols, rows);
}
