import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report print settings and the taxpayer id (issue 7).
 * - firm.report_rounding: the final forms print whole dollars or cents (default cents).
 * - firm.store_taxpayer_ids: whether staff may store a client's SSN/ITIN/EIN at all (default off). Turning it off erases
 *   every stored id of the firm (FirmService, in the same transaction as the setting).
 * - client.income_schedule: crypto income on Schedule 1 line 8 or on Schedule C (default schedule1).
 * - client.taxpayer_id_sealed: the id sealed with the SecretBox (context "taxpayer-id:<client id>"); never plaintext.
 */
export class ReportSettings1764600000000 implements MigrationInterface {
  name = 'ReportSettings1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE firm ADD COLUMN report_rounding text NOT NULL DEFAULT 'cents' CHECK (report_rounding IN ('cents','dollars'))`);
    await q.query(`ALTER TABLE firm ADD COLUMN store_taxpayer_ids boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE client ADD COLUMN income_schedule text NOT NULL DEFAULT 'schedule1' CHECK (income_schedule IN ('schedule1','scheduleC'))`);
    await q.query(`ALTER TABLE client ADD COLUMN taxpayer_id_sealed text CHECK (taxpayer_id_sealed IS NULL OR taxpayer_id_sealed LIKE 'v1.%')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE client DROP COLUMN taxpayer_id_sealed`);
    await q.query(`ALTER TABLE client DROP COLUMN income_schedule`);
    await q.query(`ALTER TABLE firm DROP COLUMN store_taxpayer_ids`);
    await q.query(`ALTER TABLE firm DROP COLUMN report_rounding`);
  }
}
