/** Final report generation (issue 7): immutable, versioned report sets per client and tax year. */

export const REPORT_VERSION_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ReportVersionStatus = (typeof REPORT_VERSION_STATUSES)[number];

/** The files of one report set. Which ones a set holds depends on the year (lot_allocation only from 2025). */
export const REPORT_FILE_KINDS = [
  'form8949_pdf',
  'schedule_d_pdf',
  'income_pdf',
  'audit_trail_pdf',
  'audit_trail_csv',
  'lot_allocation',
  'capital_gains_csv',
  'turbotax_csv',
  'taxact_csv',
  'income_csv',
  'holdings_csv',
] as const;
export type ReportFileKind = (typeof REPORT_FILE_KINDS)[number];

/**
 * Why final generation is refused (409 CONFLICT; the reason code is `details[0].field`):
 * `not_paid` (the report for this client and year is not paid), `blocking_warnings` (open blocking warnings),
 * `generation_running` (a generation for this client and year is already queued or running), `not_computed` (the year
 * cannot be computed right now; the message says why).
 */
export const REPORT_GATE_REASONS = ['not_paid', 'blocking_warnings', 'generation_running', 'not_computed'] as const;
export type ReportGateReason = (typeof REPORT_GATE_REASONS)[number];

/** GET /api/clients/:id/reports/:taxYear/gate: whether staff may generate now, and why not. Preview stays free. */
export interface ReportGateView {
  readonly taxYear: number;
  readonly canGenerate: boolean;
  readonly paid: boolean;
  readonly openBlockingWarnings: number;
  readonly generationRunning: boolean;
  /** Every reason that currently blocks generation, in words for the user (empty when canGenerate). */
  readonly reasons: readonly { readonly code: ReportGateReason; readonly message: string }[];
}

export interface ReportFileView {
  readonly id: string;
  readonly kind: ReportFileKind;
  readonly fileName: string;
  readonly contentType: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/**
 * One generation of the report set. Never changed after it succeeded, except that a newer successful generation
 * marks it superseded; superseded versions stay downloadable.
 */
export interface ReportVersionView {
  readonly id: string;
  readonly clientId: string;
  readonly taxYear: number;
  readonly version: number;
  readonly status: ReportVersionStatus;
  /** sha256 over the computation inputs (ledger, resolutions, prices, settings) the set was made from. */
  readonly inputsHash: string;
  readonly engineVersion: string;
  readonly method: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly createdBy: { readonly id: string; readonly displayName: string } | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly supersededAt: string | null;
  readonly supersededByVersion: number | null;
  /** Why the generation failed, in words for the user; null unless failed. */
  readonly error: string | null;
  readonly files: readonly ReportFileView[];
}

/** POST /api/clients/:id/reports/:taxYear/generate answers 202 with the queued version. */
export type GenerateReportResponse = ReportVersionView;
