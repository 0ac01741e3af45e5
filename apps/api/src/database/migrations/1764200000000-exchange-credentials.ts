import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exchange API connections. The API key, secret and passphrase are stored only as one sealed JSON (SecretBox,
 * context `exchange-credential:<id>`); `key_hint` keeps the last 4 characters of the key so people can tell keys
 * apart. Removing a connection wipes the sealed secret and keeps the row (sync history still points at it).
 * Each sync is an import_batch with source 'api' (no file) linked to its connection.
 */
export class ExchangeCredentials1764200000000 implements MigrationInterface {
  name = 'ExchangeCredentials1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exchange_credential (
        id uuid PRIMARY KEY,
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        exchange text NOT NULL CHECK (exchange ~ '^[a-z0-9]{2,32}$'),
        sealed_secret text CHECK (sealed_secret LIKE 'v1.%'),
        key_hint text NOT NULL CHECK (length(key_hint) <= 4),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        last_synced_at timestamptz,
        last_error text,
        cursors jsonb NOT NULL DEFAULT '{}'::jsonb,
        balances jsonb,
        balances_at timestamptz,
        CHECK ((removed_at IS NULL) = (sealed_secret IS NOT NULL))
      )`);
    // One live connection per account; a removed one may be replaced.
    await q.query(`CREATE UNIQUE INDEX exchange_credential_account_uq ON exchange_credential (account_id) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX exchange_credential_client_idx ON exchange_credential (firm_id, client_id)`);
    await q.query(`ALTER TABLE import_batch ADD COLUMN exchange_credential_id uuid REFERENCES exchange_credential(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE import_batch ADD COLUMN balances jsonb`);
    // A CSV batch has its file; an API batch has none and came from a connection (which may since have been deleted).
    await q.query(`
      ALTER TABLE import_batch ADD CONSTRAINT import_batch_source_ck CHECK (
        (source = 'csv' AND file_sha256 IS NOT NULL AND file_name IS NOT NULL)
        OR (source = 'api' AND file_sha256 IS NULL AND file_name IS NULL AND format_override IS NULL)
      )`);
    // An API event names its exchange record and has no file line.
    await q.query(`ALTER TABLE ledger_event ADD CONSTRAINT ledger_event_api_source_ck CHECK (source_api_ref IS NULL OR source_line IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_event DROP CONSTRAINT ledger_event_api_source_ck`);
    await q.query(`ALTER TABLE import_batch DROP CONSTRAINT import_batch_source_ck, DROP COLUMN balances, DROP COLUMN exchange_credential_id`);
    await q.query(`DROP TABLE exchange_credential`);
  }
}
