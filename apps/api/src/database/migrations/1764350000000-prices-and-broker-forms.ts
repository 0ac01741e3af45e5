import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation inputs besides the ledger:
 * - price_quote: the firm's USD price table (CSV imports, ccxt OHLCV candles cached by the prices.fetch job, manual
 *   entries), one row per (asset, granularity, instant, source); prices are NUMERIC.
 * - price_fetch_run: one prices.fetch job of a client (what it needed, what it stored, per-asset problems).
 * - form_1099_da_line: 1099-DA lines stored by the CSV import path (boxes 1a-1g, 2, 6, 9, 12a/12b), linked to their
 *   batch, file and line, unique per client by the importer's fingerprint so a re-upload adds nothing.
 * - import_batch.form_lines_added: how many 1099-DA lines a batch stored.
 */
export class PricesAndBrokerForms1764350000000 implements MigrationInterface {
  name = 'PricesAndBrokerForms1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE price_quote (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        asset text NOT NULL CHECK (asset ~ '^[A-Z0-9][A-Z0-9._-]{0,31}$'),
        at timestamptz NOT NULL,
        granularity text NOT NULL CHECK (granularity IN ('day','hour','minute')),
        price_usd numeric NOT NULL CHECK (price_usd > 0),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (firm_id, asset, granularity, at, source)
      )`);
    await q.query(`CREATE INDEX price_quote_lookup_idx ON price_quote (firm_id, asset, at)`);
    await q.query(`
      CREATE TABLE price_fetch_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        exchange text NOT NULL CHECK (exchange ~ '^[a-z0-9]{2,32}$'),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        days_needed integer NOT NULL DEFAULT 0,
        requests integer NOT NULL DEFAULT 0,
        quotes_added integer NOT NULL DEFAULT 0,
        issues jsonb NOT NULL DEFAULT '[]'::jsonb,
        error text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX price_fetch_run_client_idx ON price_fetch_run (client_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE form_1099_da_line (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        firm_id uuid NOT NULL,
        client_id uuid NOT NULL,
        batch_id uuid NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        file_sha256 text NOT NULL,
        file_name text NOT NULL,
        line integer NOT NULL,
        broker_name text NOT NULL,
        asset_code text,
        asset_name text NOT NULL,
        units numeric NOT NULL,
        date_acquired text CHECK (date_acquired ~ '^(\\d{4}-\\d{2}-\\d{2}|VARIOUS)$'),
        date_disposed date NOT NULL,
        proceeds numeric NOT NULL,
        cost_basis numeric,
        basis_reported_to_irs boolean NOT NULL,
        term text CHECK (term IN ('short','long','ordinary')),
        noncovered boolean NOT NULL,
        units_transferred_in numeric,
        transfer_in_date date
      )`);
    await q.query(`CREATE UNIQUE INDEX form_1099_da_line_fingerprint_uq ON form_1099_da_line (client_id, fingerprint)`);
    await q.query(`CREATE INDEX form_1099_da_line_firm_client_idx ON form_1099_da_line (firm_id, client_id, date_disposed)`);
    await q.query(`ALTER TABLE import_batch ADD COLUMN form_lines_added integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_batch DROP COLUMN form_lines_added`);
    await q.query(`DROP TABLE form_1099_da_line, price_fetch_run, price_quote`);
  }
}
