import type { Decimal, EventType, IncomeKind, LedgerEvent } from '@lotline/ledger';

/** Ordered lot-selection methods (also the standing order behind Specific ID). */
export type LotMethod = 'fifo' | 'lifo' | 'hifo';
export type CostBasisMethod = LotMethod | 'specific-id';
/** Which pool a disposal draws from. */
export type LotScope = 'universal' | 'per-account';
/**
 * Scope setting: universal for all years, per account for all years, or the US default
 * (Rev. Proc. 2024-28): universal before 2025-01-01, per account from then on, with a safe-harbor allocation.
 */
export type ScopeMode = 'universal' | 'per-account' | 'rev-proc-2024-28';
/** Fee units of a self-transfer: disposed of at FMV (default) or removed with their basis carried to the rest. */
export type TransferFeeTreatment = 'dispose' | 'carry-basis';

export interface TaxYearSettings {
  readonly method: CostBasisMethod;
  /** For Specific ID: the recorded standing order used for disposals without picks (default fifo). */
  readonly standingOrder?: LotMethod;
}

/**
 * Safe-harbor allocation of the pooled lots at 2025-01-01 to the accounts holding the units.
 * `specific-unit`: explicit allocations first; whatever remains follows the global rule.
 * `global`: lots in `lotOrder` (hifo = highest basis first) fill the accounts in `accountOrder`
 * (accounts not listed follow in code-unit order of their names).
 */
export type SafeHarborRule =
  | {
      readonly kind: 'specific-unit';
      readonly allocations: readonly SafeHarborAllocation[];
      readonly lotOrder?: LotMethod;
      readonly accountOrder?: readonly string[];
    }
  | { readonly kind: 'global'; readonly lotOrder: LotMethod; readonly accountOrder?: readonly string[] };

export interface SafeHarborAllocation {
  readonly lotId: string;
  readonly account: string;
  readonly quantity: Decimal;
}

export interface EngineSettings {
  /** IANA zone of the client: calendar dates, tax years and holding periods are taken in this zone. */
  readonly timeZone: string;
  readonly defaultMethod: CostBasisMethod;
  readonly defaultStandingOrder?: LotMethod;
  /** Per tax year overrides, keyed by the year as a string ("2024"). */
  readonly years?: Readonly<Record<string, TaxYearSettings>>;
  readonly scope: ScopeMode;
  readonly transferFee: TransferFeeTreatment;
  /** Used only when the scope changes from universal to per account (rev-proc-2024-28). Default: global hifo. */
  readonly safeHarbor?: SafeHarborRule;
}

export interface SpecificIdPick {
  readonly lotId: string;
  readonly quantity: Decimal;
}

/** Lots the preparer picked for one disposal (or removal / transfer) event. */
export interface SpecificIdSelection {
  readonly eventId: string;
  readonly picks: readonly SpecificIdPick[];
}

/** A 1099-DA (2025+) or 1099-B line matched to a disposal event. */
export interface BrokerLine {
  readonly eventId: string;
  readonly form: '1099-DA' | '1099-B';
  /** Whether the broker reported the cost basis to the IRS (box G/J, A/D) or not (H/K, B/E). */
  readonly basisReported: boolean;
  readonly proceeds?: Decimal;
  readonly costBasis?: Decimal;
}

/** Donor's basis and acquisition instant for a gift received (carryover basis). */
export interface GiftCarryover {
  readonly eventId: string;
  readonly costBasis: Decimal;
  /** ISO 8601 instant the donor acquired the units. */
  readonly acquiredAt: string;
}

export interface EngineInput {
  readonly events: readonly LedgerEvent[];
  readonly settings: EngineSettings;
  readonly specificId?: readonly SpecificIdSelection[];
  readonly brokerLines?: readonly BrokerLine[];
  readonly giftCarryovers?: readonly GiftCarryover[];
}

export type Term = 'short' | 'long';
export type FormBox = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L';

export type LotOrigin =
  | { readonly kind: 'acquisition'; readonly eventId: string }
  | { readonly kind: 'transfer'; readonly eventId: string; readonly parentLotId: string }
  | { readonly kind: 'allocation'; readonly parentLotId: string }
  | { readonly kind: 'shortfall'; readonly eventId: string };

export interface LotRecord {
  readonly id: string;
  readonly asset: string;
  /** Account the lot was created in ("*" for the universal pool is never used here: lots keep their account). */
  readonly account: string;
  /** "*" in universal scope, otherwise the account. */
  readonly scopeKey: string;
  readonly quantity: Decimal;
  readonly costBasis: Decimal;
  readonly dateAcquired: string;
  readonly remainingQuantity: Decimal;
  readonly remainingCostBasis: Decimal;
  readonly origin: LotOrigin;
  /** Source events from the acquisition through every transfer that moved these units. */
  readonly sourceEventIds: readonly string[];
  /** A placeholder lot with zero basis created for units that arrived without known basis. */
  readonly missingBasis: boolean;
}

export interface DisposalRow {
  readonly eventId: string;
  readonly eventType: EventType;
  /** principal: the asset given up; fee: crypto units spent on a fee. */
  readonly leg: 'principal' | 'fee';
  readonly taxYear: number;
  readonly account: string;
  readonly asset: string;
  readonly quantity: Decimal;
  /** 8949 column (a), e.g. "0.5 BTC". */
  readonly description: string;
  readonly dateAcquired: string | null;
  readonly dateSold: string;
  readonly proceeds: Decimal;
  /** Basis computed by the engine. */
  readonly costBasis: Decimal;
  /** 8949 column (e): the broker-reported basis when code B applies, otherwise costBasis. */
  readonly formCostBasis: Decimal;
  readonly adjustmentCode: 'B' | null;
  /** 8949 column (g): formCostBasis - costBasis when code B applies, else 0. */
  readonly adjustmentAmount: Decimal;
  /** proceeds - costBasis (= proceeds - formCostBasis + adjustmentAmount). */
  readonly gain: Decimal;
  readonly term: Term;
  readonly formBox: FormBox;
  readonly method: CostBasisMethod;
  readonly lotId: string | null;
  readonly lotSourceEventIds: readonly string[];
  /** Shortfall row: units disposed of without any lot in scope (zero basis, blocking warning raised). */
  readonly missingBasis: boolean;
}

export interface IncomeRow {
  readonly eventId: string;
  readonly taxYear: number;
  readonly date: string;
  readonly account: string;
  readonly kind: IncomeKind;
  readonly asset: string;
  readonly quantity: Decimal;
  readonly usdValue: Decimal;
  readonly priced: boolean;
}

export type RemovalKind = 'gift_out' | 'lost' | 'withdrawal' | 'transfer-fee';

/** Units that left the client without a taxable disposal (no 8949 row). */
export interface RemovalRow {
  readonly eventId: string;
  readonly kind: RemovalKind;
  readonly taxYear: number;
  readonly date: string;
  readonly account: string;
  readonly asset: string;
  readonly quantity: Decimal;
  readonly costBasis: Decimal;
  readonly dateAcquired: string | null;
  readonly fairMarketValue: Decimal | null;
  readonly lotId: string | null;
  readonly lotSourceEventIds: readonly string[];
  readonly missingBasis: boolean;
}

/** Lots held at the end of a tax year, per scope key ("*" = universal pool) and asset. */
export interface HoldingRow {
  readonly taxYear: number;
  readonly scopeKey: string;
  readonly asset: string;
  readonly quantity: Decimal;
  readonly costBasis: Decimal;
  readonly lotCount: number;
}

/** Units per account at the end of a tax year (running balance; negative means unexplained outflows). */
export interface AccountBalanceRow {
  readonly taxYear: number;
  readonly account: string;
  readonly asset: string;
  readonly quantity: Decimal;
}

/** Lot allocation report of the 2025 transition: one row per allocated piece. */
export interface LotAllocationRow {
  readonly sourceLotId: string;
  readonly lotId: string;
  readonly account: string;
  readonly asset: string;
  readonly quantity: Decimal;
  readonly costBasis: Decimal;
  readonly dateAcquired: string;
  readonly rule: 'specific-unit' | 'global-fifo' | 'global-lifo' | 'global-hifo' | 'unallocated';
}

export type WarningCode =
  | 'missing-basis'
  | 'negative-balance'
  | 'unpriced-event'
  | 'unreconciled-deposit'
  | 'unreconciled-withdrawal'
  | 'gift-basis-at-fmv'
  | 'specific-id-invalid-pick'
  | 'specific-id-ignored'
  | 'broker-basis-mismatch'
  | 'broker-proceeds-mismatch'
  | 'transition-excess-lots'
  | 'unsupported-event'
  | 'duplicate-event-id';

export interface EngineWarning {
  readonly code: WarningCode;
  readonly blocking: boolean;
  readonly eventIds: readonly string[];
  readonly account: string | null;
  readonly asset: string | null;
  /** Quantity short (missing basis) or affected quantity. */
  readonly quantity: Decimal | null;
  readonly message: string;
}

export interface AmountTotals {
  readonly rows: number;
  readonly proceeds: Decimal;
  readonly costBasis: Decimal;
  readonly formCostBasis: Decimal;
  readonly adjustment: Decimal;
  readonly gain: Decimal;
}

export interface BoxTotals extends AmountTotals {
  readonly box: FormBox;
}

/** 8949 rows of one asset in a tax year (every box and term): sums of the rows' quantity and columns (d), (e), (h). */
export interface AssetDisposalTotals {
  readonly asset: string;
  readonly rows: number;
  readonly quantity: Decimal;
  readonly proceeds: Decimal;
  /** Column (e) sum (the broker-reported basis on code-B rows). */
  readonly formCostBasis: Decimal;
  readonly gain: Decimal;
}

export interface YearTotals {
  readonly taxYear: number;
  readonly method: CostBasisMethod;
  readonly scope: LotScope;
  readonly shortTerm: AmountTotals;
  readonly longTerm: AmountTotals;
  readonly boxes: readonly BoxTotals[];
  readonly income: Decimal;
  readonly incomeByKind: readonly { readonly kind: IncomeKind; readonly usdValue: Decimal }[];
  readonly removedCostBasis: Decimal;
  /** Per asset (sorted by asset): the year's 8949 rows summed, exactly as summing the rows' decimals. */
  readonly assets: readonly AssetDisposalTotals[];
}

export interface TaxResult {
  readonly lots: readonly LotRecord[];
  readonly disposals: readonly DisposalRow[];
  readonly income: readonly IncomeRow[];
  readonly removals: readonly RemovalRow[];
  readonly holdings: readonly HoldingRow[];
  readonly balances: readonly AccountBalanceRow[];
  readonly lotAllocations: readonly LotAllocationRow[];
  readonly warnings: readonly EngineWarning[];
  readonly years: readonly YearTotals[];
}
