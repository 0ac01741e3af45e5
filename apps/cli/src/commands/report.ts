import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { toWire, type Decimal } from '@lotline/ledger';
import { mergeEngineWarnings, reconcile, type Warning } from '@lotline/reconciliation';
import { computeTaxes, type AmountTotals, type TaxResult, type TransferFeeTreatment } from '@lotline/tax-engine';
import { capitalGainsCsv, endOfYearHoldingsCsv, incomeCsv } from '@lotline/tax-forms';
import type { FolderImport } from './read-folder';
import { engineScope, methodForYear, yearSettings, type MethodPlan, type ScopeOption } from './report-options';

export interface ReportOptions {
  readonly year: number;
  readonly method: MethodPlan;
  readonly scope: ScopeOption;
  readonly timeZone: string;
  readonly transferFee: TransferFeeTreatment;
  readonly stablecoinsAsUsd: boolean;
  readonly out: string;
}

export interface ReportOutput {
  readonly files: readonly string[];
  readonly summary: string;
}

const w = (d: Decimal): string => toWire(d);
const csv = (columns: readonly string[], rows: readonly Record<string, string>[]): string => stringify(rows as Record<string, string>[], { header: true, columns: [...columns] });

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function localDate(iso: string | null, timeZone: string): string {
  if (iso === null) return '';
  let f = dateFormatters.get(timeZone);
  if (f === undefined) dateFormatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(new Date(iso));
}

function totalsJson(t: AmountTotals) {
  return { rows: t.rows, proceeds: w(t.proceeds), costBasis: w(t.formCostBasis), adjustment: w(t.adjustment), gain: w(t.gain) };
}

function maxEventYear(imported: FolderImport, year: number): number {
  let max = year;
  for (const e of imported.events) max = Math.max(max, Number(e.timestamp.slice(0, 4)));
  return max;
}

/**
 * `lotline report`: reconciles the imported folder (prices from the files, transfers auto-matched, 1099-DA lines
 * matched to disposals), computes every year with the engine and writes the tax year's form8949.csv, income.csv,
 * holdings.csv, all warnings (warnings.csv) and summary.json.
 */
export function writeReport(imported: FolderImport, o: ReportOptions): ReportOutput {
  const recon = reconcile({
    events: imported.events,
    form1099Da: imported.form1099Da,
    settings: { timeZone: o.timeZone, stablecoinsAsUsd: o.stablecoinsAsUsd },
  });
  const result: TaxResult = computeTaxes({
    events: recon.events,
    brokerLines: recon.brokerLines,
    settings: {
      timeZone: o.timeZone,
      defaultMethod: o.method.first,
      years: yearSettings(o.method, maxEventYear(imported, o.year)),
      scope: engineScope(o.scope),
      transferFee: o.transferFee,
    },
  });
  const warnings = mergeEngineWarnings(recon, result);
  const year = o.year;
  const disposals = result.disposals.filter((r) => r.taxYear === year);
  const income = result.income.filter((r) => r.taxYear === year);
  const holdings = result.holdings.filter((h) => h.taxYear === year).sort((a, b) => (a.scopeKey + '\u0000' + a.asset < b.scopeKey + '\u0000' + b.asset ? -1 : 1));
  const totals = result.years.find((t) => t.taxYear === year);

  mkdirSync(o.out, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string): void => {
    const path = join(o.out, name);
    writeFileSync(path, text);
    files.push(path);
  };
  // Same columns as the report set's capital gains / income CSVs (formula-injection safe), from @lotline/tax-forms.
  write('form8949.csv', capitalGainsCsv(disposals));
  write('income.csv', incomeCsv(income));
  write(
    'warnings.csv',
    csv(
      ['kind', 'severity', 'blocking', 'account', 'asset', 'date', 'message', 'event_ids'],
      warnings.map((x) => ({
        kind: x.kind,
        severity: x.severity,
        blocking: String(x.blocking),
        account: x.account ?? '',
        asset: x.asset ?? '',
        date: localDate(x.at, o.timeZone),
        message: x.message,
        event_ids: x.eventIds.join(' '),
      })),
    ),
  );
  write('holdings.csv', endOfYearHoldingsCsv(holdings));
  const byKind = (list: readonly Warning[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const x of list) counts[x.kind] = (counts[x.kind] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  const blocking = warnings.filter((x) => x.blocking && x.status === 'open');
  const summary = {
    taxYear: year,
    method: methodForYear(o.method, year),
    scope: totals?.scope ?? (o.scope === 'auto' ? (year >= 2025 ? 'per-account' : 'universal') : o.scope),
    timeZone: o.timeZone,
    events: imported.events.length,
    transfersMatched: recon.matches.length,
    transferSuggestions: recon.suggestions.length,
    shortTerm: totals ? totalsJson(totals.shortTerm) : null,
    longTerm: totals ? totalsJson(totals.longTerm) : null,
    boxes: Object.fromEntries((totals?.boxes ?? []).map((b) => [b.box, totalsJson(b)])),
    income: { total: totals ? w(totals.income) : '0', byKind: Object.fromEntries((totals?.incomeByKind ?? []).map((k) => [k.kind, w(k.usdValue)])) },
    warnings: { total: warnings.length, blocking: blocking.length, byKind: byKind(warnings) },
  };
  write('summary.json', JSON.stringify(summary, null, 2) + '\n');
  const text = [
    `Tax year ${year} (${summary.method}, ${summary.scope}, ${o.timeZone}): ${disposals.length} Form 8949 rows, ${income.length} income rows, ${recon.matches.length} transfers matched`,
    totals ? `  short-term gain ${w(totals.shortTerm.gain)}, long-term gain ${w(totals.longTerm.gain)}, income ${w(totals.income)} USD` : '  no activity in this year',
    `  warnings: ${warnings.length} (${blocking.length} blocking)`,
  ].join('\n');
  return { files, summary: text };
}
