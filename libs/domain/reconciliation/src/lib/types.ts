import type { Decimal, IncomeKind, LedgerEvent } from '@lotline/ledger';
import type { Form1099DaLine } from '@lotline/importers';
import type { BrokerLine } from '@lotline/tax-engine';

/** Reconciliation settings (firm / client settings; every field has a default, see `DEFAULT_SETTINGS`). */
export interface ReconcileSettings {
  /** IANA zone of the client: calendar dates in messages and 1099-DA date matching. */
  readonly timeZone: string;
  /** Longest time from a withdrawal to its deposit for a transfer match (default 72 h). */
  readonly transferWindowMs: number;
  /** Largest fee, as a fraction of the amount sent, for a transfer match (default 0.01 = 1%). */
  readonly transferFeeTolerance: Decimal;
  /** Matches with this confidence or more are applied automatically (default 0.85 = high). */
  readonly autoMatchConfidence: number;
  /** Count USD stablecoins (USDC, USDT, DAI, PYUSD, ...) as 1 USD when an event has no USD value (default false). */
  readonly stablecoinsAsUsd: boolean;
  readonly stablecoins: readonly string[];
  /** Oldest price-table quote usable for an event (default 24 h before it). */
  readonly priceMaxAgeMs: number;
  /** Relative deviation from the reference price that counts as an outlier (default 0.25 = 25%). */
  readonly outlierThreshold: Decimal;
  /** Events worth less than this are not checked for outliers (cent rounding makes dust prices meaningless; default 1 USD). */
  readonly outlierMinUsd: Decimal;
  /** Two events this close in time with the same asset, amount and direction are possible duplicates (default 60 s). */
  readonly duplicateWindowMs: number;
  /** Largest difference between a computed and an exchange-reported balance that is still a match (default 1e-8). */
  readonly balanceTolerance: Decimal;
  /** Known asset symbols; when given, any other symbol is an unknown asset. */
  readonly knownAssets?: readonly string[];
}

export interface PriceQuote {
  readonly asset: string;
  /** ISO instant, or a calendar day YYYY-MM-DD (taken as 00:00 UTC of that day). */
  readonly at: string;
  readonly usd: Decimal;
  /** Where the quote came from, e.g. "coingecko daily close" or "kraken OHLCV 1h". */
  readonly source: string;
}

/** An exchange-reported balance of one asset in one account at an instant. */
export interface ReportedBalance {
  readonly account: string;
  readonly asset: string;
  readonly at: string;
  readonly quantity: Decimal;
  readonly source?: string;
}

/** Firm policy: kinds a firm admin made blocking although they are not blocking by default. */
export interface FirmPolicy {
  readonly blockingKinds?: readonly WarningKind[];
}

export type PriceSource =
  | { readonly kind: 'event' }
  | { readonly kind: 'usd-leg' }
  | { readonly kind: 'stablecoin-par'; readonly asset: string }
  | { readonly kind: 'table'; readonly source: string; readonly quotedAt: string; readonly unitPrice: Decimal }
  | { readonly kind: 'manual'; readonly resolutionId: string; readonly source: string };

/** Where an output event came from: its source events, how it was priced, which resolutions changed it. */
export interface EventProvenance {
  readonly sourceEventIds: readonly string[];
  readonly priceSource?: PriceSource;
  readonly resolutionIds: readonly string[];
  readonly matchId?: string;
}

export type MatchTier = 'exact' | 'high' | 'medium' | 'low';

export interface TransferMatch {
  /** Stable: `match:<withdrawal id>><deposit id>`. */
  readonly id: string;
  readonly withdrawalId: string;
  readonly depositId: string;
  readonly asset: string;
  readonly fromAccount: string;
  readonly toAccount: string;
  readonly sent: Decimal;
  readonly received: Decimal;
  readonly fee: Decimal;
  /** 0..1 (four decimals). */
  readonly confidence: number;
  readonly tier: MatchTier;
  readonly gapMs: number;
  /** `auto`: scored and applied; `manual`: a match-pair resolution; `suggested`: not applied. */
  readonly origin: 'auto' | 'manual' | 'suggested';
  readonly reason: string;
}

export const WARNING_KINDS = [
  'missing-basis',
  'negative-balance',
  'unmatched-withdrawal',
  'unmatched-deposit',
  'possible-duplicate',
  'missing-price',
  'price-outlier',
  'uncategorised-inflow',
  'balance-mismatch',
  'form-1099-da-mismatch',
  'unknown-asset',
  'engine-notice',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export type Severity = 'high' | 'medium' | 'low';

export const RESOLUTION_ACTIONS = [
  'match-pair',
  'unmatch',
  'mark-sent-to-third-party',
  'mark-external',
  'merge-duplicates',
  'keep-both',
  'enter-price',
  'enter-basis',
  'accept-zero-basis',
  'categorise-inflow',
  'map-asset',
  'explain',
  'undo',
] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

export interface Warning {
  /** Deterministic: `<kind>:<event ids>` (or a subject key when no event is involved). */
  readonly id: string;
  readonly kind: WarningKind;
  readonly severity: Severity;
  readonly blocking: boolean;
  readonly eventIds: readonly string[];
  readonly account: string | null;
  readonly asset: string | null;
  /** ISO instant the warning is about (the first event's, or the reported balance's / 1099-DA line's). */
  readonly at: string | null;
  readonly message: string;
  readonly actions: readonly ResolutionAction[];
  /** Engine warning code for warnings taken from the tax engine. */
  readonly code?: string;
  /** 'resolved' when a resolution record names it (explain, keep-both, confirm) but it is still detected. */
  readonly status: 'open' | 'resolved';
  readonly resolvedBy?: string;
}

export type InflowCategory =
  | { readonly as: 'income'; readonly incomeKind: IncomeKind }
  | { readonly as: 'purchase'; readonly usdCost?: Decimal }
  | { readonly as: 'own-transfer'; readonly fromAccount: string }
  | { readonly as: 'gift-received' };

/** What a resolution carries, by action. */
export type ResolutionPayload =
  | { readonly action: 'match-pair'; readonly withdrawalId: string; readonly depositId: string }
  | { readonly action: 'unmatch'; readonly withdrawalId: string; readonly depositId: string }
  | { readonly action: 'mark-sent-to-third-party'; readonly eventId: string; readonly as: 'disposal' | 'gift' }
  | { readonly action: 'mark-external'; readonly eventId: string; readonly category: InflowCategory }
  | { readonly action: 'categorise-inflow'; readonly eventId: string; readonly category: InflowCategory }
  | { readonly action: 'merge-duplicates'; readonly keepEventId: string; readonly dropEventIds: readonly string[] }
  | { readonly action: 'keep-both'; readonly warningId: string }
  | { readonly action: 'enter-price'; readonly eventId: string; readonly usdValue: Decimal; readonly source: string }
  | {
      readonly action: 'enter-basis';
      readonly account: string;
      readonly asset: string;
      readonly quantity: Decimal;
      readonly costBasis: Decimal;
      readonly acquiredAt: string;
      readonly evidence: string;
    }
  | { readonly action: 'accept-zero-basis'; readonly account: string; readonly asset: string; readonly quantity: Decimal; readonly acquiredAt: string }
  | { readonly action: 'map-asset'; readonly from: string; readonly to: string }
  | { readonly action: 'explain'; readonly warningId: string }
  | { readonly action: 'undo'; readonly resolutionId: string };

/** One adjustment record (stored by the api; applied by the pipeline; imported rows are never edited). */
export interface Resolution {
  readonly id: string;
  readonly payload: ResolutionPayload;
  /** Warning ids this record answers (shown as resolved in the queue). */
  readonly warningIds: readonly string[];
  /** User id (or email) of who recorded it. */
  readonly who: string;
  /** ISO instant it was recorded (passed in; never read from a clock here). */
  readonly at: string;
  readonly reason: string;
}

export interface ReconcileInput {
  readonly events: readonly LedgerEvent[];
  readonly settings?: Partial<ReconcileSettings>;
  readonly priceTable?: readonly PriceQuote[];
  readonly reportedBalances?: readonly ReportedBalance[];
  readonly form1099Da?: readonly Form1099DaLine[];
  readonly resolutions?: readonly Resolution[];
  readonly policy?: FirmPolicy;
}

export interface ReconcileResult {
  /** Priced, transfers matched, adjustments applied: the input of `computeTaxes`. */
  readonly events: readonly LedgerEvent[];
  /** Only for events that reconciliation created or changed. */
  readonly provenance: ReadonlyMap<string, EventProvenance>;
  /** Applied matches (automatic and manual). */
  readonly matches: readonly TransferMatch[];
  /** Best one-to-one candidates below the automatic threshold, not applied. */
  readonly suggestions: readonly TransferMatch[];
  readonly warnings: readonly Warning[];
  /** 1099-DA lines matched to disposal events: pass to `computeTaxes` as `brokerLines`. */
  readonly brokerLines: readonly BrokerLine[];
  /** Warning id -> id of the resolution that answered it (see `Warning.status`). */
  readonly resolvedWarningIds: ReadonlyMap<string, string>;
  readonly settings: ReconcileSettings;
}
