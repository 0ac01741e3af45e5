import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Faster storing of a computation's results (issue 6, the 1M-event recompute target): results are rewritten only where
 * they changed, and the content hashes that tell are kept by the writer instead of being computed by PostgreSQL.
 * - `recon_form8949_chunk.content_sha256`: SHA-256 of the page's JSON text as written (NULL for pages written before:
 *   such a page counts as changed and is rewritten once).
 * - `recon_output_chunk`: SHA-256 per chunk of the row tables that are stored row by row (income rows per tax year and
 *   1,000 row numbers; applied matches per month of withdrawal), so unchanged chunks are not deleted and copied again.
 * - `recon_match.computed_at` defaults to now(): a row keeps the time it was written while its month is unchanged.
 */
export class ReconOutputHashes1764800000000 implements MigrationInterface {
  name = 'ReconOutputHashes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recon_form8949_chunk ADD COLUMN content_sha256 text`);
    await q.query(`
      CREATE TABLE recon_output_chunk (
        firm_id uuid NOT NULL,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        part text NOT NULL CHECK (part IN ('income', 'match')),
        chunk text NOT NULL,
        sha256 text NOT NULL,
        PRIMARY KEY (client_id, part, chunk)
      )`);
    // Unchanged match rows are no longer rewritten: computed_at becomes "when the row was written" (default: now).
    await q.query(`ALTER TABLE recon_match ALTER COLUMN computed_at SET DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recon_match ALTER COLUMN computed_at DROP DEFAULT`);
    await q.query(`DROP TABLE recon_output_chunk`);
    await q.query(`ALTER TABLE recon_form8949_chunk DROP COLUMN content_sha256`);
  }
}
