import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FirmSettings } from '@lotline/contracts';
import { one, rows } from '../common/sql';

const COLS = `id, name, default_method AS "defaultMethod", report_price_usd::text AS "reportPriceUsd", payer,
  invitation_expiry_days AS "invitationExpiryDays", require_two_factor_for_staff AS "requireTwoFactorForStaff",
  report_rounding AS "reportRounding", store_taxpayer_ids AS "storeTaxpayerIds"`;

@Injectable()
export class FirmRepository {
  constructor(private readonly ds: DataSource) {}

  get(firmId: string, m: EntityManager = this.ds.manager, lock = false): Promise<FirmSettings | null> {
    return one<FirmSettings>(m, `SELECT ${COLS} FROM firm WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [firmId]);
  }

  async insert(m: EntityManager, name: string, at: Date): Promise<string> {
    const r = await one<{ id: string }>(m, `INSERT INTO firm (name, created_at) VALUES ($1, $2) RETURNING id`, [name, at]);
    return (r as { id: string }).id;
  }

  async update(m: EntityManager, firmId: string, s: Omit<FirmSettings, 'id'>): Promise<FirmSettings> {
    const r = await one<FirmSettings>(
      m,
      `UPDATE firm SET name = $2, default_method = $3, report_price_usd = $4::numeric, payer = $5, invitation_expiry_days = $6,
              require_two_factor_for_staff = $7, report_rounding = $8, store_taxpayer_ids = $9 WHERE id = $1 RETURNING ${COLS}`,
      [firmId, s.name, s.defaultMethod, s.reportPriceUsd, s.payer, s.invitationExpiryDays, s.requireTwoFactorForStaff, s.reportRounding, s.storeTaxpayerIds],
    );
    return r as FirmSettings;
  }

  /** Erases every stored client taxpayer id of the firm (the firm stopped storing them); answers how many. */
  async eraseTaxpayerIds(m: EntityManager, firmId: string): Promise<number> {
    return (await rows(m, `UPDATE client SET taxpayer_id_sealed = NULL WHERE firm_id = $1 AND taxpayer_id_sealed IS NOT NULL RETURNING id`, [firmId])).length;
  }
}
