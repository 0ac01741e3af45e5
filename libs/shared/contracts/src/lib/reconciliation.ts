import type { ClientStatus, CostBasisMethod } from './enums';

/*
 * Reconciliation: warnings, resolutions, recompute, preview (issue #6). Amounts and quantities are decimal strings;
 * instants are ISO 8601 UTC strings. Every route answers 404 for clients of other firms and, for preparers, for clients
 * not assigned to them. Endpoints (all under /api):
 *
 *   GET    /warnings                                        WarningQueueQuery -> WarningQueueResponse (staff; admin: every client, preparer: assigned)
 *   GET    /clients/:id/warnings                            WarningQueueQuery -> WarningQueueResponse (staff)
 *   GET    /clients/:id/warnings/:key                       -> WarningDetail (staff; `key` = WarningView.key)
 *   POST   /clients/:id/resolutions                         ResolveRequest -> ResolutionView (201; staff)
 *   GET    /clients/:id/resolutions?page=&pageSize=         -> ResolutionListResponse (staff)
 *   POST   /clients/:id/resolutions/:resolutionId/undo      UndoResolutionRequest -> ResolutionView (201; staff; the undo record)
 *   POST   /clients/:id/resolutions/accept-suggestions      AcceptSuggestionsRequest -> BulkResolutionResponse (201; staff)
 *   POST   /clients/:id/resolutions/mark-dust               MarkDustRequest -> BulkResolutionResponse (201; staff)
 *   GET    /clients/:id/recompute                           -> RecomputeStatusView (everyone with access)
 *   POST   /clients/:id/recompute                           -> RecomputeStatusView (202; staff)
 *   GET    /clients/:id/tax-years/:year/preview             -> PreviewResponse (everyone with access)
 *   GET    /clients/:id/tax-years/:year/form8949            Form8949Query -> Form8949PageResponse (everyone with access)
 *   GET    /clients/:id/tax-years/:year/form8949/:rowNo     -> Form8949RowDetail (everyone with access)
 *   GET    /clients/:id/tax-years/:year/what-if             -> WhatIfResponse (staff)
 *   PUT    /clients/:id/tax-years/:year/method              ChooseMethodRequest -> TaxYearMethodView (staff; audited; recomputes)
 *   GET    /firm/reconciliation-settings                    -> ReconciliationSettingsView (staff)
 *   PATCH  /firm/reconciliation-settings                    UpdateReconciliationSettingsRequest -> ReconciliationSettingsView (firm admin; recomputes every client)
 *   GET    /clients/:id/questions                           -> ClientQuestionListResponse (the client's own login, and staff to see what the client sees)
 *   POST   /clients/:id/questions/:key/answer               AnswerQuestionRequest -> ClientQuestionListResponse (201; the client's own login)
 */

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

export const WARNING_SEVERITIES = ['high', 'medium', 'low'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

export const WARNING_STATUSES = ['open', 'resolved'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** Actions of a resolution record (`payload.action`); `undo` is only created through the undo route. */
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

export const INCOME_KINDS = ['staking', 'mining', 'airdrop', 'interest', 'reward', 'fork', 'wages', 'other'] as const;
export type IncomeKindName = (typeof INCOME_KINDS)[number];

/** Cost-basis methods the what-if compares side by side. */
export const WHAT_IF_METHODS = ['fifo', 'lifo', 'hifo'] as const;
export type WhatIfMethod = (typeof WHAT_IF_METHODS)[number];

/** A suggested (not applied) transfer match: withdrawal -> deposit with a confidence 0..1 and its tier. */
export interface MatchSuggestionView {
  readonly withdrawalId: string;
  readonly depositId: string;
  readonly asset: string;
  readonly fromAccount: string;
  readonly toAccount: string;
  readonly sent: string;
  readonly received: string;
  readonly fee: string;
  /** 0..1, four decimals (a plain number: a score, not money). */
  readonly confidence: number;
  readonly tier: 'exact' | 'high' | 'medium' | 'low';
  readonly gapMinutes: number;
  readonly reason: string;
}

/** One warning of the latest computation (stable id across recomputes while the data raising it is unchanged). */
export interface WarningView {
  /** Stable domain id, e.g. `unmatched-deposit:123`; resolutions name it in `warningIds`. */
  readonly id: string;
  /** URL-safe short key of `id` (hex), used in routes. */
  readonly key: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly kind: WarningKind;
  readonly severity: WarningSeverity;
  readonly blocking: boolean;
  readonly status: WarningStatus;
  /** Resolution id that answered it (status resolved), if any. */
  readonly resolvedBy: string | null;
  readonly account: string | null;
  readonly asset: string | null;
  readonly at: string | null;
  readonly eventIds: readonly string[];
  readonly message: string;
  /** Resolution actions offered for this warning (PRODUCT.md warning table). */
  readonly actions: readonly ResolutionAction[];
  /** Engine warning code, for warnings raised by the tax engine. */
  readonly code: string | null;
  /** Number of suggested match candidates (details in WarningDetail.suggestions). */
  readonly suggestionCount: number;
}

/**
 * GET /api/warnings and GET /api/clients/:id/warnings. Query values are strings on the wire:
 * kind, severity, status (default open), blocking ('true'|'false'), clientId (firm-wide route only), page (1-based),
 * pageSize (default 50, max 200).
 */
export interface WarningQueueQuery {
  readonly kind?: WarningKind;
  readonly severity?: WarningSeverity;
  readonly status?: WarningStatus;
  readonly blocking?: 'true' | 'false';
  readonly clientId?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface WarningQueueResponse {
  readonly items: readonly WarningView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** Counts per kind over the whole filtered set except the kind filter itself (for the filter chips). */
  readonly countsByKind: Readonly<Partial<Record<WarningKind, number>>>;
  /** Open blocking warnings over the same clients (ignores the other filters). */
  readonly openBlocking: number;
}

/** Where an imported event came from: a file line or an exchange API record (or a resolution). */
export type SourceRefView =
  | { readonly kind: 'file'; readonly fileName: string; readonly line: number }
  | { readonly kind: 'api'; readonly exchange: string; readonly recordId: string }
  | { readonly kind: 'manual'; readonly resolutionId: string };

/** One ledger event as imported (never edited in place). */
export interface LedgerEventView {
  readonly id: string;
  readonly account: string;
  readonly timestamp: string;
  readonly type: string;
  readonly sent: { readonly asset: string; readonly amount: string } | null;
  readonly received: { readonly asset: string; readonly amount: string } | null;
  readonly fee: { readonly asset: string; readonly amount: string } | null;
  readonly usdValue: string | null;
  readonly externalId: string | null;
  readonly source: SourceRefView;
}

/** GET /api/clients/:id/warnings/:key */
export interface WarningDetail extends WarningView {
  /** Plain-language explanation of the kind and what each action does. */
  readonly explanation: string;
  readonly events: readonly LedgerEventView[];
  /** Suggested match candidates involving this warning's events, best first. */
  readonly suggestions: readonly MatchSuggestionView[];
  /** Resolutions naming this warning (active and undone), newest first. */
  readonly resolutions: readonly ResolutionView[];
}

/**
 * POST /api/clients/:id/resolutions. `payload` is the domain wire format (ResolutionJson payload, decimals as
 * strings), e.g. `{ action: 'enter-price', eventId: '42', usdValue: '1234.5', source: 'CoinGecko close' }`,
 * `{ action: 'match-pair', withdrawalId, depositId }`, `{ action: 'categorise-inflow', eventId, category: { as:
 * 'income', incomeKind: 'staking' } }`, `{ action: 'accept-zero-basis', account, asset, quantity, acquiredAt }`.
 * A bad payload answers 400 VALIDATION_FAILED with details[0].field naming it (e.g. `payload.usdValue`).
 * accept-zero-basis and enter-basis require `evidenceNote`.
 */
export interface ResolveRequest {
  readonly payload: Readonly<Record<string, unknown>>;
  /** Warning ids this record answers (WarningView.id); at least one. */
  readonly warningIds: readonly string[];
  readonly reason: string;
  readonly evidenceNote?: string;
}

export interface ResolutionView {
  readonly id: string;
  readonly clientId: string;
  readonly action: ResolutionAction;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly warningIds: readonly string[];
  readonly reason: string;
  readonly evidenceNote: string | null;
  readonly createdBy: { readonly id: string; readonly displayName: string } | null;
  readonly createdAt: string;
  /** Answered by the client through a question (staff may undo it). */
  readonly byClient: boolean;
  /** Bulk batch id (accept-suggestions / mark-dust), if created by a bulk action. */
  readonly batchId: string | null;
  /** Set when an active undo record names this one. */
  readonly undoneBy: string | null;
  readonly undoneAt: string | null;
}

/** POST /api/clients/:id/resolutions/:resolutionId/undo */
export interface UndoResolutionRequest {
  readonly reason: string;
}

export interface ResolutionListResponse {
  readonly items: readonly ResolutionView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** POST /api/clients/:id/resolutions/accept-suggestions: match-pair every suggestion with confidence >= minConfidence. */
export interface AcceptSuggestionsRequest {
  /** 0..1 */
  readonly minConfidence: number;
  readonly reason?: string;
}

/** POST /api/clients/:id/resolutions/mark-dust: explain ("immaterial") open warnings whose events are worth < maxUsd. */
export interface MarkDustRequest {
  /** Decimal string, USD. */
  readonly maxUsd: string;
  readonly reason?: string;
}

export interface BulkResolutionResponse {
  readonly batchId: string;
  readonly created: number;
  readonly resolutions: readonly ResolutionView[];
}

export const RECOMPUTE_STATES = ['never', 'queued', 'running', 'done', 'failed'] as const;
export type RecomputeState = (typeof RECOMPUTE_STATES)[number];

/** GET/POST /api/clients/:id/recompute */
export interface RecomputeStatusView {
  readonly clientId: string;
  readonly state: RecomputeState;
  readonly lastComputedAt: string | null;
  readonly lastError: string | null;
  readonly inputsHash: string | null;
  readonly eventCount: number | null;
  readonly engineVersion: string | null;
  /** Open warnings (all kinds) and open blocking warnings of the last computation. */
  readonly openWarnings: number;
  readonly openBlocking: number;
}

export interface AmountTotalsView {
  readonly rows: number;
  readonly proceeds: string;
  readonly costBasis: string;
  readonly adjustment: string;
  readonly gain: string;
}

export interface BoxTotalsView extends AmountTotalsView {
  /** Form 8949 box: A-F before 2025, G-L from 2025. */
  readonly box: string;
  readonly term: 'short' | 'long';
}

export interface AssetSummaryView {
  readonly asset: string;
  readonly disposals: number;
  readonly quantityDisposed: string;
  readonly proceeds: string;
  readonly costBasis: string;
  readonly gain: string;
  readonly income: string;
  readonly endQuantity: string;
  readonly endCostBasis: string;
}

export interface HoldingView {
  /** "*" = universal pool, otherwise the account. */
  readonly scopeKey: string;
  readonly asset: string;
  readonly quantity: string;
  readonly costBasis: string;
  readonly lotCount: number;
}

export interface TaxYearMethodView {
  readonly taxYear: number;
  readonly method: CostBasisMethod;
  /** 'chosen' for this year, else inherited from the client or the firm default. */
  readonly origin: 'chosen' | 'client' | 'firm';
  readonly chosenBy: { readonly id: string; readonly displayName: string } | null;
  readonly chosenAt: string | null;
}

/** GET /api/clients/:id/tax-years/:year/preview (free preview; no final files). */
export interface PreviewResponse {
  readonly clientId: string;
  readonly taxYear: number;
  readonly status: ClientStatus;
  readonly method: TaxYearMethodView;
  readonly computedAt: string | null;
  readonly recompute: RecomputeState;
  readonly shortTerm: AmountTotalsView;
  readonly longTerm: AmountTotalsView;
  readonly total: AmountTotalsView;
  readonly boxes: readonly BoxTotalsView[];
  readonly income: string;
  readonly incomeByKind: readonly { readonly kind: IncomeKindName; readonly usdValue: string }[];
  readonly assets: readonly AssetSummaryView[];
  readonly holdings: readonly HoldingView[];
  readonly openWarningsByKind: Readonly<Partial<Record<WarningKind, number>>>;
  readonly openBlocking: number;
}

/** GET /api/clients/:id/tax-years/:year/form8949?page=&pageSize=&term=short|long&box=&asset= */
export interface Form8949Query {
  readonly page?: number;
  readonly pageSize?: number;
  readonly term?: 'short' | 'long';
  readonly box?: string;
  readonly asset?: string;
}

/** One 8949 row (one disposal piece). Amounts are full precision; rounding happens only on the forms. */
export interface Form8949RowView {
  /** 1-based row number within the tax year (stable for one computation). */
  readonly rowNo: number;
  readonly eventId: string;
  readonly leg: 'principal' | 'fee';
  readonly account: string;
  readonly asset: string;
  readonly quantity: string;
  readonly description: string;
  readonly dateAcquired: string | null;
  readonly dateSold: string;
  readonly proceeds: string;
  readonly costBasis: string;
  readonly adjustmentCode: 'B' | null;
  readonly adjustment: string;
  readonly gain: string;
  readonly term: 'short' | 'long';
  readonly box: string;
  readonly lotId: string | null;
  readonly missingBasis: boolean;
}

export interface Form8949PageResponse {
  readonly items: readonly Form8949RowView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** GET /api/clients/:id/tax-years/:year/form8949/:rowNo: the row, its lot and the source rows behind it. */
export interface Form8949RowDetail {
  readonly row: Form8949RowView;
  readonly lot: {
    readonly id: string;
    readonly account: string;
    readonly dateAcquired: string;
    readonly quantity: string;
    readonly costBasis: string;
  } | null;
  /** The disposal event and every event the lot came through (acquisition, transfers), as imported. */
  readonly sourceEvents: readonly LedgerEventView[];
}

/** GET /api/clients/:id/tax-years/:year/what-if: the year's totals under each method, computed in-process. */
export interface WhatIfResponse {
  readonly taxYear: number;
  readonly chosen: CostBasisMethod;
  readonly inputsHash: string;
  readonly methods: readonly {
    readonly method: WhatIfMethod;
    readonly shortTerm: AmountTotalsView;
    readonly longTerm: AmountTotalsView;
    readonly total: AmountTotalsView;
    readonly income: string;
  }[];
}

/** PUT /api/clients/:id/tax-years/:year/method (saved with who/when, audited, triggers a recompute). */
export interface ChooseMethodRequest {
  readonly method: CostBasisMethod;
}

/** GET/PATCH /api/firm/reconciliation-settings. PATCH takes any subset (firm admin). */
export interface ReconciliationSettingsView {
  /** Longest time from a withdrawal to its deposit for a transfer match (1..720, default 72). */
  readonly transferWindowHours: number;
  /** Largest fee as a fraction of the amount sent (decimal string 0..0.5, default "0.01"). */
  readonly transferFeeTolerance: string;
  /** Count USD stablecoins as 1 USD when an event has no USD value (the assumption is recorded per event). */
  readonly stablecoinsAsUsd: boolean;
  /** Relative deviation that counts as a price outlier (decimal string, default "0.25"). */
  readonly outlierThreshold: string;
  /** Kinds the firm made blocking although they are not blocking by default. */
  readonly blockingKinds: readonly WarningKind[];
  /** Kinds that are never blocking by default (the choices for blockingKinds). */
  readonly nonBlockingKinds: readonly WarningKind[];
}

export type UpdateReconciliationSettingsRequest = Partial<Omit<ReconciliationSettingsView, 'nonBlockingKinds'>>;

/** Answers a client may give to a question. */
export const QUESTION_CHOICES = ['own-account', 'income', 'purchase', 'gift-received', 'sold-or-spent', 'gift-sent'] as const;
export type QuestionChoice = (typeof QUESTION_CHOICES)[number];

/** A plain-language question for the client about one of their open warnings (unmatched deposit/withdrawal, uncategorised inflow). */
export interface ClientQuestion {
  /** = WarningView.key */
  readonly key: string;
  readonly warningId: string;
  readonly kind: WarningKind;
  /** e.g. "Was this deposit of 0.5 BTC into Coinbase on 2024-03-01 from another of your accounts?" */
  readonly question: string;
  readonly asset: string | null;
  readonly amount: string | null;
  readonly account: string | null;
  readonly at: string | null;
  readonly choices: readonly {
    readonly value: QuestionChoice;
    readonly label: string;
    /** Extra field the answer needs: the other own account's name, or the income kind. */
    readonly needs: 'account' | 'incomeKind' | null;
  }[];
  /** Set once answered (the question then stays listed until the recompute resolves the warning). */
  readonly answered: { readonly choice: QuestionChoice; readonly at: string; readonly resolutionId: string } | null;
}

export interface ClientQuestionListResponse {
  readonly items: readonly ClientQuestion[];
}

/** POST /api/clients/:id/questions/:key/answer */
export interface AnswerQuestionRequest {
  readonly choice: QuestionChoice;
  /** For own-account: the name of the other account. */
  readonly account?: string;
  /** For income. */
  readonly incomeKind?: IncomeKindName;
  readonly note?: string;
}

/** An applied transfer match of the latest computation: automatic (scored) or from a match-pair resolution. */
export interface AppliedMatchView {
  readonly withdrawalId: string;
  readonly depositId: string;
  readonly asset: string;
  readonly fromAccount: string;
  readonly toAccount: string;
  readonly sent: string;
  readonly received: string;
  readonly fee: string;
  /** 0..1, four decimals (a plain number: a score, not money). */
  readonly confidence: number;
  readonly tier: 'exact' | 'high' | 'medium' | 'low';
  /** true: applied by the matcher; false: a match-pair resolution (`resolutionId`). */
  readonly automatic: boolean;
  readonly resolutionId: string | null;
  readonly withdrawnAt: string;
  readonly depositedAt: string;
  readonly reason: string;
  readonly computedAt: string;
}

/** GET /api/clients/:id/matches */
export interface AppliedMatchQuery {
  /** `automatic` or `manual` (a match-pair resolution); both when absent. */
  readonly origin?: 'automatic' | 'manual';
  readonly page?: number;
  readonly pageSize?: number;
}

export interface AppliedMatchListResponse {
  readonly items: readonly AppliedMatchView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}
