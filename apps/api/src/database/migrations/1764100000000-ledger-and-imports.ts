import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, stored source files, import batches and the canonical ledger. Every ledger row links to its source
 * (file + line, or API record id) and carries a fingerprint unique per client, so re-imports and overlapping
 * sources add nothing twice. Quantities and USD values are NUMERIC (no scale limit: up to 18 decimals and more).
 */
export class LedgerAndImports1764100000000 implements MigrationInterface {
  name = 'LedgerAndImports1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('exchange','wallet')),
        exchange text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX account_client_name_uq ON account (client_id, lower(name))`);
    await q.query(`
      CREATE TABLE stored_file (
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes bigint NOT NULL,
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (firm_id, sha256)
      )`);
    await q.query(`
      CREATE TABLE import_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('csv','api')),
        file_sha256 text,
        file_name text,
        format_override text,
        format text,
        confidence numeric(4,3),
        assumed_time_zone text,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        rows_total integer,
        rows_done integer NOT NULL DEFAULT 0,
        events_added integer NOT NULL DEFAULT 0,
        duplicates_skipped integer NOT NULL DEFAULT 0,
        issue_count integer NOT NULL DEFAULT 0,
        issues jsonb NOT NULL DEFAULT '[]'::jsonb,
        error text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        FOREIGN KEY (firm_id, file_sha256) REFERENCES stored_file(firm_id, sha256)
      )`);
    await q.query(`CREATE INDEX import_batch_client_idx ON import_batch (client_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE ledger_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- firm, client and account come from the batch row (checked when the batch was created); one foreign key
        -- per row instead of four keeps million-row imports fast, and deleting a firm/client/account still cascades
        -- through import_batch.
        firm_id uuid NOT NULL,
        client_id uuid NOT NULL,
        account_id uuid NOT NULL,
        batch_id uuid NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        occurred_at timestamptz NOT NULL,
        type text NOT NULL CHECK (type IN ('buy','sell','trade','deposit','withdrawal','transfer','income','spend','gift_in','gift_out','fee','lost')),
        account_name text NOT NULL,
        to_account text,
        sent_asset text,
        sent_amount numeric CHECK (sent_amount > 0),
        received_asset text,
        received_amount numeric CHECK (received_amount > 0),
        fee_asset text,
        fee_amount numeric CHECK (fee_amount >= 0),
        usd_value numeric,
        fee_usd numeric,
        income_kind text,
        external_id text,
        note text,
        source_file_sha256 text,
        source_file_name text,
        source_line integer,
        source_api_ref text,
        CHECK ((source_line IS NOT NULL) OR (source_api_ref IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ledger_event_fingerprint_uq ON ledger_event (client_id, fingerprint)`);
    await q.query(`CREATE INDEX ledger_event_client_time_idx ON ledger_event (client_id, occurred_at)`);
    await q.query(`CREATE INDEX ledger_event_batch_idx ON ledger_event (batch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_event, import_batch, stored_file, account`);
  }
}
