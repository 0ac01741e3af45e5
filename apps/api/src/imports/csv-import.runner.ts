import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  importCsvStream,
  type Form1099DaLine,
  type FormatId,
  type ImportIssue,
} from '@lotline/importers';
import type { FileStore } from '../files/file-store';
import { LedgerStage } from './ledger-event.repository';
import { insertForm1099DaLines } from '../reconcile-sources/form-1099-da.repository';

export interface NewCsvBatch {
  readonly firmId: string;
  readonly clientId: string;
  readonly accountId: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly formatOverride?: FormatId;
  readonly createdBy: string | null;
}

export interface ImportOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly format: FormatId | null;
  readonly rowCount: number;
  readonly eventsAdded: number;
  /** 1099-DA lines stored (a 1099-DA file stores form lines, no events). */
  readonly formLinesAdded: number;
  readonly duplicatesSkipped: number;
  readonly issueCount: number;
  readonly issues: readonly ImportIssue[];
}

/** Thrown inside the import transaction to roll everything back when the file has problems. */
class FileHasIssues extends Error {}

interface BatchRow {
  id: string;
  firm_id: string;
  client_id: string;
  account_id: string;
  account_name: string;
  file_sha256: string;
  file_name: string;
  format_override: FormatId | null;
  storage_key: string;
  status: string;
  events_added: number;
  form_lines_added: number;
  duplicates_skipped: number;
  rows_total: number | null;
  format: FormatId | null;
  issue_count: number;
  issues: ImportIssue[];
}

/**
 * Runs a CSV import batch: streams the stored original through the importers, inserts the events in ONE transaction
 * (any row issue anywhere -> rollback, nothing stored, every issue reported with file, line and column), and records
 * the outcome with the batch. Re-running a finished batch changes nothing; a batch interrupted by a crash left
 * nothing behind and simply runs again.
 */
export class CsvImportRunner {
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly ds: DataSource,
    private readonly files: FileStore,
    private readonly progressEveryBatches = 4,
  ) {}

  /** Stores the original (content-addressed) and queues a batch. Returns the batch id. */
  async createBatch(input: NewCsvBatch): Promise<string> {
    const stored = await this.files.put(input.firmId, input.bytes);
    return this.ds.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO stored_file (firm_id, sha256, size_bytes, storage_key) VALUES ($1, $2, $3, $4) ON CONFLICT (firm_id, sha256) DO NOTHING`,
        [input.firmId, stored.sha256, stored.sizeBytes, stored.storageKey],
      );
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO import_batch (firm_id, client_id, account_id, source, file_sha256, file_name, format_override, created_by)
         SELECT $1, $2, a.id, 'csv', $4, $5, $6, $7 FROM account a WHERE a.id = $3 AND a.client_id = $2 AND a.firm_id = $1
         RETURNING id`,
        [
          input.firmId,
          input.clientId,
          input.accountId,
          stored.sha256,
          input.fileName,
          input.formatOverride ?? null,
          input.createdBy,
        ],
      );
      if (!row) throw new Error('account not found for this client');
      return row.id;
    });
  }

  async run(batchId: string, forceStaging = false): Promise<ImportOutcome> {
    const batch = await this.load(batchId);
    if (batch.status === 'succeeded' || batch.status === 'failed')
      return this.outcomeOf(batch);
    await this.ds.query(
      `UPDATE import_batch SET status = 'running', started_at = now(), rows_done = 0 WHERE id = $1`,
      [batchId],
    );

    let format: FormatId | null = null;
    let confidence = 0;
    let timeZone: string | null = null;
    let rowCount = 0;
    let added = 0;
    let seen = 0;
    let formAdded = 0;
    let formSeen = 0;
    let issueCount = 0;
    const formLines: Form1099DaLine[] = [];
    const issues: ImportIssue[] = [];
    let batches = 0;
    try {
      await this.ds.transaction(async (tx) => {
        const stage = await LedgerStage.open(
          tx,
          {
            firmId: batch.firm_id,
            clientId: batch.client_id,
            accountId: batch.account_id,
            batchId,
          },
          { forceStaging },
        );
        const stream = importCsvStream(await this.files.open(batch.storage_key), {
          fileName: batch.file_name,
          account: batch.account_name,
          fileSha256: batch.file_sha256,
          format: batch.format_override ?? undefined,
        });
        try {
          for await (const item of stream) {
            switch (item.kind) {
              case 'detected':
                format = item.detection.format;
                confidence = item.detection.confidence;
                timeZone = item.detection.assumedTimeZone;
                break;
              case 'batch':
                issues.push(
                  ...item.issues.slice(0, Math.max(0, 1000 - issues.length)),
                );
                if (issues.length === 0) {
                  await stage.write(item.events);
                  seen += item.events.length;
                  formLines.push(...item.form1099DaLines);
                }
                if (++batches % this.progressEveryBatches === 0)
                  await this.progress(batchId, item.rowsDone);
                break;
              case 'done':
                rowCount = item.rowCount;
                issueCount = Math.max(item.issueCount, issues.length);
                break;
              default: {
                const never: never = item;
                throw new Error(
                  `unexpected import item ${JSON.stringify(never)}`,
                );
              }
            }
          }
        } finally {
          await stage.close();
        }
        if (issueCount > 0) throw new FileHasIssues();
        // 1099-DA lines go to their own table in the same transaction (same all-or-nothing and dedupe), after the
        // stage is closed: the connection cannot run other statements while a COPY is open.
        formAdded = await insertForm1099DaLines(tx, { firmId: batch.firm_id, clientId: batch.client_id, batchId, fileSha256: batch.file_sha256, fileName: batch.file_name }, formLines);
        formSeen = formLines.length;
        added = await stage.moveIntoLedger({
          firmId: batch.firm_id,
          clientId: batch.client_id,
          accountId: batch.account_id,
          batchId,
        });
        await tx.query(
          `UPDATE import_batch SET status = 'succeeded', finished_at = now(), format = $2, confidence = $3, assumed_time_zone = $4,
             rows_total = $5, rows_done = $5, events_added = $6, duplicates_skipped = $7, issue_count = 0, issues = '[]'::jsonb,
             form_lines_added = $8
           WHERE id = $1`,
          [
            batchId,
            format,
            confidence.toFixed(3),
            timeZone,
            rowCount,
            added,
            seen - added + (formSeen - formAdded),
            formAdded,
          ],
        );
      });
    } catch (e) {
      // A fingerprint clash on the direct COPY path (not expected: one file's fingerprints are distinct): go again
      // through the staging table, which skips what the client already has.
      if ((e as { code?: string }).code === '23505' && !forceStaging)
        return this.run(batchId, true);
      if (!(e instanceof FileHasIssues)) throw e; // infrastructure failure: the job is retried, nothing was stored
      await this.ds.query(
        `UPDATE import_batch SET status = 'failed', finished_at = now(), format = $2, confidence = $3, assumed_time_zone = $4,
           rows_total = $5, rows_done = $5, events_added = 0, form_lines_added = 0, duplicates_skipped = 0, issue_count = $6, issues = $7::jsonb
         WHERE id = $1`,
        [
          batchId,
          format,
          confidence.toFixed(3),
          timeZone,
          rowCount,
          issueCount,
          JSON.stringify(issues),
        ],
      );
    }
    const outcome = this.outcomeOf(await this.load(batchId));
    this.logger.log(
      `batch ${batchId} ${outcome.status}: ${outcome.rowCount} rows, ${outcome.eventsAdded} new events, ${outcome.formLinesAdded} new 1099-DA lines, ${outcome.duplicatesSkipped} already known, ${outcome.issueCount} issues`,
    );
    return outcome;
  }

  private async progress(batchId: string, rowsDone: number): Promise<void> {
    await this.ds.query(
      `UPDATE import_batch SET rows_done = $2 WHERE id = $1 AND status = 'running'`,
      [batchId, rowsDone],
    );
  }

  private async load(batchId: string): Promise<BatchRow> {
    const [row]: BatchRow[] = await this.ds.query(
      `SELECT b.*, a.name AS account_name, f.storage_key FROM import_batch b
         JOIN account a ON a.id = b.account_id
         JOIN stored_file f ON f.firm_id = b.firm_id AND f.sha256 = b.file_sha256
        WHERE b.id = $1`,
      [batchId],
    );
    if (!row) throw new Error(`import batch ${batchId} not found`);
    return row;
  }

  private outcomeOf(b: BatchRow): ImportOutcome {
    return {
      status: b.status === 'succeeded' ? 'succeeded' : 'failed',
      format: b.format,
      rowCount: b.rows_total ?? 0,
      eventsAdded: b.events_added,
      formLinesAdded: b.form_lines_added,
      duplicatesSkipped: b.duplicates_skipped,
      issueCount: b.issue_count,
      issues: b.issues,
    };
  }
}
