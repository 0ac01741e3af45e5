import type { EntityManager } from 'typeorm';
import { toWire, type Decimal, type LedgerEvent } from '@lotline/ledger';

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

const d = (v: Decimal | undefined): string | null => (v === undefined ? null : toWire(v));

/**
 * Bulk insert of canonical events: one statement per batch (arrays + unnest, no per-row round trips).
 * Rows whose fingerprint the client already has are skipped; returns how many were new.
 */
export async function insertLedgerEvents(tx: EntityManager, ctx: LedgerInsertContext, events: readonly LedgerEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const cols: (string | number | null)[][] = COLUMNS.map(() => new Array(events.length));
  events.forEach((e, i) => {
    const src = e.source;
    const values = [
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
      src.kind === 'api' ? `${src.exchange}:${src.recordId}` : src.kind === 'manual' ? `manual:${src.enteredBy}` : null,
    ];
    for (let c = 0; c < values.length; c++) cols[c][i] = values[c];
  });
  const runner = tx.queryRunner;
  if (!runner) throw new Error('insertLedgerEvents needs a transaction');
  const result = await runner.query(INSERT_SQL, [ctx.firmId, ctx.clientId, ctx.accountId, ctx.batchId, ...cols], true);
  return result.affected ?? 0;
}
