import type { EntityManager } from 'typeorm';
import { toWire } from '@lotline/ledger';
import type { Warning } from '@lotline/reconciliation';
import type { Form8949RowView } from '@lotline/contracts';
import type { DisposalRow, IncomeRow, LotRecord, TaxResult } from '@lotline/tax-engine';
import { bulkInsert, copyLine, type CopyCell } from '../common/copy';
import { rows } from '../common/sql';
import { Fingerprint } from './fingerprint';
import { writeChunked, type ChunkedTable, type OutputChunk } from './output-chunks';
import { assetSummariesByYear, holdingsOf, suggestionsByWarning, warningKey, yearSummary, type PipelineOutput, type YearSummary } from './recon-pipeline';

/** firm, client, tax year, first row, last row, the page's rows as JSON text, the rows' fingerprint. */
type ChunkRow = [string, string, number, number, number, string, string];
/** A stored 8949 page: tax year, row range and the fingerprint of its rows (null: written before fingerprints). */
export interface StoredPage { readonly year: number; readonly first: number; readonly last: number; readonly fingerprint: string | null }

const WARNING_COLUMNS = [
  ['firm_id', 'uuid'], ['client_id', 'uuid'], ['id', 'text'], ['key', 'text'], ['kind', 'text'], ['severity', 'text'], ['blocking', 'boolean'],
  ['status', 'text'], ['resolved_by', 'text'], ['account', 'text'], ['asset', 'text'], ['at', 'timestamptz'], ['event_ids', 'text[]'],
  ['message', 'text'], ['actions', 'text[]'], ['code', 'text'], ['suggestions', 'jsonb'],
] as const;

const CHUNK_COLUMNS = [
  ['firm_id', 'uuid'], ['client_id', 'uuid'], ['tax_year', 'int'], ['first_row', 'int'], ['last_row', 'int'], ['rows', 'json'], ['fingerprint', 'text'],
] as const;

/** Rows of Form 8949 per stored page (one json value each), and income rows per stored chunk. */
export const CHUNK_ROWS = 1000;

/** Income rows, stored row by row in chunks of CHUNK_ROWS row numbers per tax year (key "year:n"). */
const INCOME_TABLE: ChunkedTable = {
  part: 'income',
  table: 'recon_income_row',
  columns: ['firm_id', 'client_id', 'tax_year', 'row_no', 'event_id', 'date', 'account', 'kind', 'asset', 'quantity', 'usd_value', 'priced'],
  async deleteChunks(m, firmId, clientId, keys) {
    const [years, chunks] = [keys.map((k) => Number(k.split(':')[0])), keys.map((k) => Number(k.split(':')[1]))];
    await m.query(
      `DELETE FROM recon_income_row r USING unnest($3::int[], $4::int[]) AS s(y, n)
        WHERE r.firm_id = $1 AND r.client_id = $2 AND r.tax_year = s.y AND r.row_no > s.n * ${CHUNK_ROWS} AND r.row_no <= (s.n + 1) * ${CHUNK_ROWS}`,
      [firmId, clientId, years, chunks],
    );
  },
};

/** One stored 8949 row: the wire view plus what the row detail needs (its lot and the events behind it). */
export interface StoredForm8949Row extends Form8949RowView {
  /** Basis computed by the engine (costBasis is the form's column (e), the broker's when code B applies). */
  readonly engineCostBasis: string;
  readonly lotSourceEventIds: readonly string[];
  readonly lot: { readonly id: string; readonly account: string; readonly dateAcquired: string; readonly quantity: string; readonly costBasis: string } | null;
}

/** A lot as stored in a page: id, account, date acquired, quantity, cost basis. */
type LotTuple = [string, string, string, string, string];
/**
 * A row as stored in a page (positional, about half the JSON of an object with keys): rowNo, eventId, leg, account,
 * asset, quantity, description, dateAcquired, dateSold, proceeds, costBasis, engineCostBasis, adjustmentCode,
 * adjustment, gain, term, box, lotId, missingBasis, lotSourceEventIds, lot.
 */
export type RowTuple = [
  number, string, StoredForm8949Row['leg'], string, string, string, string, string | null, string, string, string, string, 'B' | null,
  string, string, StoredForm8949Row['term'], StoredForm8949Row['box'], string | null, boolean, readonly string[], LotTuple | null,
];

/** A stored 8949 row back from its page: positional (current) or an object (pages written before tuples). */
export function storedRow(raw: unknown): StoredForm8949Row {
  if (!Array.isArray(raw)) return raw as StoredForm8949Row;
  const [rowNo, eventId, leg, account, asset, quantity, description, dateAcquired, dateSold, proceeds, costBasis, engineCostBasis, adjustmentCode, adjustment, gain, term, box, lotId, missingBasis, lotSourceEventIds, lot] = raw as RowTuple;
  return {
    rowNo, eventId, leg, account, asset, quantity, description, dateAcquired, dateSold, proceeds, costBasis, engineCostBasis, adjustmentCode, adjustment, gain, term, box, lotId,
    missingBasis, lotSourceEventIds,
    lot: lot ? { id: lot[0], account: lot[1], dateAcquired: lot[2], quantity: lot[3], costBasis: lot[4] } : null,
  };
}

/** Year summary as stored: totals plus the row-number range of each box (rows are numbered box by box). */
export type StoredYearSummary = YearSummary & { readonly rowRanges: Readonly<Record<string, readonly [number, number]>> };

/** Seconds per step of storing, filled in as the steps finish (logged with the computation). */
export class Laps {
  readonly seconds: Record<string, number> = {};
  private last = performance.now();

  lap(step: string): void {
    const now = performance.now();
    this.seconds[step] = Math.round(now - this.last) / 1000;
    this.last = now;
  }
}

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
   * Row range and fingerprint of every stored 8949 page of the client (written with the page, so a page and its
   * fingerprint never disagree). Send it before running the pipeline and hand the promise to `replace`.
   */
  storedPages(m: EntityManager, firmId: string, clientId: string): Promise<StoredPage[]> {
    const pages = rows<StoredPage>(
      m,
      `SELECT tax_year AS year, first_row AS first, last_row AS last, fingerprint FROM recon_form8949_chunk WHERE firm_id = $1 AND client_id = $2`,
      [firmId, clientId],
    );
    pages.catch(() => undefined); // awaited (and its error thrown) in replace
    return pages;
  }

  async replace(m: EntityManager, firmId: string, clientId: string, out: PipelineOutput, meta: ComputationMeta, storedPages: Promise<StoredPage[]>, laps = new Laps()): Promise<void> {
    // Awaited first: no other query is sent while it runs (pg queues them, but overlapping calls are deprecated).
    const pages = await storedPages;
    // 8949 pages and income rows are replaced chunk by chunk in insertYears (unchanged chunks stay).
    for (const table of ['recon_warning', 'recon_year']) {
      await m.query(`DELETE FROM ${table} WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
    }
    await this.insertWarnings(m, firmId, clientId, out);
    laps.lap('warnings');
    await this.insertYears(m, firmId, clientId, out.tax, pages, laps);
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
    const data: CopyCell[][] = [];
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
   * Per-year summaries, the 8949 pages and the income rows. Only 8949 pages whose content changed are written: a stored
   * page is kept when its year, row range and fingerprint (fingerprint.ts, of the engine's row values; stored with the
   * page) equal the new page's; every other stored page is deleted and the changed or new pages are turned into JSON
   * and copied in. After one resolution most pages are the same, and neither formatting nor sending them saves
   * ~350 bytes of JSON per row (a 1M-row client: ~5 s). Income rows go through writeChunked (chunks of CHUNK_ROWS row
   * numbers per year).
   */
  private async insertYears(m: EntityManager, firmId: string, clientId: string, tax: TaxResult, stored: readonly StoredPage[], laps: Laps): Promise<void> {
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
        const last = Math.min(i + CHUNK_ROWS, sorted.length);
        const fp = new Fingerprint().int(PAGE_FORMAT).int(i + 1).int(last);
        for (let j = i; j < last; j++) fingerprintRow(fp, sorted[j], lots);
        const fingerprint = fp.digest();
        const key = `${year}:${i + 1}`;
        const old = storedByKey.get(key);
        if (old && old.last === last && old.fingerprint === fingerprint) {
          storedByKey.delete(key);
          continue;
        }
        const page: RowTuple[] = [];
        for (let j = i; j < last; j++) page.push(rowTuple(sorted[j], j + 1, lots));
        changed.push([firmId, clientId, year, i + 1, last, JSON.stringify(page), fingerprint]);
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
    laps.lap('years');
    await bulkInsert(m, 'recon_form8949_chunk', CHUNK_COLUMNS, changed);
    laps.lap('pagesWritten');
    await writeChunked(m, firmId, clientId, INCOME_TABLE, incomeChunks(firmId, clientId, tax));
    laps.lap('income');
  }
}

/** A row as stored in a page (see RowTuple). */
export function rowTuple(d: DisposalRow, rowNo: number, lots: ReadonlyMap<string, LotRecord>): RowTuple {
  const lot = d.lotId === null ? undefined : lots.get(d.lotId);
  const costBasis = toWire(d.formCostBasis);
  return [
    rowNo, d.eventId, d.leg, d.account, d.asset, toWire(d.quantity), d.description, d.dateAcquired, d.dateSold, toWire(d.proceeds), costBasis,
    d.costBasis === d.formCostBasis ? costBasis : toWire(d.costBasis), d.adjustmentCode, d.adjustmentAmount.isZero() ? '0' : toWire(d.adjustmentAmount),
    toWire(d.gain), d.term, d.formBox, d.lotId, d.missingBasis, d.lotSourceEventIds,
    lot ? [lot.id, lot.account, lot.dateAcquired, toWire(lot.quantity), toWire(lot.costBasis)] : null,
  ];
}

/**
 * Every value a stored row carries (the row tuple and its lot), in a fixed order: two rows with the same fingerprint
 * input store the same JSON. Keep in step with the tuple built in insertYears (a spec changes each field in turn).
 */
export function fingerprintRow(fp: Fingerprint, d: DisposalRow, lots: ReadonlyMap<string, LotRecord>): void {
  fp.str(d.eventId).str(d.leg).str(d.account).str(d.asset).dec(d.quantity).str(d.description).str(d.dateAcquired).str(d.dateSold)
    .dec(d.proceeds).dec(d.formCostBasis).dec(d.costBasis).str(d.adjustmentCode).dec(d.adjustmentAmount).dec(d.gain).str(d.term).str(d.formBox)
    .str(d.lotId).bool(d.missingBasis).strs(d.lotSourceEventIds);
  const lot = d.lotId === null ? undefined : lots.get(d.lotId);
  if (lot) fp.bool(true).str(lot.id).str(lot.account).str(lot.dateAcquired).dec(lot.quantity).dec(lot.costBasis);
  else fp.bool(false);
}

/** Bumped when the stored page format changes (every page then counts as changed once). */
const PAGE_FORMAT = 2;

/** The income rows, numbered per tax year, in chunks of CHUNK_ROWS row numbers ("year:n"), fingerprinted. */
function* incomeChunks(firmId: string, clientId: string, tax: TaxResult): Generator<OutputChunk> {
  const byYear = new Map<number, IncomeRow[][]>();
  for (const i of tax.income) {
    let chunks = byYear.get(i.taxYear);
    if (!chunks) byYear.set(i.taxYear, (chunks = []));
    let last = chunks[chunks.length - 1];
    if (!last || last.length === CHUNK_ROWS) chunks.push((last = []));
    last.push(i);
  }
  for (const [year, chunks] of byYear) {
    for (let n = 0; n < chunks.length; n++) {
      const list = chunks[n];
      const fp = new Fingerprint().int(n);
      for (const i of list) fp.str(i.eventId).str(i.date).str(i.account).str(i.kind).str(i.asset).dec(i.quantity).dec(i.usdValue).bool(i.priced);
      yield {
        key: `${year}:${n}`,
        fingerprint: fp.digest(),
        *lines() {
          let rowNo = n * CHUNK_ROWS;
          for (const i of list) yield copyLine([firmId, clientId, year, ++rowNo, i.eventId, i.date, i.account, i.kind, i.asset, toWire(i.quantity), toWire(i.usdValue), i.priced]);
        },
      };
    }
  }
}
