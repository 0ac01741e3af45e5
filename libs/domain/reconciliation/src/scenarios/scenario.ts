import { dec, type EventType, type IncomeKind, type LedgerEvent } from '@lotline/ledger';
import type { Form1099DaLine } from '@lotline/importers';
import type { EngineSettings } from '@lotline/tax-engine';
import type { FirmPolicy, PriceQuote, ReconcileInput, ReconcileSettings, ReportedBalance, Resolution, ResolutionPayload } from '../lib/types';

/** Compact event notation: amounts as "1.5 BTC", money as decimal text. */
export interface ScenarioEvent {
  readonly id: string;
  readonly account: string;
  readonly at: string;
  readonly type: EventType;
  readonly sent?: string;
  readonly received?: string;
  readonly fee?: string;
  readonly usd?: string;
  readonly feeUsd?: string;
  readonly to?: string;
  readonly kind?: IncomeKind;
  readonly hash?: string;
  /** Source file (defaults to `<account>.csv`). */
  readonly file?: string;
}

export type Expected = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface Scenario {
  readonly name: string;
  /** The rule the scenario pins down, and how the expected values were checked by hand. */
  readonly rule: string;
  readonly settings?: Partial<ReconcileSettings>;
  readonly events: readonly ScenarioEvent[];
  readonly priceTable?: readonly { readonly asset: string; readonly at: string; readonly usd: string; readonly source: string }[];
  readonly reportedBalances?: readonly { readonly account: string; readonly asset: string; readonly at: string; readonly quantity: string }[];
  readonly form1099Da?: readonly { readonly id: string; readonly asset: string; readonly units: string; readonly date: string; readonly proceeds: string; readonly costBasis?: string; readonly basisReported: boolean }[];
  /** Payload amounts as decimal text (converted by `scenarioInput`). */
  readonly resolutions?: readonly { readonly id: string; readonly payload: Readonly<Record<string, unknown>>; readonly warningIds?: readonly string[]; readonly reason?: string }[];
  readonly policy?: FirmPolicy;
  /** When present, the output goes through computeTaxes (and mergeEngineWarnings) with these settings. */
  readonly engine?: Partial<EngineSettings>;
  /** Each list is compared in full (same length, same order) on the keys its entries name. */
  readonly expect: {
    readonly matches?: readonly Expected[];
    readonly suggestions?: readonly Expected[];
    /** Reconciliation warnings (before the engine's are merged). */
    readonly warnings?: readonly Expected[];
    /** Output events; `priceSource` is the provenance price source kind, `sourceEventIds` its source ids. */
    readonly events?: readonly Expected[];
    readonly brokerLines?: readonly Expected[];
    /** After computeTaxes: merged warnings, 8949 rows, per-year totals (flattened as in the engine's scenarios). */
    readonly merged?: readonly Expected[];
    readonly disposals?: readonly Expected[];
    readonly years?: readonly Expected[];
  };
}

function amount(text: string): { asset: string; amount: ReturnType<typeof dec> } {
  const [qty, asset] = text.trim().split(/\s+/);
  return { asset, amount: dec(qty) };
}

export function scenarioEvents(s: Scenario): LedgerEvent[] {
  return s.events.map((e, i) => ({
    id: e.id,
    account: e.account,
    timestamp: e.at,
    type: e.type,
    ...(e.sent === undefined ? {} : { sent: amount(e.sent) }),
    ...(e.received === undefined ? {} : { received: amount(e.received) }),
    ...(e.fee === undefined ? {} : { fee: amount(e.fee) }),
    ...(e.usd === undefined ? {} : { usdValue: dec(e.usd) }),
    ...(e.feeUsd === undefined ? {} : { feeUsd: dec(e.feeUsd) }),
    ...(e.to === undefined ? {} : { toAccount: e.to }),
    ...(e.kind === undefined ? {} : { incomeKind: e.kind }),
    ...(e.hash === undefined ? {} : { externalId: e.hash }),
    source: { kind: 'file', fileName: e.file ?? `${e.account}.csv`, line: i + 2 },
  }));
}

const DECIMAL_KEYS = new Set(['usdValue', 'quantity', 'costBasis', 'usdCost']);

function payloadOf(raw: Readonly<Record<string, unknown>>): ResolutionPayload {
  const convert = (v: unknown, key: string): unknown => {
    if (typeof v === 'string' && DECIMAL_KEYS.has(key)) return dec(v);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, k)]));
    return v;
  };
  return convert(raw, '') as ResolutionPayload;
}

export function scenarioResolutions(s: Scenario): Resolution[] {
  return (s.resolutions ?? []).map((r, i) => ({
    id: r.id,
    payload: payloadOf(r.payload),
    warningIds: r.warningIds ?? [],
    who: 'preparer@firm.test',
    at: `2026-02-01T10:00:${String(i).padStart(2, '0')}.000Z`,
    reason: r.reason ?? 'checked with the client',
  }));
}

export function scenarioInput(s: Scenario, resolutions: readonly Resolution[] = scenarioResolutions(s)): ReconcileInput {
  const table: PriceQuote[] | undefined = s.priceTable?.map((q) => ({ asset: q.asset, at: q.at, usd: dec(q.usd), source: q.source }));
  const balances: ReportedBalance[] | undefined = s.reportedBalances?.map((b) => ({ account: b.account, asset: b.asset, at: b.at, quantity: dec(b.quantity) }));
  const lines: Form1099DaLine[] | undefined = s.form1099Da?.map((l, i) => ({
    id: l.id,
    brokerName: 'Coinbase Inc.',
    assetCode: l.asset,
    assetName: l.asset,
    units: dec(l.units),
    dateDisposed: l.date,
    proceeds: dec(l.proceeds),
    ...(l.costBasis === undefined ? {} : { costBasis: dec(l.costBasis) }),
    basisReportedToIrs: l.basisReported,
    noncovered: false,
    source: { kind: 'file', fileName: '1099-da.csv', line: i + 2 },
  }));
  return {
    events: scenarioEvents(s),
    settings: { timeZone: 'UTC', ...s.settings },
    ...(table === undefined ? {} : { priceTable: table }),
    ...(balances === undefined ? {} : { reportedBalances: balances }),
    ...(lines === undefined ? {} : { form1099Da: lines }),
    resolutions,
    ...(s.policy === undefined ? {} : { policy: s.policy }),
  };
}
