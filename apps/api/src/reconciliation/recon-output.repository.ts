import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { toWire } from '@lotline/ledger';
import type { Warning } from '@lotline/reconciliation';
import type { Form8949RowView } from '@lotline/contracts';
import type { DisposalRow, TaxResult } from '@lotline/tax-engine';
import { rows } from '../common/sql';
import { assetSummariesByYear, holdingsOf, suggestionsByWarning, warningKey, yearSummary, type PipelineOutput, type YearSummary } from './recon-pipeline';

type Cell = string | number | boolean | null;
/** firm, client, tax year, first row, last row, the page's rows as JSON text. */
type ChunkRow = [string, string, number, number, number, string];
/** A stored 8949 page: tax year, row range and SHA-256 of its JSON text. */
export interface StoredPage { readonly year: number; readonly first: number; readonly last: number; readonly hash: string }

/** COPY text format field: backslash escapes for the delimiters; \N is NULL. */
function copyField(v: Cell): string {
  if (v === null) return '\\N';
  const text = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/** A text[] literal: every element double-quoted (ids may hold any character). */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Streams all rows with one COPY (the fastest bulk path; inside the caller's transaction, so a rollback leaves nothing). */
async function bulkInsert(m: EntityManager, table: string, columns: readonly (readonly [string, string])[], data: readonly (readonly (Cell | readonly string[])[])[]): Promise<void> {
  if (data.length === 0) return;
  const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) throw new Error('bulkInsert needs a transaction on a PostgreSQL connection');
  const copy = client.query(copyFrom(`COPY ${table} (${columns.map(([n]) => n).join(', ')}) FROM STDIN`));
  const done = once(copy, 'finish');
  done.catch(() => undefined);
  let text = '';
  for (const row of data) {
    text += row.map((c) => copyField(Array.isArray(c) ? arrayLiteral(c as readonly string[]) : (c as Cell))).join('\t') + '\n';
    if (text.length > 1 << 20) {
      if (!copy.write(text)) await once(copy, 'drain');
      text = '';
    }
  }
  copy.end(text);
  await done;
}

const WARNING_COLUMNS = [
  ['firm_id', 'uuid'], ['client_id', 'uuid'], ['id', 'text'], ['key', 'text'], ['kind', 'text'], ['severity', 'text'], ['blocking', 'boolean'],
  ['status', 'text'], ['resolved_by', 'text'], ['account', 'text'], ['asset', 'text'], ['at', 'timestamptz'], ['event_ids', 'text[]'],
  ['message', 'text'], ['actions', 'text[]'], ['code', 'text'], ['suggestions', 'jsonb'],
] as const;

const CHUNK_COLUMNS = [['firm_id', 'uuid'], ['client_id', 'uuid'], ['tax_year', 'int'], ['first_row', 'int'], ['last_row', 'int'], ['rows', 'json']] as const;

const INCOME_COLUMNS = [
  ['firm_id', 'uuid'], ['client_id', 'uuid'], ['tax_year', 'int'], ['row_no', 'int'], ['event_id', 'text'], ['date', 'text'], ['account', 'text'],
  ['kind', 'text'], ['asset', 'text'], ['quantity', 'numeric'], ['usd_value', 'numeric'], ['priced', 'boolean'],
] as const;

/** Rows of Form 8949 per stored page (one jsonb value each). */
export const CHUNK_ROWS = 1000;

/** One stored 8949 row: the wire view plus what the row detail needs (its lot and the events behind it). */
export interface StoredForm8949Row extends Form8949RowView {
  /** Basis computed by the engine (costBasis is the form's column (e), the broker's when code B applies). */
  readonly engineCostBasis: string;
  readonly lotSourceEventIds: readonly string[];
  readonly lot: { readonly id: string; readonly account: string; readonly dateAcquired: string; readonly quantity: string; readonly costBasis: string } | null;
}

/** Year summary as stored: totals plus the row-number range of each box (rows are numbered box by box). */
export type StoredYearSummary = YearSummary & { readonly rowRanges: Readonly<Record<string, readonly [number, number]>> };

export interface ComputationMeta {
  readonly computedAt: Date;
  readonly inputsHash: string;
  readonly eventCount: number;
  readonly engineVersion: string;
  /** The request sequence number this computation answers. */
  readonly seq: number;
}

/** Stores a computation's results, replacing the previous ones (inside the caller's transaction). */
export class ReconOutputRepository {
  /**
   * Row range and SHA-256 of every stored 8949 page of the client. Send it before running the pipeline (PostgreSQL
   * hashes while this process computes) and hand the promise to `replace`.
   */
  storedPages(m: EntityManager, firmId: string, clientId: string): Promise<StoredPage[]> {
    const pages = rows<StoredPage>(
      m,
      `SELECT tax_year AS year, first_row AS first, last_row AS last, encode(sha256(convert_to(rows::text, 'UTF8')), 'hex') AS hash
         FROM recon_form8949_chunk WHERE firm_id = $1 AND client_id = $2`,
      [firmId, clientId],
    );
    pages.catch(() => undefined); // awaited (and its error thrown) in replace
    return pages;
  }

  async replace(m: EntityManager, firmId: string, clientId: string, out: PipelineOutput, meta: ComputationMeta, storedPages: Promise<StoredPage[]>): Promise<void> {
    // Awaited first: no other query is sent while it runs (pg queues them, but overlapping calls are deprecated).
    const pages = await storedPages;
    // 8949 pages are replaced page by page in insertYears (unchanged pages stay).
    for (const table of ['recon_warning', 'recon_year', 'recon_income_row']) {
      await m.query(`DELETE FROM ${table} WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
    }
    await this.insertWarnings(m, firmId, clientId, out);
    await this.insertYears(m, firmId, clientId, out.tax, pages);
    const open = out.warnings.filter((w) => w.status === 'open');
    await m.query(
      `INSERT INTO recon_state (client_id, firm_id, state, computed_seq, computed_at, inputs_hash, event_count, engine_version, open_warnings, open_blocking, last_error)
       VALUES ($1, $2, 'done', $3, $4, $5, $6, $7, $8, $9, NULL)
       ON CONFLICT (client_id) DO UPDATE SET computed_seq = GREATEST(recon_state.computed_seq, EXCLUDED.computed_seq), computed_at = EXCLUDED.computed_at,
         inputs_hash = EXCLUDED.inputs_hash, event_count = EXCLUDED.event_count, engine_version = EXCLUDED.engine_version,
         open_warnings = EXCLUDED.open_warnings, open_blocking = EXCLUDED.open_blocking, last_error = NULL`,
      [clientId, firmId, meta.seq, meta.computedAt, meta.inputsHash, meta.eventCount, meta.engineVersion, open.length, open.filter((w) => w.blocking).length],
    );
  }

  /**
   * Moves the client's tax years to in_review / ready, only from in_progress, client_submitted, in_review or ready
   * (paid and report_generated belong to billing and reports; invited stays until the invitation is accepted).
   */
  async updateStatuses(m: EntityManager, firmId: string, clientId: string, statuses: ReadonlyMap<number, 'in_review' | 'ready'>, now: Date): Promise<void> {
    if (statuses.size === 0) return;
    await m.query(
      `INSERT INTO client_tax_year (firm_id, client_id, tax_year, status, updated_at)
       SELECT $1, $2, y, s, $5 FROM unnest($3::int[], $4::text[]) AS u(y, s)
       ON CONFLICT (client_id, tax_year) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
        WHERE client_tax_year.firm_id = EXCLUDED.firm_id AND client_tax_year.status IN ('in_progress','client_submitted','in_review','ready')
          AND client_tax_year.status <> EXCLUDED.status`,
      [firmId, clientId, [...statuses.keys()], [...statuses.values()], now],
    );
  }

  /** Tax years that already have a status row (they are re-evaluated even without activity that year). */
  async statusYears(m: EntityManager, firmId: string, clientId: string): Promise<number[]> {
    return (await rows<{ y: number }>(m, `SELECT tax_year AS y FROM client_tax_year WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId])).map((r) => r.y);
  }

  private async insertWarnings(m: EntityManager, firmId: string, clientId: string, out: PipelineOutput): Promise<void> {
    const suggestions = suggestionsByWarning(out.recon, out.warnings);
    const seen = new Set<string>();
    const data: (Cell | readonly string[])[][] = [];
    for (const w of out.warnings as readonly Warning[]) {
      const key = warningKey(w.id);
      if (seen.has(key)) continue;
      seen.add(key);
      data.push([
        firmId, clientId, w.id, key, w.kind, w.severity, w.blocking, w.status, w.resolvedBy ?? null, w.account, w.asset, w.at,
        w.eventIds, w.message, w.actions, w.code ?? null, JSON.stringify(suggestions.get(w.id) ?? []),
      ]);
    }
    await bulkInsert(m, 'recon_warning', WARNING_COLUMNS, data);
  }

  /**
   * Per-year summaries and the 8949 pages. Only pages whose content changed are written: a stored page is kept when its
   * year, row range and the SHA-256 of its exact JSON text (json keeps the text as written) equal the new page's; every
   * other stored page is deleted and the changed or new pages are copied in. After one resolution most pages are
   * byte-for-byte the same, and not rewriting them saves sending, parsing and storing ~800 bytes of JSON per row. Pages
   * are built one at a time and an unchanged page's text is dropped at once (a 1M-row client never holds all of it).
   */
  private async insertYears(m: EntityManager, firmId: string, clientId: string, tax: TaxResult, stored: readonly StoredPage[]): Promise<void> {
    const lots = new Map(tax.lots.map((l) => [l.id, l]));
    const byYear = new Map<number, DisposalRow[]>();
    for (const d of tax.disposals) {
      const list = byYear.get(d.taxYear);
      if (list) list.push(d);
      else byYear.set(d.taxYear, [d]);
    }
    const storedByKey = new Map(stored.map((p) => [`${p.year}:${p.first}`, p]));
    const changed: ChunkRow[] = [];
    const rangesByYear = new Map<number, Record<string, [number, number]>>();
    const row = (d: DisposalRow, rowNo: number): StoredForm8949Row => {
      const lot = d.lotId === null ? undefined : lots.get(d.lotId);
      const costBasis = toWire(d.formCostBasis);
      return {
        rowNo, eventId: d.eventId, leg: d.leg, account: d.account, asset: d.asset, quantity: toWire(d.quantity), description: d.description,
        dateAcquired: d.dateAcquired, dateSold: d.dateSold, proceeds: toWire(d.proceeds), costBasis,
        engineCostBasis: d.costBasis === d.formCostBasis ? costBasis : toWire(d.costBasis), adjustmentCode: d.adjustmentCode,
        adjustment: d.adjustmentAmount.isZero() ? '0' : toWire(d.adjustmentAmount), gain: toWire(d.gain), term: d.term, box: d.formBox, lotId: d.lotId,
        missingBasis: d.missingBasis, lotSourceEventIds: d.lotSourceEventIds,
        lot: lot ? { id: lot.id, account: lot.account, dateAcquired: lot.dateAcquired, quantity: toWire(lot.quantity), costBasis: toWire(lot.costBasis) } : null,
      };
    };
    for (const [year, list] of byYear) {
      // Rows numbered box by box (stable within a box): a box, a term (short boxes come before long ones) and a page are
      // contiguous row ranges.
      const sorted = [...list].sort((a, b) => (a.formBox < b.formBox ? -1 : a.formBox > b.formBox ? 1 : 0));
      const ranges: Record<string, [number, number]> = {};
      rangesByYear.set(year, ranges);
      sorted.forEach((d, i) => {
        const range = ranges[d.formBox];
        if (range) range[1] = i + 1;
        else ranges[d.formBox] = [i + 1, i + 1];
      });
      for (let i = 0; i < sorted.length; i += CHUNK_ROWS) {
        const page = sorted.slice(i, i + CHUNK_ROWS).map((d, j) => row(d, i + j + 1));
        const first = i + 1;
        const last = i + page.length;
        const json = JSON.stringify(page);
        const key = `${year}:${first}`;
        const old = storedByKey.get(key);
        if (old && old.last === last && old.hash === createHash('sha256').update(json, 'utf8').digest('hex')) storedByKey.delete(key);
        else changed.push([firmId, clientId, year, first, last, json]);
      }
    }
    const assets = assetSummariesByYear(tax);
    for (const y of tax.years) {
      const summary: StoredYearSummary = { ...yearSummary(y), rowRanges: rangesByYear.get(y.taxYear) ?? {} };
      await m.query(
        `INSERT INTO recon_year (firm_id, client_id, tax_year, method, scope, summary, assets, holdings) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [firmId, clientId, y.taxYear, y.method, y.scope, JSON.stringify(summary), JSON.stringify(assets.get(y.taxYear) ?? []), JSON.stringify(holdingsOf(tax, y.taxYear))],
      );
    }
    const stale = [...storedByKey.values()];
    if (stale.length > 0) {
      await m.query(
        `DELETE FROM recon_form8949_chunk c USING unnest($3::int[], $4::int[]) AS s(y, f) WHERE c.firm_id = $1 AND c.client_id = $2 AND c.tax_year = s.y AND c.first_row = s.f`,
        [firmId, clientId, stale.map((p) => p.year), stale.map((p) => p.first)],
      );
    }
    await bulkInsert(m, 'recon_form8949_chunk', CHUNK_COLUMNS, changed);
    const rowNo = new Map<number, number>();
    const next = (year: number) => {
      const n = (rowNo.get(year) ?? 0) + 1;
      rowNo.set(year, n);
      return n;
    };
    const income: Cell[][] = tax.income.map((i) => [firmId, clientId, i.taxYear, next(i.taxYear), i.eventId, i.date, i.account, i.kind, i.asset, toWire(i.quantity), toWire(i.usdValue), i.priced]);
    await bulkInsert(m, 'recon_income_row', INCOME_COLUMNS, income);
  }
}
