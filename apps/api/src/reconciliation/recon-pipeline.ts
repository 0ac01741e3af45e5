import { createHash } from 'node:crypto';
import type { AmountTotalsView, AssetSummaryView, CostBasisMethod as ContractMethod, HoldingView, MatchSuggestionView, ReconciliationSettingsView, WarningKind as ContractWarningKind } from '@lotline/contracts';
import type { Form1099DaLine } from '@lotline/importers';
import { Decimal, ZERO, toWire, type LedgerEvent } from '@lotline/ledger';
import {
  DEFAULT_SETTINGS,
  WARNING_CATALOGUE,
  WARNING_KINDS,
  mergeEngineWarnings,
  reconcile,
  type FirmPolicy,
  type PriceQuote,
  type ReconcileResult,
  type ReconcileSettings,
  type ReportedBalance,
  type Resolution,
  type TransferMatch,
  type Warning,
  type WarningKind,
} from '@lotline/reconciliation';
import { computeTaxes, type AmountTotals, type CostBasisMethod, type EngineSettings, type TaxResult, type TaxYearSettings, type YearTotals } from '@lotline/tax-engine';

/** Inputs to one computation of a client (everything the pure libraries need; loaded in one transaction). */
export interface PipelineInput {
  readonly events: readonly LedgerEvent[];
  readonly resolutions: readonly Resolution[];
  readonly priceTable: readonly PriceQuote[];
  readonly reportedBalances: readonly ReportedBalance[];
  readonly form1099Da: readonly Form1099DaLine[];
  readonly settings: StoredReconSettings;
  readonly timeZone: string;
  readonly defaultMethod: ContractMethod;
  /** Method chosen per tax year ("2024" -> hifo). */
  readonly yearMethods: Readonly<Record<string, ContractMethod>>;
}

export interface PipelineOutput {
  readonly recon: ReconcileResult;
  readonly tax: TaxResult;
  readonly warnings: readonly Warning[];
}

/** Firm reconciliation settings as stored in firm.settings.reconciliation (validated on write). */
export interface StoredReconSettings {
  readonly transferWindowHours: number;
  readonly transferFeeTolerance: string;
  readonly stablecoinsAsUsd: boolean;
  readonly outlierThreshold: string;
  readonly blockingKinds: readonly WarningKind[];
}

export const NON_BLOCKING_KINDS: readonly WarningKind[] = WARNING_KINDS.filter((k) => !WARNING_CATALOGUE[k].blocking);

export const DEFAULT_RECON_SETTINGS: StoredReconSettings = {
  transferWindowHours: DEFAULT_SETTINGS.transferWindowMs / 3_600_000,
  transferFeeTolerance: DEFAULT_SETTINGS.transferFeeTolerance.toFixed(),
  stablecoinsAsUsd: DEFAULT_SETTINGS.stablecoinsAsUsd,
  outlierThreshold: DEFAULT_SETTINGS.outlierThreshold.toFixed(),
  blockingKinds: [],
};

/** Reads firm.settings.reconciliation leniently (anything unknown or malformed falls back to the default). */
export function storedSettings(raw: unknown): StoredReconSettings {
  const r = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const decStr = (v: unknown, d: string) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? v : d);
  return {
    transferWindowHours: num(r['transferWindowHours'], DEFAULT_RECON_SETTINGS.transferWindowHours),
    transferFeeTolerance: decStr(r['transferFeeTolerance'], DEFAULT_RECON_SETTINGS.transferFeeTolerance),
    stablecoinsAsUsd: typeof r['stablecoinsAsUsd'] === 'boolean' ? r['stablecoinsAsUsd'] : DEFAULT_RECON_SETTINGS.stablecoinsAsUsd,
    outlierThreshold: decStr(r['outlierThreshold'], DEFAULT_RECON_SETTINGS.outlierThreshold),
    blockingKinds: Array.isArray(r['blockingKinds']) ? (r['blockingKinds'] as unknown[]).filter((k): k is WarningKind => NON_BLOCKING_KINDS.includes(k as WarningKind)) : [],
  };
}

export function settingsView(s: StoredReconSettings): ReconciliationSettingsView {
  return { ...s, blockingKinds: [...s.blockingKinds] as ContractWarningKind[], nonBlockingKinds: [...NON_BLOCKING_KINDS] as ContractWarningKind[] };
}

export function reconcileSettings(s: StoredReconSettings, timeZone: string): Partial<ReconcileSettings> {
  return {
    timeZone,
    transferWindowMs: Math.round(s.transferWindowHours * 3_600_000),
    transferFeeTolerance: new Decimal(s.transferFeeTolerance),
    stablecoinsAsUsd: s.stablecoinsAsUsd,
    outlierThreshold: new Decimal(s.outlierThreshold),
  };
}

const engineMethod = (m: ContractMethod): CostBasisMethod => (m === 'specific_id' ? 'specific-id' : m);

export function engineSettings(input: Pick<PipelineInput, 'timeZone' | 'defaultMethod' | 'yearMethods'>, override?: { year: number; method: ContractMethod }): EngineSettings {
  const years: Record<string, TaxYearSettings> = {};
  for (const [y, m] of Object.entries(input.yearMethods)) years[y] = { method: engineMethod(m) };
  if (override) years[String(override.year)] = { method: engineMethod(override.method) };
  return { timeZone: input.timeZone, defaultMethod: engineMethod(input.defaultMethod), defaultStandingOrder: 'fifo', years, scope: 'rev-proc-2024-28', transferFee: 'dispose' };
}

export function reconcileOnly(input: PipelineInput): ReconcileResult {
  return reconcile({
    events: input.events,
    resolutions: input.resolutions,
    priceTable: input.priceTable,
    reportedBalances: input.reportedBalances,
    form1099Da: input.form1099Da,
    settings: reconcileSettings(input.settings, input.timeZone),
    policy: policyOf(input.settings),
  });
}

export const policyOf = (s: StoredReconSettings): FirmPolicy => ({ blockingKinds: s.blockingKinds });

/** reconcile -> computeTaxes (every year, each with its method) -> mergeEngineWarnings, like `lotline report`. */
export function runPipeline(input: PipelineInput): PipelineOutput {
  const recon = reconcileOnly(input);
  const tax = computeTaxes({ events: recon.events, brokerLines: recon.brokerLines, settings: engineSettings(input) });
  return { recon, tax, warnings: mergeEngineWarnings(recon, tax, policyOf(input.settings)) };
}

/** URL-safe short key of a warning id. */
export const warningKey = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 24);

export function suggestionView(s: TransferMatch): MatchSuggestionView {
  return {
    withdrawalId: s.withdrawalId,
    depositId: s.depositId,
    asset: s.asset,
    fromAccount: s.fromAccount,
    toAccount: s.toAccount,
    sent: toWire(s.sent),
    received: toWire(s.received),
    fee: toWire(s.fee),
    confidence: s.confidence,
    tier: s.tier,
    gapMinutes: Math.round(s.gapMs / 60_000),
    reason: s.reason,
  };
}

/** Suggested matches per warning (those involving the warning's events), best first. */
export function suggestionsByWarning(recon: ReconcileResult, warnings: readonly Warning[]): Map<string, MatchSuggestionView[]> {
  const byEvent = new Map<string, TransferMatch[]>();
  for (const s of recon.suggestions) {
    for (const id of [s.withdrawalId, s.depositId]) byEvent.set(id, [...(byEvent.get(id) ?? []), s]);
  }
  const out = new Map<string, MatchSuggestionView[]>();
  if (byEvent.size === 0) return out;
  for (const w of warnings) {
    const list = w.eventIds.flatMap((id) => byEvent.get(id) ?? []);
    if (list.length) out.set(w.id, [...new Set(list)].sort((a, b) => b.confidence - a.confidence).map(suggestionView));
  }
  return out;
}

export function totalsView(t: Pick<AmountTotals, 'rows' | 'proceeds' | 'formCostBasis' | 'adjustment' | 'gain'>): AmountTotalsView {
  return { rows: t.rows, proceeds: toWire(t.proceeds), costBasis: toWire(t.formCostBasis), adjustment: toWire(t.adjustment), gain: toWire(t.gain) };
}

export function yearSummary(y: YearTotals) {
  const total = {
    rows: y.shortTerm.rows + y.longTerm.rows,
    proceeds: y.shortTerm.proceeds.plus(y.longTerm.proceeds),
    formCostBasis: y.shortTerm.formCostBasis.plus(y.longTerm.formCostBasis),
    adjustment: y.shortTerm.adjustment.plus(y.longTerm.adjustment),
    gain: y.shortTerm.gain.plus(y.longTerm.gain),
  };
  const longBoxes = new Set(['D', 'E', 'F', 'J', 'K', 'L']);
  return {
    method: y.method,
    scope: y.scope,
    shortTerm: totalsView(y.shortTerm),
    longTerm: totalsView(y.longTerm),
    total: totalsView(total),
    boxes: y.boxes.map((b) => ({ ...totalsView(b), box: b.box, term: longBoxes.has(b.box) ? 'long' : 'short' })),
    income: toWire(y.income),
    incomeByKind: y.incomeByKind.map((k) => ({ kind: k.kind, usdValue: toWire(k.usdValue) })),
  };
}
export type YearSummary = ReturnType<typeof yearSummary>;

/**
 * Per-asset summary of each tax year (disposals, proceeds, basis, gain, income, end-of-year units and basis): 8949 sums
 * from the engine's per-asset year totals, income and holdings from their rows; a year without any row maps to nothing
 * (callers use []).
 */
export function assetSummariesByYear(tax: TaxResult): Map<number, AssetSummaryView[]> {
  interface Acc { disposals: number; qty: Decimal; proceeds: Decimal; basis: Decimal; gain: Decimal; income: Decimal; endQty: Decimal; endBasis: Decimal }
  const byYear = new Map<number, Map<string, Acc>>();
  const acc = (year: number, asset: string): Acc => {
    let by = byYear.get(year);
    if (!by) byYear.set(year, (by = new Map()));
    let a = by.get(asset);
    if (!a) by.set(asset, (a = { disposals: 0, qty: ZERO, proceeds: ZERO, basis: ZERO, gain: ZERO, income: ZERO, endQty: ZERO, endBasis: ZERO }));
    return a;
  };
  // The engine sums each asset's rows as it makes them (scaled integers: exactly the rows' decimal sums).
  for (const y of tax.years) {
    for (const t of y.assets) {
      const a = acc(y.taxYear, t.asset);
      a.disposals += t.rows;
      a.qty = a.qty.plus(t.quantity);
      a.proceeds = a.proceeds.plus(t.proceeds);
      a.basis = a.basis.plus(t.formCostBasis);
      a.gain = a.gain.plus(t.gain);
    }
  }
  for (const i of tax.income) {
    const a = acc(i.taxYear, i.asset);
    a.income = a.income.plus(i.usdValue);
  }
  for (const h of tax.holdings) {
    const a = acc(h.taxYear, h.asset);
    a.endQty = a.endQty.plus(h.quantity);
    a.endBasis = a.endBasis.plus(h.costBasis);
  }
  const out = new Map<number, AssetSummaryView[]>();
  for (const [year, by] of byYear) {
    out.set(
      year,
      [...by.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([asset, a]) => ({
          asset,
          disposals: a.disposals,
          quantityDisposed: toWire(a.qty),
          proceeds: toWire(a.proceeds),
          costBasis: toWire(a.basis),
          gain: toWire(a.gain),
          income: toWire(a.income),
          endQuantity: toWire(a.endQty),
          endCostBasis: toWire(a.endBasis),
        })),
    );
  }
  return out;
}

export function holdingsOf(tax: TaxResult, year: number): HoldingView[] {
  return tax.holdings
    .filter((h) => h.taxYear === year)
    .sort((a, b) => (a.scopeKey + '\u0000' + a.asset < b.scopeKey + '\u0000' + b.asset ? -1 : 1))
    .map((h) => ({ scopeKey: h.scopeKey, asset: h.asset, quantity: toWire(h.quantity), costBasis: toWire(h.costBasis), lotCount: h.lotCount }));
}

const yearFormatters = new Map<string, Intl.DateTimeFormat>();
/** Calendar year of an instant in the client's zone. */
export function localYear(iso: string, timeZone: string): number {
  let f = yearFormatters.get(timeZone);
  if (!f) yearFormatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' })));
  return Number(f.format(new Date(iso)));
}

/**
 * Status per tax year after a computation: in_review while an open blocking warning dated in or before that year (or
 * undated) exists, else ready. A later year's problem never holds back an earlier year's return.
 */
export function statusByYear(warnings: readonly Warning[], years: readonly number[], timeZone: string): Map<number, 'in_review' | 'ready'> {
  const blockingYears = warnings.filter((w) => w.blocking && w.status === 'open').map((w) => (w.at === null ? -Infinity : localYear(w.at, timeZone)));
  const earliest = blockingYears.length ? Math.min(...blockingYears) : Infinity;
  return new Map(years.map((y) => [y, earliest <= y ? 'in_review' : 'ready']));
}
