import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { toWire, type Decimal } from '@lotline/ledger';
import { computeTaxes, type CostBasisMethod, type ScopeMode, type TaxResult, type TransferFeeTreatment } from '@lotline/tax-engine';
import type { FolderImport } from './read-folder';

export interface ComputeOptions {
  readonly year: number;
  readonly method: CostBasisMethod;
  readonly scope: ScopeMode;
  readonly timeZone: string;
  readonly transferFee: TransferFeeTreatment;
  readonly out: string;
}

export interface ComputeOutput {
  readonly files: readonly string[];
  readonly result: TaxResult;
  readonly summary: string;
}

const w = (d: Decimal | null): string => (d === null ? '' : toWire(d));

/** Runs the same engine as the server and writes the 8949 rows, income rows, warnings and totals for one year. */
export function computeYear(imported: FolderImport, options: ComputeOptions): ComputeOutput {
  const result = computeTaxes({
    events: imported.events,
    settings: { timeZone: options.timeZone, defaultMethod: options.method, scope: options.scope, transferFee: options.transferFee },
  });
  const year = options.year;
  const rows = result.disposals.filter((r) => r.taxYear === year);
  const income = result.income.filter((r) => r.taxYear === year);
  const totals = result.years.find((t) => t.taxYear === year);
  mkdirSync(options.out, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(options.out, name);
    writeFileSync(path, text);
    files.push(path);
  };
  write(
    `form-8949-${year}.csv`,
    stringify(
      rows.map((r) => ({
        box: r.formBox,
        term: r.term,
        description: r.description,
        date_acquired: r.dateAcquired ?? 'VARIOUS',
        date_sold: r.dateSold,
        proceeds: w(r.proceeds),
        cost_basis: w(r.formCostBasis),
        adjustment_code: r.adjustmentCode ?? '',
        adjustment_amount: w(r.adjustmentAmount),
        gain: w(r.gain),
        account: r.account,
        asset: r.asset,
        quantity: w(r.quantity),
        method: r.method,
        missing_basis: r.missingBasis ? 'yes' : 'no',
        lot_id: r.lotId ?? '',
        source_event_ids: [r.eventId, ...r.lotSourceEventIds].join(' '),
      })),
      { header: true, columns: ['box', 'term', 'description', 'date_acquired', 'date_sold', 'proceeds', 'cost_basis', 'adjustment_code', 'adjustment_amount', 'gain', 'account', 'asset', 'quantity', 'method', 'missing_basis', 'lot_id', 'source_event_ids'] },
    ),
  );
  write(
    `income-${year}.csv`,
    stringify(
      income.map((r) => ({ date: r.date, kind: r.kind, account: r.account, asset: r.asset, quantity: w(r.quantity), usd_value: w(r.usdValue), priced: r.priced ? 'yes' : 'no', event_id: r.eventId })),
      { header: true, columns: ['date', 'kind', 'account', 'asset', 'quantity', 'usd_value', 'priced', 'event_id'] },
    ),
  );
  write(
    'warnings.json',
    JSON.stringify(
      result.warnings.map((x) => ({ ...x, quantity: x.quantity === null ? null : toWire(x.quantity) })),
      null,
      2,
    ) + '\n',
  );
  write(
    `totals-${year}.json`,
    JSON.stringify(totals ?? null, (_k, v: unknown) => (v !== null && typeof v === 'object' && 'toFixed' in v && 'plus' in v ? toWire(v as Decimal) : v), 2) + '\n',
  );
  const blocking = result.warnings.filter((x) => x.blocking).length;
  const summary = [
    `Tax year ${year} (${options.method}, ${options.scope}, ${options.timeZone}): ${rows.length} Form 8949 rows, ${income.length} income rows`,
    totals
      ? `  short-term gain ${toWire(totals.shortTerm.gain)}, long-term gain ${toWire(totals.longTerm.gain)}, income ${toWire(totals.income)} USD`
      : '  no activity in this year',
    `  warnings: ${result.warnings.length} (${blocking} blocking)`,
  ].join('\n');
  return { files, result, summary };
}
