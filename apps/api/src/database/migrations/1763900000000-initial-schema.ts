import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy backbone: firms, their users (staff and client logins), clients, preparer assignments and the audit log.
 * Every tenant-owned table carries firm_id. Money is NUMERIC, never float.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE firm (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        default_method text NOT NULL DEFAULT 'fifo' CHECK (default_method IN ('fifo','lifo','hifo','specific_id')),
        report_price_usd numeric(12,2) NOT NULL DEFAULT 0 CHECK (report_price_usd >= 0),
        payer text NOT NULL DEFAULT 'client' CHECK (payer IN ('client','firm')),
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('firm_admin','preparer','client')),
        password_hash text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_uq ON app_user (lower(email))`);
    await q.query(`CREATE INDEX app_user_firm_idx ON app_user (firm_id)`);
    await q.query(`
      CREATE TABLE client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        email text,
        user_id uuid UNIQUE REFERENCES app_user(id) ON DELETE SET NULL,
        time_zone text NOT NULL DEFAULT 'America/New_York',
        default_method text CHECK (default_method IN ('fifo','lifo','hifo','specific_id')),
        report_price_override_usd numeric(12,2) CHECK (report_price_override_usd >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_firm_idx ON client (firm_id)`);
    await q.query(`
      CREATE TABLE client_preparer (
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        PRIMARY KEY (client_id, user_id)
      )`);
    await q.query(`CREATE INDEX client_preparer_user_idx ON client_preparer (user_id)`);
    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        actor_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_event_firm_at_idx ON audit_event (firm_id, at DESC)`);
    await q.query(`
      CREATE TABLE job_effect (
        job_key text PRIMARY KEY,
        done_at timestamptz NOT NULL DEFAULT now(),
        result jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_effect, audit_event, client_preparer, client, app_user, firm`);
  }
}
