import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Account, ImportBatchView } from '@lotline/contracts';

interface AccountRow {
  id: string;
  client_id: string;
  name: string;
  kind: 'exchange' | 'wallet';
  exchange: string | null;
  event_count: string;
  created_at: Date;
}

interface BatchRow {
  id: string;
  account_id: string;
  account_name: string;
  file_name: string | null;
  file_sha256: string | null;
  format: string | null;
  status: ImportBatchView['status'];
  rows_total: number | null;
  rows_done: number;
  events_added: number;
  duplicates_skipped: number;
  form_lines_added: number;
  issue_count: number;
  issues: ImportBatchView['issues'];
  assumed_time_zone: string | null;
  created_at: Date;
  finished_at: Date | null;
  storage_key?: string;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  clientId: r.client_id,
  name: r.name,
  kind: r.kind,
  exchange: r.exchange,
  eventCount: Number(r.event_count),
  createdAt: r.created_at.toISOString(),
});

const toBatch = (r: BatchRow): ImportBatchView => ({
  id: r.id,
  accountId: r.account_id,
  accountName: r.account_name,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  format: r.format,
  status: r.status,
  rowsTotal: r.rows_total,
  rowsDone: r.rows_done,
  eventsAdded: r.events_added,
  duplicatesSkipped: r.duplicates_skipped,
  formLinesAdded: r.form_lines_added,
  issueCount: r.issue_count,
  issues: r.issues,
  assumedTimeZone: r.assumed_time_zone,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

const BATCH_SELECT = `SELECT b.id, b.account_id, a.name AS account_name, b.file_name, b.file_sha256, b.format, b.status, b.rows_total,
    b.rows_done, b.events_added, b.duplicates_skipped, b.form_lines_added, b.issue_count, b.issues, b.assumed_time_zone, b.created_at, b.finished_at,
    f.storage_key
  FROM import_batch b JOIN account a ON a.id = b.account_id LEFT JOIN stored_file f ON f.firm_id = b.firm_id AND f.sha256 = b.file_sha256`;

/** Accounts and import batches; every query is scoped by firm and client. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly ds: DataSource) {}

  async listAccounts(firmId: string, clientId: string): Promise<Account[]> {
    const rows: AccountRow[] = await this.ds.query(
      // Counted from the batches (every ledger row arrives through exactly one succeeded batch), not by scanning a
      // million-row ledger per account on every listing.
      `SELECT a.*, (SELECT coalesce(sum(b.events_added), 0) FROM import_batch b
                     WHERE b.client_id = a.client_id AND b.account_id = a.id AND b.status = 'succeeded') AS event_count
         FROM account a WHERE a.firm_id = $1 AND a.client_id = $2 ORDER BY lower(a.name)`,
      [firmId, clientId],
    );
    return rows.map(toAccount);
  }

  /** Inserts an account; undefined when the client already has one with that name (case-insensitive). */
  async createAccount(m: EntityManager, firmId: string, clientId: string, a: { name: string; kind: Account['kind']; exchange: string | null }): Promise<Account | undefined> {
    const rows: AccountRow[] = await m.query(
      `INSERT INTO account (firm_id, client_id, name, kind, exchange) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (client_id, lower(name)) DO NOTHING RETURNING *, 0 AS event_count`,
      [firmId, clientId, a.name, a.kind, a.exchange],
    );
    return rows[0] ? toAccount(rows[0]) : undefined;
  }

  async accountExists(firmId: string, clientId: string, accountId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM account WHERE id = $1 AND firm_id = $2 AND client_id = $3`, [accountId, firmId, clientId]);
    return rows.length === 1;
  }

  async listBatches(firmId: string, clientId: string): Promise<ImportBatchView[]> {
    const rows: BatchRow[] = await this.ds.query(`${BATCH_SELECT} WHERE b.firm_id = $1 AND b.client_id = $2 ORDER BY b.created_at DESC LIMIT 200`, [firmId, clientId]);
    return rows.map((r) => ({ ...toBatch(r), issues: r.issues.slice(0, 20) }));
  }

  async findBatch(firmId: string, clientId: string, batchId: string): Promise<{ view: ImportBatchView; storageKey: string | null } | undefined> {
    const [row]: BatchRow[] = await this.ds.query(`${BATCH_SELECT} WHERE b.firm_id = $1 AND b.client_id = $2 AND b.id = $3`, [firmId, clientId, batchId]);
    return row ? { view: toBatch(row), storageKey: row.storage_key ?? null } : undefined;
  }
}
