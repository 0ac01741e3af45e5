import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation (issue 6).
 * - `resolution`: append-only adjustment records (an undo is a new row naming the undone one; rows are never updated,
 *   and only deleted through the client's cascade). `payload` is the domain wire format (resolutionToJson).
 * - `recon_state`: one row per client: recompute queue state (requested/computed sequence numbers coalesce a burst of
 *   changes into one run), last computation time, inputs hash and engine version.
 * - `recon_warning`: the latest computation's warnings, a queryable table (the firm-wide queue is an indexed read).
 * - `recon_year`, `recon_form8949_chunk`, `recon_income_row`: per (client, tax year) results for the chosen method, so
 *   the preview is a plain read. Amounts NUMERIC (income rows) or decimal strings in jsonb (summaries, 8949 pages).
 * - `tax_year_method`: the cost-basis method chosen per (client, tax year), with who and when.
 */
export class Reconciliation1764300000000 implements MigrationInterface {
  name = 'Reconciliation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resolution (
        id uuid PRIMARY KEY,
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        warning_ids text[] NOT NULL,
        action text NOT NULL,
        payload jsonb NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        evidence_note text CHECK (length(evidence_note) <= 4000),
        by_client boolean NOT NULL DEFAULT false,
        batch_id text,
        undoes uuid REFERENCES resolution(id),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        CHECK ((action = 'undo') = (undoes IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX resolution_client_idx ON resolution (client_id, created_at, id)`);
    await q.query(`CREATE INDEX resolution_undoes_idx ON resolution (undoes) WHERE undoes IS NOT NULL`);
    // Append-only: no UPDATE and no direct DELETE (deleting the firm or client still cascades: trigger depth > 1).
    await q.query(`
      CREATE FUNCTION resolution_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'resolution is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER resolution_no_update_delete BEFORE UPDATE OR DELETE ON resolution FOR EACH ROW EXECUTE FUNCTION resolution_append_only()`);

    await q.query(`
      CREATE TABLE recon_state (
        client_id uuid PRIMARY KEY REFERENCES client(id) ON DELETE CASCADE,
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        state text NOT NULL CHECK (state IN ('never','queued','running','done','failed')),
        requested_seq bigint NOT NULL DEFAULT 0,
        computed_seq bigint NOT NULL DEFAULT 0,
        requested_at timestamptz,
        started_at timestamptz,
        computed_at timestamptz,
        last_error text,
        inputs_hash text,
        event_count integer,
        engine_version text,
        open_warnings integer NOT NULL DEFAULT 0,
        open_blocking integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX recon_state_firm_idx ON recon_state (firm_id)`);

    await q.query(`
      CREATE TABLE recon_warning (
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        id text NOT NULL,
        key text NOT NULL,
        kind text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('high','medium','low')),
        blocking boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('open','resolved')),
        resolved_by text,
        account text,
        asset text,
        at timestamptz,
        event_ids text[] NOT NULL,
        message text NOT NULL,
        actions text[] NOT NULL,
        code text,
        suggestions jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (client_id, key)
      )`);
    await q.query(`CREATE INDEX recon_warning_queue_idx ON recon_warning (firm_id, status, kind, blocking)`);
    await q.query(`CREATE INDEX recon_warning_client_idx ON recon_warning (client_id, status, at)`);

    await q.query(`
      CREATE TABLE recon_year (
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        tax_year integer NOT NULL,
        method text NOT NULL,
        scope text NOT NULL,
        summary jsonb NOT NULL,
        assets jsonb NOT NULL,
        holdings jsonb NOT NULL,
        PRIMARY KEY (client_id, tax_year)
      )`);
    // 8949 rows in pages of up to 1,000 (JSON, decimal strings), rows numbered box by box: a page, a box, a term or one
    // row is one indexed range read, and storing 100k rows is ~100 rows of COPY instead of 100k.
    await q.query(`
      CREATE TABLE recon_form8949_chunk (
        firm_id uuid NOT NULL,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        tax_year integer NOT NULL,
        first_row integer NOT NULL,
        last_row integer NOT NULL,
        rows json NOT NULL,
        PRIMARY KEY (client_id, tax_year, first_row)
      )`);
    // Pages are rewritten on every computation and only read whole: plain json, stored uncompressed (writes dominate).
    await q.query(`ALTER TABLE recon_form8949_chunk ALTER COLUMN rows SET STORAGE EXTERNAL`);
    await q.query(`
      CREATE TABLE recon_income_row (
        firm_id uuid NOT NULL,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        tax_year integer NOT NULL,
        row_no integer NOT NULL,
        event_id text NOT NULL,
        date text NOT NULL,
        account text NOT NULL,
        kind text NOT NULL,
        asset text NOT NULL,
        quantity numeric NOT NULL,
        usd_value numeric NOT NULL,
        priced boolean NOT NULL,
        PRIMARY KEY (client_id, tax_year, row_no)
      )`);
    await q.query(`
      CREATE TABLE tax_year_method (
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        tax_year integer NOT NULL CHECK (tax_year BETWEEN 2000 AND 2100),
        method text NOT NULL CHECK (method IN ('fifo','lifo','hifo','specific_id')),
        chosen_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        chosen_at timestamptz NOT NULL,
        PRIMARY KEY (client_id, tax_year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tax_year_method, recon_income_row, recon_form8949_chunk, recon_year, recon_warning, recon_state`);
    await q.query(`DROP TRIGGER resolution_no_update_delete ON resolution`);
    await q.query(`DROP TABLE resolution`);
    await q.query(`DROP FUNCTION resolution_append_only()`);
  }
}
