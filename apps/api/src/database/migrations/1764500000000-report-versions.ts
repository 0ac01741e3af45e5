import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Final report sets (issue 7). A report_version is one generation for (client, tax year), numbered 1, 2, ... It is
 * written when queued (with the inputs hash, engine version, method and settings it must be made from) and afterwards
 * only its status (running, succeeded with finished_at, failed with error) and its superseded mark change; a trigger
 * refuses anything else. report_file rows are insert-only (a trigger refuses UPDATE/DELETE) and point at
 * content-addressed bytes in the file store, so a file is never overwritten. At most one generation per (client, year)
 * is queued or running at a time.
 */
export class ReportVersions1764500000000 implements MigrationInterface {
  name = 'ReportVersions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        tax_year integer NOT NULL CHECK (tax_year BETWEEN 2000 AND 2100),
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        inputs_hash text NOT NULL CHECK (inputs_hash ~ '^[0-9a-f]{64}$'),
        engine_version text NOT NULL,
        method text NOT NULL,
        settings jsonb NOT NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        superseded_at timestamptz,
        superseded_by uuid REFERENCES report_version(id),
        error text,
        UNIQUE (client_id, tax_year, version),
        CHECK ((status = 'failed') = (error IS NOT NULL)),
        CHECK ((status IN ('succeeded','failed')) = (finished_at IS NOT NULL)),
        CHECK (superseded_at IS NULL OR status = 'succeeded'),
        CHECK ((superseded_at IS NULL) = (superseded_by IS NULL))
      )`);
    await q.query(`CREATE INDEX report_version_client_idx ON report_version (firm_id, client_id, tax_year, version DESC)`);
    await q.query(`CREATE UNIQUE INDEX report_version_one_active_uq ON report_version (client_id, tax_year) WHERE status IN ('queued','running')`);
    await q.query(`
      CREATE TABLE report_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES report_version(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('form8949_pdf','schedule_d_pdf','income_pdf','audit_trail_pdf','audit_trail_csv',
          'lot_allocation','capital_gains_csv','turbotax_csv','taxact_csv','income_csv','holdings_csv')),
        file_name text NOT NULL CHECK (file_name ~ '^[A-Za-z0-9._-]{1,200}$'),
        content_type text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (version_id, kind),
        UNIQUE (version_id, file_name)
      )`);
    await q.query(`
      CREATE FUNCTION report_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'report_version rows are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (NEW.id, NEW.firm_id, NEW.client_id, NEW.tax_year, NEW.version, NEW.inputs_hash, NEW.engine_version, NEW.method,
            NEW.settings, NEW.created_by, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.firm_id, OLD.client_id, OLD.tax_year, OLD.version, OLD.inputs_hash, OLD.engine_version, OLD.method,
            OLD.settings, OLD.created_by, OLD.created_at) THEN
          RAISE EXCEPTION 'report_version: only status and superseded may change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status IN ('succeeded','failed') AND NEW.status IS DISTINCT FROM OLD.status THEN
          RAISE EXCEPTION 'report_version: a finished version keeps its status' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.superseded_at IS NOT NULL AND (NEW.superseded_at, NEW.superseded_by) IS DISTINCT FROM (OLD.superseded_at, OLD.superseded_by) THEN
          RAISE EXCEPTION 'report_version: superseded once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER report_version_guard BEFORE UPDATE OR DELETE ON report_version FOR EACH ROW EXECUTE FUNCTION report_version_guard()`);
    await q.query(`
      CREATE FUNCTION report_file_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'report_file is insert-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER report_file_insert_only BEFORE UPDATE OR DELETE ON report_file FOR EACH ROW EXECUTE FUNCTION report_file_insert_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_file`);
    await q.query(`DROP FUNCTION report_file_insert_only()`);
    await q.query(`DROP TABLE report_version`);
    await q.query(`DROP FUNCTION report_version_guard()`);
  }
}
