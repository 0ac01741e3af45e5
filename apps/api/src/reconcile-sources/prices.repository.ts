import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PriceFetchIssue, PriceFetchRunView, PriceGranularity, PriceListResponse, PriceQuoteView } from '@lotline/contracts';

export interface NewQuote {
  readonly asset: string;
  /** ISO instant. */
  readonly at: string;
  readonly granularity: PriceGranularity;
  /** Decimal string. */
  readonly priceUsd: string;
  readonly source: string;
}

export interface PriceListFilter {
  readonly asset?: string;
  readonly from?: string;
  readonly to?: string;
  readonly source?: string;
  readonly page: number;
  readonly pageSize: number;
}

/** An (asset, UTC day) pair the client's events need a price for. */
export interface NeededDay {
  readonly asset: string;
  /** YYYY-MM-DD (UTC). */
  readonly day: string;
}

export interface FetchRunRow {
  id: string;
  firm_id: string;
  client_id: string;
  exchange: string;
  status: PriceFetchRunView['status'];
  days_needed: number;
  requests: number;
  quotes_added: number;
  issues: PriceFetchIssue[];
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

interface QuoteRow {
  id: string;
  asset: string;
  at: Date;
  granularity: PriceGranularity;
  price_usd: string;
  source: string;
  created_at: Date;
}

const CHUNK = 5000;

const toRunView = (r: FetchRunRow): PriceFetchRunView => ({
  id: r.id,
  clientId: r.client_id,
  exchange: r.exchange,
  status: r.status,
  daysNeeded: r.days_needed,
  requests: r.requests,
  quotesAdded: r.quotes_added,
  issues: r.issues,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

/**
 * Events of a client that need a price, one row per (event, asset): events without a USD value and without a USD
 * side (sent/received asset), and non-USD fees without a USD value: what the fetch job fills.
 */
export const PRICED_ASSETS_SQL = `
  SELECT upper(x.asset) AS asset, e.occurred_at
    FROM ledger_event e
    CROSS JOIN LATERAL (VALUES
      (CASE WHEN e.usd_value IS NULL AND coalesce(e.sent_asset, '') <> 'USD' AND coalesce(e.received_asset, '') <> 'USD' THEN e.sent_asset END),
      (CASE WHEN e.usd_value IS NULL AND coalesce(e.sent_asset, '') <> 'USD' AND coalesce(e.received_asset, '') <> 'USD' THEN e.received_asset END),
      (CASE WHEN e.fee_usd IS NULL AND e.fee_amount > 0 THEN e.fee_asset END)) AS x(asset)
   WHERE e.firm_id = $1 AND e.client_id = $2 AND x.asset IS NOT NULL AND upper(x.asset) <> 'USD'`;

/** Every non-USD asset of a client's events (sent, received, fee), one row per (event, asset): the price table load. */
export const LEDGER_ASSETS_SQL = `
  SELECT upper(x.asset) AS asset, e.occurred_at
    FROM ledger_event e
    CROSS JOIN LATERAL (VALUES (e.sent_asset), (e.received_asset), (e.fee_asset)) AS x(asset)
   WHERE e.firm_id = $1 AND e.client_id = $2 AND x.asset IS NOT NULL AND upper(x.asset) <> 'USD'`;

/** The firm's price table and the client price fetch runs; every query is scoped by firm (and client). */
@Injectable()
export class PricesRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts quotes (chunks of 5,000, inside the caller's transaction); known ones are skipped. Returns how many were new. */
  async insertQuotes(tx: EntityManager, firmId: string, createdBy: string | null, quotes: readonly NewQuote[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < quotes.length; i += CHUNK) {
      const part = quotes.slice(i, i + CHUNK);
      const runner = tx.queryRunner;
      if (!runner) throw new Error('insertQuotes needs a transaction');
      const result = await runner.query(
        `INSERT INTO price_quote (firm_id, created_by, asset, at, granularity, price_usd, source)
         SELECT $1, $2, * FROM unnest($3::text[], $4::timestamptz[], $5::text[], $6::numeric[], $7::text[])
         ON CONFLICT (firm_id, asset, granularity, at, source) DO NOTHING`,
        [firmId, createdBy, part.map((q) => q.asset), part.map((q) => q.at), part.map((q) => q.granularity), part.map((q) => q.priceUsd), part.map((q) => q.source)],
        true,
      );
      added += result.affected ?? 0;
    }
    return added;
  }

  async list(firmId: string, f: PriceListFilter): Promise<PriceListResponse> {
    const where = ['firm_id = $1'];
    const params: unknown[] = [firmId];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.asset) add('asset = ?', f.asset.toUpperCase());
    if (f.from) add('at >= ?::timestamptz', f.from);
    if (f.to) add('at <= ?::timestamptz', f.to);
    if (f.source) add('source = ?', f.source);
    const [{ total }]: { total: string }[] = await this.ds.query(`SELECT count(*) AS total FROM price_quote WHERE ${where.join(' AND ')}`, params);
    const rows: QuoteRow[] = await this.ds.query(
      `SELECT id, asset, at, granularity, price_usd, source, created_at FROM price_quote WHERE ${where.join(' AND ')}
        ORDER BY asset, at, granularity, source LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    );
    const items: PriceQuoteView[] = rows.map((r) => ({
      id: String(r.id),
      asset: r.asset,
      at: r.at.toISOString(),
      granularity: r.granularity,
      priceUsd: r.price_usd,
      source: r.source,
      createdAt: r.created_at.toISOString(),
    }));
    return { items, total: Number(total), page: f.page, pageSize: f.pageSize };
  }

  /** (asset, UTC day) pairs the client's events need that have no daily quote (from any source) yet. */
  async neededDays(m: EntityManager | DataSource, firmId: string, clientId: string): Promise<NeededDay[]> {
    return m.query(
      `WITH need AS (SELECT DISTINCT asset, date_trunc('day', occurred_at AT TIME ZONE 'UTC') AS day FROM (${PRICED_ASSETS_SQL}) x)
       SELECT n.asset, to_char(n.day, 'YYYY-MM-DD') AS day FROM need n
        WHERE NOT EXISTS (SELECT 1 FROM price_quote p WHERE p.firm_id = $1 AND p.asset = n.asset AND p.granularity = 'day' AND p.at = (n.day AT TIME ZONE 'UTC'))
        ORDER BY n.asset, n.day`,
      [firmId, clientId],
    );
  }

  async createRun(tx: EntityManager, r: { firmId: string; clientId: string; exchange: string; createdBy: string }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO price_fetch_run (firm_id, client_id, exchange, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [r.firmId, r.clientId, r.exchange, r.createdBy],
    );
    return row.id;
  }

  async findRun(firmId: string, clientId: string, id: string): Promise<PriceFetchRunView | undefined> {
    const [row]: FetchRunRow[] = await this.ds.query(`SELECT * FROM price_fetch_run WHERE firm_id = $1 AND client_id = $2 AND id = $3`, [firmId, clientId, id]);
    return row ? toRunView(row) : undefined;
  }

  async loadRun(id: string): Promise<FetchRunRow | undefined> {
    const [row]: FetchRunRow[] = await this.ds.query(`SELECT * FROM price_fetch_run WHERE id = $1`, [id]);
    return row;
  }

  async markRunning(id: string, daysNeeded: number): Promise<void> {
    await this.ds.query(`UPDATE price_fetch_run SET status = 'running', started_at = now(), days_needed = $2 WHERE id = $1`, [id, daysNeeded]);
  }

  async finishRun(id: string, r: { status: 'succeeded' | 'failed'; requests: number; quotesAdded: number; issues: PriceFetchIssue[]; error: string | null }): Promise<void> {
    await this.ds.query(
      `UPDATE price_fetch_run SET status = $2, finished_at = now(), requests = $3, quotes_added = $4, issues = $5::jsonb, error = $6 WHERE id = $1`,
      [id, r.status, r.requests, r.quotesAdded, JSON.stringify(r.issues.slice(0, 1000)), r.error],
    );
  }
}
