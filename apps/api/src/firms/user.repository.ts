import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role, TeamMember } from '@lotline/contracts';
import type { AuthUser } from '../common/auth-user';
import { one, rows } from '../common/sql';

export interface UserRow {
  readonly id: string;
  readonly firmId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string | null;
  readonly disabledAt: Date | null;
  readonly totpSecretSealed: string | null;
  readonly totpEnabledAt: Date | null;
  readonly totpLastStep: string | null;
}

const USER_COLS = `u.id, u.firm_id AS "firmId", u.email, u.display_name AS "displayName", u.role, u.password_hash AS "passwordHash",
  u.disabled_at AS "disabledAt", u.totp_secret_sealed AS "totpSecretSealed", u.totp_enabled_at AS "totpEnabledAt", u.totp_last_step AS "totpLastStep"`;

/** app_user: staff and client logins. Every query that takes a firm id is scoped by it. */
@Injectable()
export class UserRepository {
  constructor(private readonly ds: DataSource) {}

  /** The request's user (or null when unknown or deactivated). */
  async findAuthUser(id: string, m: EntityManager = this.ds.manager): Promise<AuthUser | null> {
    const r = await one<{ id: string; firmId: string; email: string; displayName: string; role: Role; firmName: string; clientId: string | null; tfa: boolean; req: boolean }>(
      m,
      `SELECT u.id, u.firm_id AS "firmId", u.email, u.display_name AS "displayName", u.role, f.name AS "firmName", c.id AS "clientId",
              u.totp_enabled_at IS NOT NULL AS tfa, f.require_two_factor_for_staff AS req
         FROM app_user u JOIN firm f ON f.id = u.firm_id LEFT JOIN client c ON c.user_id = u.id AND c.firm_id = u.firm_id
        WHERE u.id = $1 AND u.disabled_at IS NULL`,
      [id],
    );
    if (!r) return null;
    return {
      id: r.id,
      firmId: r.firmId,
      email: r.email,
      displayName: r.displayName,
      role: r.role,
      firmName: r.firmName,
      clientId: r.role === 'client' ? r.clientId : null,
      twoFactorEnabled: r.tfa,
      mustEnrolTwoFactor: r.req && r.role !== 'client' && !r.tfa,
    };
  }

  findByEmail(email: string, m: EntityManager = this.ds.manager): Promise<UserRow | null> {
    return one<UserRow>(m, `SELECT ${USER_COLS} FROM app_user u WHERE lower(u.email) = lower($1)`, [email]);
  }

  findById(id: string, m: EntityManager = this.ds.manager): Promise<UserRow | null> {
    return one<UserRow>(m, `SELECT ${USER_COLS} FROM app_user u WHERE u.id = $1`, [id]);
  }

  async emailTaken(email: string, m: EntityManager): Promise<boolean> {
    return (await one(m, `SELECT 1 FROM app_user WHERE lower(email) = lower($1)`, [email])) !== null;
  }

  async insert(m: EntityManager, u: { firmId: string; email: string; displayName: string; role: Role; passwordHash: string; at: Date }): Promise<string> {
    const r = await one<{ id: string }>(
      m,
      `INSERT INTO app_user (firm_id, email, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [u.firmId, u.email, u.displayName, u.role, u.passwordHash, u.at],
    );
    return (r as { id: string }).id;
  }

  async setPassword(m: EntityManager, id: string, passwordHash: string): Promise<void> {
    await m.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  }

  async setTotp(m: EntityManager, id: string, sealed: string | null, enabledAt: Date | null): Promise<void> {
    await m.query(`UPDATE app_user SET totp_secret_sealed = $2, totp_enabled_at = $3, totp_last_step = NULL WHERE id = $1`, [id, sealed, enabledAt]);
  }

  async enableTotp(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE app_user SET totp_enabled_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Records the TOTP time step just used; false if it (or a later one) was already used (replay). */
  async useTotpStep(m: EntityManager, id: string, step: number): Promise<boolean> {
    const r = await rows(m, `UPDATE app_user SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`, [id, step]);
    return r.length === 1;
  }

  listStaff(firmId: string): Promise<TeamMember[]> {
    return rows<TeamMember>(
      this.ds.manager,
      `SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.totp_enabled_at IS NOT NULL AS "twoFactorEnabled",
              u.disabled_at IS NULL AS active,
              (SELECT count(*)::int FROM client_preparer cp WHERE cp.firm_id = u.firm_id AND cp.user_id = u.id) AS "assignedClientCount"
         FROM app_user u WHERE u.firm_id = $1 AND u.role <> 'client' ORDER BY lower(u.display_name), u.id`,
      [firmId],
    );
  }

  /** A staff member (not a client login) of this firm, or null. */
  findStaff(firmId: string, id: string, m: EntityManager = this.ds.manager): Promise<UserRow | null> {
    return one<UserRow>(m, `SELECT ${USER_COLS} FROM app_user u WHERE u.firm_id = $1 AND u.id = $2 AND u.role <> 'client' FOR UPDATE`, [firmId, id]);
  }

  /** Active staff ids of this firm among `ids`. */
  async activeStaffIds(firmId: string, ids: readonly string[], m: EntityManager): Promise<Set<string>> {
    const r = await rows<{ id: string }>(m, `SELECT id FROM app_user WHERE firm_id = $1 AND id = ANY($2::uuid[]) AND role <> 'client' AND disabled_at IS NULL`, [firmId, ids]);
    return new Set(r.map((x) => x.id));
  }

  async setRole(m: EntityManager, id: string, role: Role): Promise<void> {
    await m.query(`UPDATE app_user SET role = $2 WHERE id = $1`, [id, role]);
  }

  async disable(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE app_user SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL`, [id, at]);
  }

  /** Serialises team changes in one firm (so two admins cannot demote each other to zero admins). */
  async lockTeam(m: EntityManager, firmId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`team:${firmId}`]);
  }

  async countActiveAdmins(m: EntityManager, firmId: string): Promise<number> {
    const r = await one<{ n: number }>(m, `SELECT count(*)::int AS n FROM app_user WHERE firm_id = $1 AND role = 'firm_admin' AND disabled_at IS NULL`, [firmId]);
    return r?.n ?? 0;
  }
}
