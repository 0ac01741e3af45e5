import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Applied transfer matches of the latest computation (issue 6: automatic matches are listed and can be undone).
 * - `recon_match`: one row per applied match (automatic, or from a match-pair resolution named in `resolution_id`),
 *   replaced with the rest of the computation's output. Quantities NUMERIC; confidence a 0..1 score.
 */
export class ReconMatches1764700000000 implements MigrationInterface {
  name = 'ReconMatches1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recon_match (
        firm_id uuid NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        withdrawal_id text NOT NULL,
        deposit_id text NOT NULL,
        asset text NOT NULL,
        from_account text NOT NULL,
        to_account text NOT NULL,
        sent numeric NOT NULL,
        received numeric NOT NULL,
        fee numeric NOT NULL,
        tier text NOT NULL CHECK (tier IN ('exact','high','medium','low')),
        confidence numeric(5,4) NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        automatic boolean NOT NULL,
        resolution_id uuid,
        withdrawn_at timestamptz NOT NULL,
        deposited_at timestamptz NOT NULL,
        reason text NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (client_id, withdrawal_id, deposit_id),
        CHECK (automatic = (resolution_id IS NULL))
      )`);
    await q.query(`CREATE INDEX recon_match_firm_idx ON recon_match (firm_id, client_id, withdrawn_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recon_match`);
  }
}
