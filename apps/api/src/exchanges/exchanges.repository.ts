import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExchangeConnectionView, ExchangeId, ExchangeStream, ImportIssueView } from '@lotline/contracts';


/** Per stream: the time (ms) of the newest record read (or of the oldest one still pending), read again next time. */
export type SyncCursors = Partial<Record<ExchangeStream, { readonly since: number }>>;

interface ConnectionRow {
  id: string;
  client_id: string;
  account_id: string;
  account_name: string;
  exchange: string;
  key_hint: string;
  created_at: Date;
  last_synced_at: Date | null;
  last_error: string | null;
  balances: Record<string, string> | null;
  balances_at: Date | null;
}

/** An import batch of source 'api' with what its sync needs. */
export interface SyncBatchRow {
  id: string;
  firm_id: string;
  client_id: string;
  account_id: string;
  account_name: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  created_by: string | null;
  events_added: number;
  duplicates_skipped: number;
  issue_count: number;
  error: string | null;
  credential_id: string | null;
  exchange: ExchangeId | null;
  sealed_secret: string | null;
  cursors: SyncCursors | null;
}

const toView = (r: ConnectionRow): ExchangeConnectionView => ({
  id: r.id,
  clientId: r.client_id,
  accountId: r.account_id,
  accountName: r.account_name,
  exchange: r.exchange,
  keyHint: r.key_hint,
  createdAt: r.created_at.toISOString(),
  lastSyncedAt: r.last_synced_at?.toISOString() ?? null,
  lastError: r.last_error,
  balances: r.balances,
  balancesAt: r.balances_at?.toISOString() ?? null,
});

// Never selects sealed_secret: views cannot carry it by accident.
const CONNECTION_SELECT = `SELECT c.id, c.client_id, c.account_id, a.name AS account_name, c.exchange, c.key_hint, c.created_at,
    c.last_synced_at, c.last_error, c.balances, c.balances_at
  FROM exchange_credential c JOIN account a ON a.id = c.account_id`;

/** Exchange connections and their sync batches; every query from a request is scoped by firm and client. */
@Injectable()
export class ExchangesRepository {
  constructor(private readonly ds: DataSource) {}

  async list(firmId: string, clientId: string): Promise<ExchangeConnectionView[]> {
    const rows: ConnectionRow[] = await this.ds.query(`${CONNECTION_SELECT} WHERE c.firm_id = $1 AND c.client_id = $2 AND c.removed_at IS NULL ORDER BY c.created_at`, [firmId, clientId]);
    return rows.map(toView);
  }

  async findActive(m: EntityManager | DataSource, firmId: string, clientId: string, id: string): Promise<ExchangeConnectionView | undefined> {
    const [row]: ConnectionRow[] = await m.query(`${CONNECTION_SELECT} WHERE c.firm_id = $1 AND c.client_id = $2 AND c.id = $3 AND c.removed_at IS NULL`, [firmId, clientId, id]);
    return row ? toView(row) : undefined;
  }

  /** Inserts a connection; false when the account already has a live one. */
  async insert(
    tx: EntityManager,
    c: { id: string; firmId: string; clientId: string; accountId: string; exchange: ExchangeId; sealedSecret: string; keyHint: string; createdBy: string; balances: Record<string, string> },
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO exchange_credential (id, firm_id, client_id, account_id, exchange, sealed_secret, key_hint, created_by, balances, balances_at)
       SELECT $1, $2, $3, a.id, $5, $6, $7, $8, $9::jsonb, now() FROM account a WHERE a.id = $4 AND a.firm_id = $2 AND a.client_id = $3
       ON CONFLICT (account_id) WHERE removed_at IS NULL DO NOTHING RETURNING id`,
      [c.id, c.firmId, c.clientId, c.accountId, c.exchange, c.sealedSecret, c.keyHint, c.createdBy, JSON.stringify(c.balances)],
    );
    return rows.length === 1;
  }

  /** Wipes the sealed secret and hides the connection; its sync history stays. */
  async remove(tx: EntityManager, firmId: string, clientId: string, id: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE exchange_credential SET sealed_secret = NULL, removed_at = now() WHERE firm_id = $1 AND client_id = $2 AND id = $3 AND removed_at IS NULL`,
      [firmId, clientId, id],
    );
    return affected === 1;
  }

  async createSyncBatch(tx: EntityManager, b: { firmId: string; clientId: string; accountId: string; credentialId: string; createdBy: string }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO import_batch (firm_id, client_id, account_id, source, exchange_credential_id, created_by) VALUES ($1, $2, $3, 'api', $4, $5) RETURNING id`,
      [b.firmId, b.clientId, b.accountId, b.credentialId, b.createdBy],
    );
    return row.id;
  }

  async loadSyncBatch(batchId: string): Promise<SyncBatchRow | undefined> {
    const [row]: SyncBatchRow[] = await this.ds.query(
      `SELECT b.id, b.firm_id, b.client_id, b.account_id, a.name AS account_name, b.status, b.created_by, b.events_added,
              b.duplicates_skipped, b.issue_count, b.error, c.id AS credential_id, c.exchange, c.sealed_secret, c.cursors
         FROM import_batch b JOIN account a ON a.id = b.account_id LEFT JOIN exchange_credential c ON c.id = b.exchange_credential_id
        WHERE b.id = $1 AND b.source = 'api'`,
      [batchId],
    );
    return row;
  }

  async markRunning(batchId: string): Promise<void> {
    await this.ds.query(`UPDATE import_batch SET status = 'running', started_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [batchId]);
  }

  async finishSucceeded(
    tx: EntityManager,
    b: { batchId: string; credentialId: string; cursors: SyncCursors; balances: Record<string, string>; added: number; seen: number; issues: ImportIssueView[] },
  ): Promise<void> {
    await tx.query(
      `UPDATE import_batch SET status = 'succeeded', finished_at = now(), rows_total = $2, rows_done = $2, events_added = $3, duplicates_skipped = $4,
         issue_count = $5, issues = $6::jsonb, balances = $7::jsonb, error = NULL WHERE id = $1`,
      [b.batchId, b.seen + b.issues.length, b.added, b.seen - b.added, b.issues.length, JSON.stringify(b.issues.slice(0, 1000)), JSON.stringify(b.balances)],
    );
    await tx.query(
      `UPDATE exchange_credential SET cursors = $2::jsonb, balances = $3::jsonb, balances_at = now(), last_synced_at = now(), last_error = NULL WHERE id = $1`,
      [b.credentialId, JSON.stringify(b.cursors), JSON.stringify(b.balances)],
    );
  }

  async finishFailed(tx: EntityManager, batchId: string, credentialId: string | null, error: string): Promise<void> {
    await tx.query(`UPDATE import_batch SET status = 'failed', finished_at = now(), events_added = 0, duplicates_skipped = 0, error = $2 WHERE id = $1`, [batchId, error]);
    if (credentialId) await tx.query(`UPDATE exchange_credential SET last_error = $2 WHERE id = $1`, [credentialId, error]);
  }
}
