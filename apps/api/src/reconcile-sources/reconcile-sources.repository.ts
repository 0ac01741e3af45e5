import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { dec } from '@lotline/ledger';
import type { Form1099DaLine } from '@lotline/importers';
import type { PriceQuote, ReportedBalance } from '@lotline/reconciliation';
import { loadForm1099DaLines } from './form-1099-da.repository';
import { LEDGER_ASSETS_SQL } from './prices.repository';

/** What reconciliation reads besides the ledger: USD price quotes, exchange-reported balances and 1099-DA lines. */
export interface ReconcileSources {
  readonly priceTable: PriceQuote[];
  readonly reportedBalances: ReportedBalance[];
  readonly form1099Da: Form1099DaLine[];
}

/** Quotes this long before an asset's first priced event are loaded too (covers a quote-age setting up to 7 days). */
export const PRICE_LOOKBACK_DAYS = 7;

interface QuoteRow {
  asset: string;
  at: Date;
  price_usd: string;
  source: string;
}

interface BalanceRow {
  account_id: string;
  account_name: string;
  exchange: string | null;
  batch_id: string;
  finished_at: Date;
  balances: Record<string, string>;
}

/**
 * Reconciliation inputs of one client (see `load`); every query is scoped by firm and client and runs on the given
 * EntityManager, so a caller's transaction sees one consistent snapshot.
 */
@Injectable()
export class ReconcileSourcesRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * - priceTable: the firm's quotes (every source and granularity) for every non-USD asset of the client's events
   *   (sent, received or fee; priced events too, for outlier checks), from PRICE_LOOKBACK_DAYS before that asset's
   *   first event to its last one; ordered by asset, instant, source. `source` is the stored source text
   *   (`ccxt:<exchange>`, `csv:<file name>`, or the CSV's own source column).
   * - reportedBalances: per exchange account, the balances of its latest succeeded API sync (`account` = the account
   *   name, as on its ledger events; `at` = when that sync finished; `source` = `<exchange> sync <batch id>`). The
   *   exchange lists non-zero balances only, so every other non-USD asset of that account's events is reported as 0.
   * - form1099Da: every stored 1099-DA line of the client, by date disposed, file, line.
   */
  async load(m: EntityManager, firmId: string, clientId: string): Promise<ReconcileSources> {
    const [priceTable, reportedBalances, form1099Da] = [await this.priceTable(m, firmId, clientId), await this.reportedBalances(m, firmId, clientId), await loadForm1099DaLines(m, firmId, clientId)];
    return { priceTable, reportedBalances, form1099Da };
  }

  /** `load` outside any transaction (the data source's own manager). */
  loadNow(firmId: string, clientId: string): Promise<ReconcileSources> {
    return this.load(this.ds.manager, firmId, clientId);
  }

  private async priceTable(m: EntityManager, firmId: string, clientId: string): Promise<PriceQuote[]> {
    const rows: QuoteRow[] = await m.query(
      `WITH need AS (SELECT asset, min(occurred_at) AS lo, max(occurred_at) AS hi FROM (${LEDGER_ASSETS_SQL}) x GROUP BY asset)
       SELECT p.asset, p.at, p.price_usd, p.source FROM need n
         JOIN price_quote p ON p.firm_id = $1 AND p.asset = n.asset AND p.at >= n.lo - make_interval(days => ${PRICE_LOOKBACK_DAYS}) AND p.at <= n.hi
        ORDER BY p.asset, p.at, p.source`,
      [firmId, clientId],
    );
    return rows.map((r) => ({ asset: r.asset, at: r.at.toISOString(), usd: dec(r.price_usd), source: r.source }));
  }

  private async reportedBalances(m: EntityManager, firmId: string, clientId: string): Promise<ReportedBalance[]> {
    const rows: BalanceRow[] = await m.query(
      `SELECT DISTINCT ON (b.account_id) b.account_id, a.name AS account_name, c.exchange, b.id AS batch_id, b.finished_at, b.balances
         FROM import_batch b JOIN account a ON a.id = b.account_id LEFT JOIN exchange_credential c ON c.id = b.exchange_credential_id
        WHERE b.firm_id = $1 AND b.client_id = $2 AND b.source = 'api' AND b.status = 'succeeded' AND b.balances IS NOT NULL AND b.finished_at IS NOT NULL
        ORDER BY b.account_id, b.finished_at DESC, b.created_at DESC`,
      [firmId, clientId],
    );
    if (rows.length === 0) return [];
    // Assets of each synced account's own events that the exchange did not list: it holds none of them.
    const held: { account_id: string; asset: string }[] = await m.query(
      `SELECT DISTINCT e.account_id, upper(x.asset) AS asset
         FROM ledger_event e CROSS JOIN LATERAL (VALUES (e.sent_asset), (e.received_asset), (e.fee_asset)) AS x(asset)
        WHERE e.firm_id = $1 AND e.client_id = $2 AND e.account_id = ANY($3::uuid[]) AND x.asset IS NOT NULL AND upper(x.asset) <> 'USD'`,
      [firmId, clientId, rows.map((r) => r.account_id)],
    );
    return rows
      .sort((x, y) => (x.account_name < y.account_name ? -1 : x.account_name > y.account_name ? 1 : 0))
      .flatMap((r) => {
        const listed = new Set(Object.keys(r.balances));
        const unlisted = held.filter((h) => h.account_id === r.account_id && !listed.has(h.asset)).map((h) => h.asset);
        return [...listed, ...unlisted].sort().map((asset) => ({
          account: r.account_name,
          asset,
          at: r.finished_at.toISOString(),
          quantity: dec(r.balances[asset] ?? '0'),
          source: `${r.exchange ?? 'exchange'} sync ${r.batch_id}`,
        }));
      });
  }
}
