import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-report billing. `payment` holds one row per payment attempt of a (client, tax year): a Stripe Checkout session
 * (pending until the webhook says paid/failed, later maybe refunded) or a payment a firm admin recorded (comped /
 * invoiced outside Lotline, with a required note). Two partial unique indexes are the last wall against double
 * charging: at most one open checkout and at most one paid record per (client, tax year). `seq` orders attempts made
 * within the same instant.
 *
 * `stripe_event` remembers every processed Stripe delivery that concerned a payment (event id = idempotency): a
 * duplicate or replayed delivery finds its id there and changes nothing. Deliveries that concern no Lotline payment
 * are not stored (they have no effect to repeat).
 */
export class Billing1764400000000 implements MigrationInterface {
  name = 'Billing1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        tax_year integer NOT NULL CHECK (tax_year BETWEEN 2000 AND 2100),
        status text NOT NULL CHECK (status IN ('pending','paid','refunded','failed')),
        method text NOT NULL CHECK (method IN ('stripe_checkout','comped','invoiced_outside')),
        amount_usd numeric(12,2) NOT NULL CHECK (amount_usd >= 0),
        currency text NOT NULL DEFAULT 'usd' CHECK (currency = 'usd'),
        stripe_session_id text UNIQUE,
        stripe_session_url text,
        stripe_session_expires_at timestamptz,
        stripe_payment_intent_id text UNIQUE,
        note text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 1000),
        failure_reason text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        paid_at timestamptz,
        refunded_at timestamptz,
        updated_at timestamptz NOT NULL,
        CHECK ((method = 'stripe_checkout') = (stripe_session_id IS NOT NULL)),
        CHECK (method = 'stripe_checkout' OR note IS NOT NULL),
        CHECK (status <> 'paid' OR paid_at IS NOT NULL),
        CHECK (status <> 'refunded' OR refunded_at IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_one_open_checkout_uq ON payment (client_id, tax_year) WHERE status = 'pending'`);
    await q.query(`CREATE UNIQUE INDEX payment_one_paid_uq ON payment (client_id, tax_year) WHERE status = 'paid'`);
    await q.query(`CREATE INDEX payment_firm_client_idx ON payment (firm_id, client_id, tax_year, created_at DESC)`);
    await q.query(`
      CREATE TABLE stripe_event (
        id text PRIMARY KEY,
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        payment_id uuid NOT NULL REFERENCES payment(id) ON DELETE CASCADE,
        type text NOT NULL,
        stripe_created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        outcome text NOT NULL
      )`);
    await q.query(`CREATE INDEX stripe_event_payment_idx ON stripe_event (firm_id, payment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stripe_event`);
    await q.query(`DROP TABLE payment`);
  }
}
