import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CLIENT_STATUSES, type ClientSort, type ClientStatus, type CostBasisMethod, type IncomeSchedule } from '@lotline/contracts';
import { likeEscape, one, rows } from '../common/sql';

export interface ClientAccessRow {
  readonly id: string;
  readonly firmId: string;
  readonly userId: string | null;
  readonly preparerIds: string[];
}

export interface ClientRow {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly userId: string | null;
  readonly status: ClientStatus;
  readonly lastActivityAt: Date | null;
  readonly timeZone: string;
  readonly defaultMethod: CostBasisMethod | null;
  readonly reportPriceOverrideUsd: string | null;
  readonly consentVersion: string | null;
  readonly consentGivenAt: Date | null;
  readonly consentRevokedAt: Date | null;
  readonly incomeSchedule: IncomeSchedule;
  /** Sealed (SecretBox); open only to mask it or to print it. */
  readonly taxpayerIdSealed: string | null;
  /** Open reconciliation warnings of the client's latest computation (0 before the first one). */
  readonly openWarnings: number;
  readonly total?: number;
}

export interface ClientQuery {
  readonly firmId: string;
  /** Only clients assigned to this preparer (role scope), or null for the whole firm. */
  readonly assignedTo: string | null;
  readonly taxYear: number;
  readonly now: Date;
  readonly search?: string;
  readonly status?: ClientStatus;
  readonly preparerId?: string;
  readonly sort: ClientSort;
  readonly limit: number;
  readonly offset: number;
}

const ORDER: Record<ClientSort, string> = {
  name: 'lower(b."displayName") ASC, b.id',
  '-name': 'lower(b."displayName") DESC, b.id',
  status: 'b.rank ASC, lower(b."displayName"), b.id',
  '-status': 'b.rank DESC, lower(b."displayName"), b.id',
  lastActivity: 'b."lastActivityAt" ASC NULLS LAST, b.id',
  '-lastActivity': 'b."lastActivityAt" DESC NULLS LAST, b.id',
};

/**
 * The client list/detail query, scoped by firm (and by assignment for preparers). A client's status for a tax year is
 * its client_tax_year row, else "invited" while it has no login and a pending invitation, else "in_progress".
 * $1 firm, $2 tax year, $3 now, $4 assigned-to (or null).
 */
const BASE = `
  SELECT c.id, c.display_name AS "displayName", c.email, c.user_id AS "userId", c.last_activity_at AS "lastActivityAt",
         c.time_zone AS "timeZone", c.default_method AS "defaultMethod", c.report_price_override_usd::text AS "reportPriceOverrideUsd",
         c.consent_version AS "consentVersion", c.consent_given_at AS "consentGivenAt", c.consent_revoked_at AS "consentRevokedAt",
         c.income_schedule AS "incomeSchedule", c.taxpayer_id_sealed AS "taxpayerIdSealed",
         COALESCE(rs.open_warnings, 0)::int AS "openWarnings",
         s.status, array_position(ARRAY[${CLIENT_STATUSES.map((x) => `'${x}'`).join(',')}]::text[], s.status) AS rank
    FROM client c
    LEFT JOIN client_tax_year t ON t.client_id = c.id AND t.firm_id = c.firm_id AND t.tax_year = $2
    LEFT JOIN recon_state rs ON rs.client_id = c.id AND rs.firm_id = c.firm_id
    CROSS JOIN LATERAL (SELECT COALESCE(t.status, CASE WHEN c.user_id IS NULL AND EXISTS (
        SELECT 1 FROM invitation i WHERE i.client_id = c.id AND i.firm_id = c.firm_id AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $3)
      THEN 'invited' ELSE 'in_progress' END) AS status) s
   WHERE c.firm_id = $1
     AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM client_preparer cp WHERE cp.firm_id = c.firm_id AND cp.client_id = c.id AND cp.user_id = $4))`;

@Injectable()
export class ClientRepository {
  constructor(private readonly ds: DataSource) {}

  /** The fields the ability conditions look at; null if the id is not a client of this firm. */
  async findForAccess(firmId: string, id: string, m: EntityManager = this.ds.manager): Promise<ClientAccessRow | null> {
    return one<ClientAccessRow>(
      m,
      `SELECT c.id, c.firm_id AS "firmId", c.user_id AS "userId",
              COALESCE(array_agg(cp.user_id::text) FILTER (WHERE cp.user_id IS NOT NULL), '{}') AS "preparerIds"
         FROM client c LEFT JOIN client_preparer cp ON cp.client_id = c.id AND cp.firm_id = c.firm_id
        WHERE c.firm_id = $1 AND c.id = $2 GROUP BY c.id`,
      [firmId, id],
    );
  }

  async list(q: ClientQuery): Promise<{ items: ClientRow[]; total: number; counts: Record<string, number> }> {
    const params: unknown[] = [q.firmId, q.taxYear, q.now, q.assignedTo];
    const counts = await rows<{ status: string; n: number }>(this.ds.manager, `SELECT b.status, count(*)::int AS n FROM (${BASE}) b GROUP BY b.status`, params);
    const where: string[] = [];
    if (q.search) {
      params.push(`%${likeEscape(q.search)}%`);
      where.push(`(b."displayName" ILIKE $${params.length} OR b.email ILIKE $${params.length})`);
    }
    if (q.status) {
      params.push(q.status);
      where.push(`b.status = $${params.length}`);
    }
    if (q.preparerId) {
      params.push(q.preparerId);
      where.push(`EXISTS (SELECT 1 FROM client_preparer cp WHERE cp.firm_id = $1 AND cp.client_id = b.id AND cp.user_id = $${params.length})`);
    }
    params.push(q.limit, q.offset);
    const items = await rows<ClientRow>(
      this.ds.manager,
      `SELECT b.*, count(*) OVER ()::int AS total FROM (${BASE}) b ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${ORDER[q.sort]} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    let total = items[0]?.total ?? 0;
    if (items.length === 0 && q.offset > 0) {
      total = (await one<{ n: number }>(this.ds.manager, `SELECT count(*)::int AS n FROM (${BASE}) b ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params.slice(0, -2)))?.n ?? 0;
    }
    return { items, total, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) };
  }

  findOne(firmId: string, id: string, taxYear: number, now: Date, m: EntityManager = this.ds.manager): Promise<ClientRow | null> {
    return one<ClientRow>(m, `SELECT b.* FROM (${BASE}) b WHERE b.id = $5`, [firmId, taxYear, now, null, id]);
  }

  async preparersOf(firmId: string, clientIds: readonly string[], m: EntityManager = this.ds.manager): Promise<Map<string, { id: string; displayName: string }[]>> {
    const r = await rows<{ clientId: string; id: string; displayName: string }>(
      m,
      `SELECT cp.client_id AS "clientId", u.id, u.display_name AS "displayName"
         FROM client_preparer cp JOIN app_user u ON u.id = cp.user_id AND u.firm_id = cp.firm_id
        WHERE cp.firm_id = $1 AND cp.client_id = ANY($2::uuid[]) ORDER BY lower(u.display_name), u.id`,
      [firmId, clientIds],
    );
    const map = new Map<string, { id: string; displayName: string }[]>();
    for (const x of r) map.set(x.clientId, [...(map.get(x.clientId) ?? []), { id: x.id, displayName: x.displayName }]);
    return map;
  }

  async insert(m: EntityManager, c: { firmId: string; displayName: string; email: string | null; timeZone: string; at: Date }): Promise<string> {
    const r = await one<{ id: string }>(
      m,
      `INSERT INTO client (firm_id, display_name, email, time_zone, created_at, last_activity_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [c.firmId, c.displayName, c.email, c.timeZone, c.at],
    );
    return (r as { id: string }).id;
  }

  async update(
    m: EntityManager,
    firmId: string,
    id: string,
    c: { displayName: string; email: string | null; timeZone: string; defaultMethod: CostBasisMethod | null; reportPriceOverrideUsd: string | null; incomeSchedule: IncomeSchedule; at: Date },
  ): Promise<void> {
    await m.query(
      `UPDATE client SET display_name = $3, email = $4, time_zone = $5, default_method = $6, report_price_override_usd = $7::numeric, income_schedule = $8,
              last_activity_at = $9
        WHERE firm_id = $1 AND id = $2`,
      [firmId, id, c.displayName, c.email, c.timeZone, c.defaultMethod, c.reportPriceOverrideUsd, c.incomeSchedule, c.at],
    );
  }

  /** Stores (sealed) or removes (null) the client's taxpayer id. */
  async setTaxpayerId(m: EntityManager, firmId: string, clientId: string, sealed: string | null): Promise<void> {
    await m.query(`UPDATE client SET taxpayer_id_sealed = $3 WHERE firm_id = $1 AND id = $2`, [firmId, clientId, sealed]);
  }

  /** The sealed taxpayer id, only while the firm stores taxpayer ids (else null). */
  async sealedTaxpayerId(firmId: string, clientId: string, m: EntityManager = this.ds.manager): Promise<string | null> {
    const r = await one<{ sealed: string | null }>(
      m,
      `SELECT c.taxpayer_id_sealed AS sealed FROM client c JOIN firm f ON f.id = c.firm_id WHERE c.firm_id = $1 AND c.id = $2 AND f.store_taxpayer_ids`,
      [firmId, clientId],
    );
    return r?.sealed ?? null;
  }

  async setPreparers(m: EntityManager, firmId: string, clientId: string, userIds: readonly string[]): Promise<void> {
    await m.query(`DELETE FROM client_preparer WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
    for (const userId of userIds) await m.query(`INSERT INTO client_preparer (firm_id, client_id, user_id) VALUES ($1, $2, $3)`, [firmId, clientId, userId]);
  }

  async setLogin(m: EntityManager, firmId: string, clientId: string, userId: string, at: Date): Promise<boolean> {
    return (await rows(m, `UPDATE client SET user_id = $3, last_activity_at = $4 WHERE firm_id = $1 AND id = $2 AND user_id IS NULL RETURNING id`, [firmId, clientId, userId, at])).length === 1;
  }

  async setConsent(m: EntityManager, firmId: string, clientId: string, c: { version: string | null; givenAt: Date | null; revokedAt: Date | null; at: Date }): Promise<void> {
    await m.query(`UPDATE client SET consent_version = $3, consent_given_at = $4, consent_revoked_at = $5, last_activity_at = $6 WHERE firm_id = $1 AND id = $2`, [
      firmId,
      clientId,
      c.version,
      c.givenAt,
      c.revokedAt,
      c.at,
    ]);
  }

  /** Whether any ledger event of the client exists (one index probe). */
  async hasLedgerEvents(firmId: string, clientId: string): Promise<boolean> {
    const r = await one<{ found: boolean }>(this.ds.manager, `SELECT EXISTS (SELECT 1 FROM ledger_event WHERE client_id = $2 AND firm_id = $1) AS found`, [firmId, clientId]);
    return r?.found === true;
  }

  async setStatus(m: EntityManager, firmId: string, clientId: string, taxYear: number, status: ClientStatus, by: string, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO client_tax_year (firm_id, client_id, tax_year, status, submitted_at, submitted_by, updated_at) VALUES ($1, $2, $3, $4, $6, $5, $6)
       ON CONFLICT (client_id, tax_year) DO UPDATE SET status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by, updated_at = EXCLUDED.updated_at`,
      [firmId, clientId, taxYear, status, by, at],
    );
    await m.query(`UPDATE client SET last_activity_at = $3 WHERE firm_id = $1 AND id = $2`, [firmId, clientId, at]);
  }
}
