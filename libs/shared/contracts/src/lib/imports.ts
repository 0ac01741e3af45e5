/** An own account of a client: an exchange account or a wallet. Events are imported into one account. */
export interface Account {
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly kind: 'exchange' | 'wallet';
  readonly exchange: string | null;
  readonly eventCount: number;
  readonly createdAt: string;
}

/** POST /api/clients/:id/accounts */
export interface CreateAccountRequest {
  readonly name: string;
  readonly kind: 'exchange' | 'wallet';
  readonly exchange?: string;
}

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One problem in an uploaded file: where (file, physical line, column), what value, and why. */
export interface ImportIssueView {
  readonly file: string;
  readonly line: number;
  readonly column?: string;
  readonly value?: string;
  readonly code: string;
  readonly message: string;
}

/**
 * POST /api/clients/:id/imports (multipart: `file`, `accountId`, optional `format`) answers 202 with the queued batch;
 * GET /api/clients/:id/imports/:batchId shows progress (rowsDone of rowsTotal) and, when it failed, every issue
 * (first 1,000). A failed batch stored nothing. A succeeded one says how many events were new and how many were
 * already known (re-imports add nothing).
 */
export interface ImportBatchView {
  readonly id: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly fileName: string | null;
  readonly fileSha256: string | null;
  readonly format: string | null;
  readonly status: ImportStatus;
  readonly rowsTotal: number | null;
  readonly rowsDone: number;
  readonly eventsAdded: number;
  readonly duplicatesSkipped: number;
  /** How many 1099-DA form lines (broker-reported proceeds/basis) the batch stored. */
  readonly formLinesAdded: number;
  readonly issueCount: number;
  readonly issues: readonly ImportIssueView[];
  readonly assumedTimeZone: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}
