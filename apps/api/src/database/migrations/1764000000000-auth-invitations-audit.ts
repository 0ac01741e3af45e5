import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 3: sign-in (refresh-token families, TOTP 2FA, recovery codes, throttling), firm settings, invitations,
 * consent, per-tax-year client status, and an append-only audit log (a trigger refuses UPDATE/DELETE/TRUNCATE).
 * Every tenant-owned table carries firm_id NOT NULL. `sign_in_throttle` is deliberately not tenant-owned: it is keyed
 * by the typed email and by IP, whether or not an account exists, so that throttling never reveals existence.
 */
export class AuthInvitationsAudit1764000000000 implements MigrationInterface {
  name = 'AuthInvitationsAudit1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE firm
        ADD COLUMN invitation_expiry_days integer NOT NULL DEFAULT 14 CHECK (invitation_expiry_days BETWEEN 1 AND 90),
        ADD COLUMN require_two_factor_for_staff boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN totp_secret_sealed text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint`);
    await q.query(`
      ALTER TABLE client
        ADD COLUMN consent_version text,
        ADD COLUMN consent_given_at timestamptz,
        ADD COLUMN consent_revoked_at timestamptz,
        ADD COLUMN last_activity_at timestamptz`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        replaced_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);
    await q.query(`
      CREATE TABLE recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        UNIQUE (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE sign_in_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('preparer','client')),
        email text NOT NULL,
        display_name text NOT NULL,
        client_id uuid REFERENCES client(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        revoked_at timestamptz,
        CHECK ((kind = 'client') = (client_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX invitation_firm_idx ON invitation (firm_id, created_at DESC)`);
    await q.query(`CREATE INDEX invitation_client_idx ON invitation (client_id)`);
    await q.query(`
      CREATE TABLE client_tax_year (
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        tax_year integer NOT NULL CHECK (tax_year BETWEEN 2000 AND 2100),
        status text NOT NULL CHECK (status IN ('invited','in_progress','client_submitted','in_review','ready','paid','report_generated')),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (client_id, tax_year)
      )`);
    await q.query(`
      ALTER TABLE audit_event
        ADD COLUMN ip text,
        ADD COLUMN user_agent text,
        ADD COLUMN correlation_id text,
        ADD COLUMN before jsonb,
        ADD COLUMN after jsonb`);
    await q.query(`CREATE INDEX audit_event_firm_action_idx ON audit_event (firm_id, action)`);
    // Append-only: no UPDATE/DELETE/TRUNCATE, whatever the code does. (A firm or user is therefore never deleted:
    // users are deactivated.)
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_no_update_delete ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP INDEX audit_event_firm_action_idx`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN ip, DROP COLUMN user_agent, DROP COLUMN correlation_id, DROP COLUMN before, DROP COLUMN after`);
    await q.query(`DROP TABLE client_tax_year, invitation, sign_in_throttle, recovery_code, refresh_token`);
    await q.query(`ALTER TABLE client DROP COLUMN consent_version, DROP COLUMN consent_given_at, DROP COLUMN consent_revoked_at, DROP COLUMN last_activity_at`);
    await q.query(`ALTER TABLE app_user DROP COLUMN totp_secret_sealed, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step`);
    await q.query(`ALTER TABLE firm DROP COLUMN invitation_expiry_days, DROP COLUMN require_two_factor_for_staff`);
  }
}
