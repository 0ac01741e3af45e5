import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { CostBasisMethod } from '@lotline/contracts';
import { Decimal, type EventType, type IncomeKind, type LedgerEvent, type SourceRef } from '@lotline/ledger';
import { resolutionFromJson, type Resolution } from '@lotline/reconciliation';
import { isUuid } from '../common/ids';
import { one, rows } from '../common/sql';
import { storedSettings, type StoredReconSettings } from './recon-pipeline';

export interface ClientReconContext {
  readonly timeZone: string;
  readonly clientMethod: CostBasisMethod | null;
  readonly firmMethod: CostBasisMethod;
  readonly settings: StoredReconSettings;
  readonly yearMethods: Record<string, CostBasisMethod>;
}

interface EventRow {
  id: string;
  /** ISO 8601 UTC with milliseconds, formatted by PostgreSQL (no Date objects for 100k rows). */
  at: string;
  type: EventType;
  account_name: string;
  to_account: string | null;
  sent_asset: string | null;
  sent_amount: string | null;
  received_asset: string | null;
  received_amount: string | null;
  fee_asset: string | null;
  fee_amount: string | null;
  usd_value: string | null;
  fee_usd: string | null;
  income_kind: IncomeKind | null;
  external_id: string | null;
  note: string | null;
  source_file_sha256: string | null;
  source_file_name: string | null;
  source_line: number | null;
  source_api_ref: string | null;
}

export const EVENT_COLUMNS = `id::text AS id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, type, account_name, to_account, sent_asset, sent_amount::text AS sent_amount,
  received_asset, received_amount::text AS received_amount, fee_asset, fee_amount::text AS fee_amount, usd_value::text AS usd_value,
  fee_usd::text AS fee_usd, income_kind, external_id, note, source_file_sha256, source_file_name, source_line, source_api_ref`;

type SourceColumns = Pick<EventRow, 'source_line' | 'source_file_name' | 'source_file_sha256' | 'source_api_ref'>;

function sourceOf(r: SourceColumns): SourceRef {
  if (r.source_line !== null) return { kind: 'file', fileName: r.source_file_name ?? '', line: r.source_line, ...(r.source_file_sha256 ? { fileSha256: r.source_file_sha256 } : {}) };
  const ref = r.source_api_ref ?? '';
  const colon = ref.indexOf(':');
  if (ref.startsWith('manual:')) return { kind: 'manual', enteredBy: ref.slice(7) };
  return { kind: 'api', exchange: colon < 0 ? '' : ref.slice(0, colon), recordId: colon < 0 ? ref : ref.slice(colon + 1) };
}

/** A stored ledger row as the canonical event the libraries take (id = the row id, as text). */
export function toLedgerEvent(r: EventRow): LedgerEvent {
  const amount = (asset: string | null, value: string | null) => (asset !== null && value !== null ? { asset, amount: new Decimal(value) } : undefined);
  const e: { -readonly [K in keyof LedgerEvent]: LedgerEvent[K] } = { id: r.id, account: r.account_name, timestamp: r.at, type: r.type, source: sourceOf(r) };
  const sent = amount(r.sent_asset, r.sent_amount);
  if (sent) e.sent = sent;
  const received = amount(r.received_asset, r.received_amount);
  if (received) e.received = received;
  const fee = amount(r.fee_asset, r.fee_amount);
  if (fee) e.fee = fee;
  if (r.usd_value !== null) e.usdValue = new Decimal(r.usd_value);
  if (r.fee_usd !== null) e.feeUsd = new Decimal(r.fee_usd);
  if (r.to_account !== null) e.toAccount = r.to_account;
  if (r.income_kind !== null) e.incomeKind = r.income_kind;
  if (r.external_id !== null) e.externalId = r.external_id;
  if (r.note !== null) e.note = r.note;
  return e;
}

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A COPY text-format field: \N is NULL; backslash escapes (PostgreSQL writes only \\ \b \f \n \r \t \v). */
function copyText(f: string): string | null {
  if (f === '\\N') return null;
  return f.includes('\\') ? f.replace(/\\(.)/g, (_, c: string) => COPY_ESCAPES[c] ?? c) : f;
}

/**
 * Shares equal strings of one load (asset, account, type, file name, file hash...): a 1M-event ledger repeats a few
 * hundred distinct values, and keeping one copy of each (instead of a million small strings, or slices that hold on to
 * the whole COPY buffer) keeps the heap, and with it garbage collection, smaller.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  get(s: string): string {
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    // A fresh flat copy (a slice of the COPY text would keep the whole chunk alive).
    const own = (' ' + s).slice(1);
    if (this.pool.size < 100_000) this.pool.set(own, own);
    return own;
  }
}

/** Field i of a split line as text (null for \N). */
function field(f: readonly string[], i: number): string | null {
  return copyText(f[i]);
}

/** Field i as a pooled string. */
function pooled(f: readonly string[], i: number, pool: StringPool): string | null {
  const v = copyText(f[i]);
  return v === null ? null : pool.get(v);
}

function amountOf(f: readonly string[], ai: number, vi: number, pool: StringPool): { asset: string; amount: Decimal } | undefined {
  const asset = f[ai];
  const value = f[vi];
  if (asset === '\\N' || value === '\\N') return undefined;
  return { asset: pool.get(copyText(asset) ?? ''), amount: new Decimal(value) };
}

/** One COPY line of EVENT_COLUMNS (same order as EventRow) straight to the canonical event (no row object). */
export function eventFromCopyLine(line: string, pool: StringPool = new StringPool()): LedgerEvent {
  const f = line.split('\t');
  const sourceLine = field(f, 18);
  const source = sourceOf({ source_line: sourceLine === null ? null : Number(sourceLine), source_file_name: pooled(f, 17, pool), source_file_sha256: pooled(f, 16, pool), source_api_ref: field(f, 19) });
  const e: { -readonly [K in keyof LedgerEvent]: LedgerEvent[K] } = { id: f[0], account: pooled(f, 3, pool) ?? '', timestamp: f[1], type: pool.get(f[2]) as EventType, source };
  const sent = amountOf(f, 5, 6, pool);
  if (sent) e.sent = sent;
  const received = amountOf(f, 7, 8, pool);
  if (received) e.received = received;
  const fee = amountOf(f, 9, 10, pool);
  if (fee) e.fee = fee;
  // Numbers as PostgreSQL writes them: never escaped, so the raw field is the text.
  if (f[11] !== '\\N') e.usdValue = new Decimal(f[11]);
  if (f[12] !== '\\N') e.feeUsd = new Decimal(f[12]);
  const to = pooled(f, 4, pool);
  if (to !== null) e.toAccount = to;
  const kind = pooled(f, 13, pool);
  if (kind !== null) e.incomeKind = kind as IncomeKind;
  const ext = field(f, 14);
  if (ext !== null) e.externalId = ext;
  const note = field(f, 15);
  if (note !== null) e.note = note;
  return e;
}

/** What a computation reads: the client's ledger, resolutions, settings and chosen methods (firm-scoped). */
export class ReconInputRepository {
  /** Serialises computations of one client until the caller's transaction ends. */
  async lockClient(m: EntityManager, clientId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`recon:${clientId}`]);
  }

  async context(m: EntityManager, firmId: string, clientId: string): Promise<ClientReconContext | null> {
    const row = await one<{ timeZone: string; clientMethod: CostBasisMethod | null; firmMethod: CostBasisMethod; settings: Record<string, unknown> }>(
      m,
      `SELECT c.time_zone AS "timeZone", c.default_method AS "clientMethod", f.default_method AS "firmMethod", f.settings
         FROM client c JOIN firm f ON f.id = c.firm_id WHERE c.firm_id = $1 AND c.id = $2`,
      [firmId, clientId],
    );
    if (!row) return null;
    const methods = await rows<{ year: number; method: CostBasisMethod }>(m, `SELECT tax_year AS year, method FROM tax_year_method WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
    return {
      timeZone: row.timeZone,
      clientMethod: row.clientMethod,
      firmMethod: row.firmMethod,
      settings: storedSettings(row.settings?.['reconciliation']),
      yearMethods: Object.fromEntries(methods.map((x) => [String(x.year), x.method])),
    };
  }

  /**
   * Every ledger event of the client in time order (ties by row id), streamed with one COPY ... TO STDOUT (inside the
   * caller's transaction, so the same snapshot) and parsed line by line straight into events: no row objects for 100k+
   * rows. Time order comes from the (client_id, occurred_at) index, and the libraries then find their input already in
   * order instead of sorting a million events.
   */
  async events(m: EntityManager, firmId: string, clientId: string): Promise<LedgerEvent[]> {
    const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
    if (!client) throw new Error('loading events needs a transaction on a PostgreSQL connection');
    // COPY takes no parameters: both ids are checked to be uuids before they are written into the statement.
    if (!isUuid(firmId) || !isUuid(clientId)) throw new Error('firm and client ids must be uuids');
    const stream = client.query(copyTo(`COPY (SELECT ${EVENT_COLUMNS} FROM ledger_event WHERE firm_id = '${firmId}' AND client_id = '${clientId}' ORDER BY occurred_at, ledger_event.id) TO STDOUT`));
    const out: LedgerEvent[] = [];
    const pool = new StringPool();
    let rest: Buffer | null = null;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
      // A newline byte never occurs inside a multi-byte UTF-8 character: cut at the last one, keep the tail.
      const end = buf.lastIndexOf(10);
      if (end < 0) {
        rest = buf;
        continue;
      }
      const text = buf.toString('utf8', 0, end);
      rest = end + 1 < buf.length ? buf.subarray(end + 1) : null;
      for (const line of text.split('\n')) out.push(eventFromCopyLine(line, pool));
    }
    if (rest && rest.length > 0) throw new Error('ledger COPY ended inside a row');
    return out;
  }

  /** Every resolution record (including undo records; the pipeline works out which are in effect). */
  async resolutions(m: EntityManager, firmId: string, clientId: string): Promise<Resolution[]> {
    const list = await rows<{ id: string; payload: Record<string, unknown>; warningIds: string[]; who: string | null; at: Date; reason: string }>(
      m,
      `SELECT id, payload, warning_ids AS "warningIds", created_by::text AS who, created_at AS at, reason
         FROM resolution WHERE firm_id = $1 AND client_id = $2 ORDER BY created_at, id`,
      [firmId, clientId],
    );
    return list.map((r) => resolutionFromJson({ id: r.id, payload: r.payload, warningIds: r.warningIds, who: r.who ?? 'deleted-user', at: r.at.toISOString(), reason: r.reason }));
  }
}
