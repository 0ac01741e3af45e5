import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { toWire, type Decimal, type LedgerEvent } from '@lotline/ledger';
import { copyField } from '../common/copy';

export interface LedgerInsertContext {
  readonly firmId: string;
  readonly clientId: string;
  readonly accountId: string;
  readonly batchId: string;
}

const COLUMNS = [
  ['fingerprint', 'text'],
  ['occurred_at', 'timestamptz'],
  ['type', 'text'],
  ['account_name', 'text'],
  ['to_account', 'text'],
  ['sent_asset', 'text'],
  ['sent_amount', 'numeric'],
  ['received_asset', 'text'],
  ['received_amount', 'numeric'],
  ['fee_asset', 'text'],
  ['fee_amount', 'numeric'],
  ['usd_value', 'numeric'],
  ['fee_usd', 'numeric'],
  ['income_kind', 'text'],
  ['external_id', 'text'],
  ['note', 'text'],
  ['source_file_sha256', 'text'],
  ['source_file_name', 'text'],
  ['source_line', 'int'],
  ['source_api_ref', 'text'],
] as const;

const INSERT_SQL = `
  INSERT INTO ledger_event (firm_id, client_id, account_id, batch_id, ${COLUMNS.map(([c]) => c).join(', ')})
  SELECT $1, $2, $3, $4, * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 5}::${t}[]`).join(', ')})
  ON CONFLICT (client_id, fingerprint) DO NOTHING`;

const d = (v: Decimal | undefined): string | null =>
  v === undefined ? null : toWire(v);

/**
 * Bulk insert of canonical events: one statement per batch (arrays + unnest, no per-row round trips).
 * Rows whose fingerprint the client already has are skipped; returns how many were new.
 */
export async function insertLedgerEvents(
  tx: EntityManager,
  ctx: LedgerInsertContext,
  events: readonly LedgerEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const cols: (string | number | null)[][] = COLUMNS.map(
    () => new Array(events.length),
  );
  events.forEach((e, i) => {
    const values = rowValues(e);
    for (let c = 0; c < values.length; c++) cols[c][i] = values[c];
  });
  const runner = tx.queryRunner;
  if (!runner) throw new Error('insertLedgerEvents needs a transaction');
  const result = await runner.query(
    INSERT_SQL,
    [ctx.firmId, ctx.clientId, ctx.accountId, ctx.batchId, ...cols],
    true,
  );
  return result.affected ?? 0;
}

function rowValues(e: LedgerEvent): (string | number | null)[] {
  const src = e.source;
  return [
    e.id,
    e.timestamp,
    e.type,
    e.account,
    e.toAccount ?? null,
    e.sent?.asset ?? null,
    d(e.sent?.amount),
    e.received?.asset ?? null,
    d(e.received?.amount),
    e.fee?.asset ?? null,
    d(e.fee?.amount),
    d(e.usdValue),
    d(e.feeUsd),
    e.incomeKind ?? null,
    e.externalId ?? null,
    e.note ?? null,
    src.kind === 'file' ? (src.fileSha256 ?? null) : null,
    src.kind === 'file' ? src.fileName : null,
    src.kind === 'file' ? src.line : null,
    src.kind === 'api'
      ? `${src.exchange}:${src.recordId}`
      : src.kind === 'manual'
        ? `manual:${src.enteredBy}`
        : null,
  ];
}

/**
 * The bulk path for large imports, inside the caller's transaction (a rollback leaves nothing behind):
 * - the client has no ledger rows yet (the usual first, large import): rows stream with COPY straight into the ledger,
 *   so PostgreSQL indexes them while the file is still being parsed. The importers give every row of one file a distinct
 *   fingerprint, so nothing can conflict.
 * - otherwise: rows stream with COPY into a temporary staging table, then one INSERT ... SELECT moves them into the
 *   ledger, skipping fingerprints the client already has.
 * A per-client advisory lock (held until commit) serialises imports of one client, so the choice cannot race.
 */
export class LedgerStage {
  private closed = false;
  private copied = 0;

  private constructor(
    private readonly client: PoolClient,
    private readonly copy: NodeJS.WritableStream,
    private readonly done: Promise<unknown>,
    private readonly direct: string | undefined,
  ) {}

  static async open(
    tx: EntityManager,
    ctx: LedgerInsertContext,
    options: { readonly forceStaging?: boolean } = {},
  ): Promise<LedgerStage> {
    const runner = tx.queryRunner as unknown as
      | { databaseConnection?: PoolClient }
      | undefined;
    const client = runner?.databaseConnection;
    if (!client)
      throw new Error(
        'LedgerStage needs a transaction on a PostgreSQL connection',
      );
    await client.query(
      `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
      [`ledger-import:${ctx.clientId}`],
    );
    const { rows } = await client.query<{ has: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ledger_event WHERE client_id = $1) AS has`,
      [ctx.clientId],
    );
    const cols = COLUMNS.map(([c]) => c).join(', ');
    let direct: string | undefined;
    let sql: string;
    if (rows[0]?.has || options.forceStaging) {
      await client.query(
        `CREATE TEMP TABLE import_stage (${COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')}) ON COMMIT DROP`,
      );
      sql = `COPY import_stage (${cols}) FROM STDIN`;
    } else {
      direct =
        [ctx.firmId, ctx.clientId, ctx.accountId, ctx.batchId]
          .map(copyField)
          .join('\t') + '\t';
      sql = `COPY ledger_event (firm_id, client_id, account_id, batch_id, ${cols}) FROM STDIN`;
    }
    const copy = client.query(copyFrom(sql));
    const done = once(copy, 'finish');
    done.catch(() => undefined);
    return new LedgerStage(client, copy, done, direct);
  }

  async write(events: readonly LedgerEvent[]): Promise<void> {
    const prefix = this.direct ?? '';
    let text = '';
    for (const e of events)
      text += prefix + rowValues(e).map(copyField).join('\t') + '\n';
    this.copied += events.length;
    if (!this.copy.write(text)) await once(this.copy, 'drain');
  }

  /** Ends the COPY (idempotent). Must happen before anything else runs on the connection, including a rollback. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.copy.end();
    }
    await this.done;
  }

  /** Completes the move into the ledger; returns how many rows were new for the client. */
  async moveIntoLedger(ctx: LedgerInsertContext): Promise<number> {
    await this.close();
    if (this.direct !== undefined) return this.copied;
    const cols = COLUMNS.map(([c]) => c).join(', ');
    const result = await this.client.query(
      `INSERT INTO ledger_event (firm_id, client_id, account_id, batch_id, ${cols}) SELECT $1, $2, $3, $4, ${cols} FROM import_stage
       ON CONFLICT (client_id, fingerprint) DO NOTHING`,
      [ctx.firmId, ctx.clientId, ctx.accountId, ctx.batchId],
    );
    return result.rowCount ?? 0;
  }
}
