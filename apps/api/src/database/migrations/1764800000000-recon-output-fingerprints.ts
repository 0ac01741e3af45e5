import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Faster storing of a computation's results (issue 6, the 1M-event recompute target): results are rewritten only where
 * they changed, told by content fingerprints (apps/api/src/reconciliation/fingerprint.ts) that the writer computes from
 * the engine's values and keeps with the rows, instead of PostgreSQL hashing every stored page.
 * - `recon_form8949_chunk.fingerprint`: of the page's rows (NULL for pages written before: such a page counts as
 *   changed and is rewritten once).
 * - `recon_output_chunk`: a fingerprint per chunk of the row tables that are stored row by row (income rows per tax
 *   year and 1,000 row numbers; applied matches in buckets of their withdrawal id, named in `recon_match.chunk`), so
 *   unchanged chunks are neither deleted nor copied again.
 * - `recon_match.computed_at` defaults to now(): a row keeps the time it was written while its chunk is unchanged.
 */
export class ReconOutputFingerprints1764800000000 implements MigrationInterface {
  name = 'ReconOutputFingerprints1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recon_form8949_chunk ADD COLUMN fingerprint text`);
    await q.query(`
      CREATE TABLE recon_output_chunk (
        firm_id uuid NOT NULL,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        part text NOT NULL CHECK (part IN ('income', 'match')),
        chunk text NOT NULL,
        fingerprint text NOT NULL,
        PRIMARY KEY (client_id, part, chunk)
      )`);
    // Unchanged match rows are no longer rewritten: computed_at becomes "when the row was written" (default: now).
    await q.query(`ALTER TABLE recon_match ALTER COLUMN computed_at SET DEFAULT now()`);
    await q.query(`ALTER TABLE recon_match ADD COLUMN chunk text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recon_match DROP COLUMN chunk`);
    await q.query(`ALTER TABLE recon_match ALTER COLUMN computed_at DROP DEFAULT`);
    await q.query(`DROP TABLE recon_output_chunk`);
    await q.query(`ALTER TABLE recon_form8949_chunk DROP COLUMN fingerprint`);
  }
}
