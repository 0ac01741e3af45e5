import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { toWire } from '@lotline/ledger';
import type { Warning } from '@lotline/reconciliation';
import type { TaxResult } from '@lotline/tax-engine';
import { rows } from '../common/sql';
import { assetSummaries, holdingsOf, suggestionsByWarning, warningKey, yearSummary, type PipelineOutput } from './recon-pipeline';

type Cell = string | number | boolean | null;

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

const ROW_COLUMNS = [
  ['firm_id', 'uuid'], ['client_id', 'uuid'], ['tax_year', 'int'], ['row_no', 'int'], ['event_id', 'text'], ['leg', 'text'], ['account', 'text'],
  ['asset', 'text'], ['quantity', 'numeric'], ['description', 'text'], ['date_acquired', 'text'], ['date_sold', 'text'], ['proceeds', 'numeric'],
  ['cost_basis', 'numeric'], ['form_cost_basis', 'numeric'], ['adjustment_code', 'text'], ['adjustment', 'numeric'], ['gain', 'numeric'],
  ['term', 'text'], ['box', 'text'], ['lot_id', 'text'], ['lot_source_event_ids', 'text[]'], ['missing_basis', 'boolean'],
] as const;

const INCOME_COLUMNS = [
  ['firm_id', 'uuid'], ['client_id', 'uuid'], ['tax_year', 'int'], ['row_no', 'int'], ['event_id', 'text'], ['date', 'text'], ['account', 'text'],
  ['kind', 'text'], ['asset', 'text'], ['quantity', 'numeric'], ['usd_value', 'numeric'], ['priced', 'boolean'],
] as const;

const LOT_COLUMNS = [
  ['firm_id', 'uuid'], ['client_id', 'uuid'], ['lot_id', 'text'], ['account', 'text'], ['asset', 'text'], ['quantity', 'numeric'], ['cost_basis', 'numeric'], ['date_acquired', 'text'],
] as const;

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
  async replace(m: EntityManager, firmId: string, clientId: string, out: PipelineOutput, meta: ComputationMeta): Promise<void> {
    for (const table of ['recon_warning', 'recon_year', 'recon_form8949_row', 'recon_income_row', 'recon_lot']) {
      await m.query(`DELETE FROM ${table} WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
    }
    await this.insertWarnings(m, firmId, clientId, out);
    await this.insertYears(m, firmId, clientId, out.tax);
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

  private async insertYears(m: EntityManager, firmId: string, clientId: string, tax: TaxResult): Promise<void> {
    for (const y of tax.years) {
      const summary = yearSummary(y);
      await m.query(
        `INSERT INTO recon_year (firm_id, client_id, tax_year, method, scope, summary, assets, holdings) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [firmId, clientId, y.taxYear, y.method, y.scope, JSON.stringify(summary), JSON.stringify(assetSummaries(tax, y.taxYear)), JSON.stringify(holdingsOf(tax, y.taxYear))],
      );
    }
    const rowNo = new Map<number, number>();
    const next = (year: number) => {
      const n = (rowNo.get(year) ?? 0) + 1;
      rowNo.set(year, n);
      return n;
    };
    const lotIds = new Set<string>();
    const disposals: (Cell | readonly string[])[][] = tax.disposals.map((d) => {
      if (d.lotId !== null) lotIds.add(d.lotId);
      return [
        firmId, clientId, d.taxYear, next(d.taxYear), d.eventId, d.leg, d.account, d.asset, toWire(d.quantity), d.description, d.dateAcquired, d.dateSold,
        toWire(d.proceeds), toWire(d.costBasis), toWire(d.formCostBasis), d.adjustmentCode, toWire(d.adjustmentAmount), toWire(d.gain), d.term, d.formBox,
        d.lotId, d.lotSourceEventIds, d.missingBasis,
      ];
    });
    await bulkInsert(m, 'recon_form8949_row', ROW_COLUMNS, disposals);
    rowNo.clear();
    const income: Cell[][] = tax.income.map((i) => [firmId, clientId, i.taxYear, next(i.taxYear), i.eventId, i.date, i.account, i.kind, i.asset, toWire(i.quantity), toWire(i.usdValue), i.priced]);
    await bulkInsert(m, 'recon_income_row', INCOME_COLUMNS, income);
    const lots: Cell[][] = tax.lots.filter((l) => lotIds.delete(l.id)).map((l) => [firmId, clientId, l.id, l.account, l.asset, toWire(l.quantity), toWire(l.costBasis), l.dateAcquired]);
    await bulkInsert(m, 'recon_lot', LOT_COLUMNS, lots);
  }
}
