import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../common/sql';

export interface RefreshTokenRow {
  readonly id: string;
  readonly firmId: string;
  readonly userId: string;
  readonly familyId: string;
  readonly expiresAt: Date;
  readonly replacedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface ThrottleRow {
  readonly key: string;
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

/** Refresh-token families, recovery codes and sign-in throttling (all in PostgreSQL, so shared by every process). */
@Injectable()
export class AuthRepository {
  constructor(private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  async insertRefreshToken(m: EntityManager, t: { firmId: string; userId: string; familyId: string; tokenHash: string; at: Date; expiresAt: Date }): Promise<void> {
    await m.query(`INSERT INTO refresh_token (firm_id, user_id, family_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      t.firmId,
      t.userId,
      t.familyId,
      t.tokenHash,
      t.at,
      t.expiresAt,
    ]);
  }

  findRefreshToken(m: EntityManager, tokenHash: string): Promise<RefreshTokenRow | null> {
    return one<RefreshTokenRow>(
      m,
      `SELECT id, firm_id AS "firmId", user_id AS "userId", family_id AS "familyId", expires_at AS "expiresAt", replaced_at AS "replacedAt", revoked_at AS "revokedAt"
         FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
  }

  /** Marks a live token as rotated; false if someone else rotated or revoked it first. */
  async markReplaced(m: EntityManager, id: string, at: Date): Promise<boolean> {
    return (await rows(m, `UPDATE refresh_token SET replaced_at = $2 WHERE id = $1 AND replaced_at IS NULL AND revoked_at IS NULL RETURNING id`, [id, at])).length === 1;
  }

  async revokeFamily(m: EntityManager, familyId: string, at: Date): Promise<void> {
    await m.query(`UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, at]);
  }

  async revokeAllForUser(m: EntityManager, userId: string, at: Date, exceptFamilyId: string | null = null): Promise<void> {
    await m.query(`UPDATE refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $3`, [userId, at, exceptFamilyId]);
  }

  async replaceRecoveryCodes(m: EntityManager, firmId: string, userId: string, hashes: readonly string[]): Promise<void> {
    await m.query(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    for (const h of hashes) await m.query(`INSERT INTO recovery_code (firm_id, user_id, code_hash) VALUES ($1, $2, $3)`, [firmId, userId, h]);
  }

  /** Uses an unused recovery code (single use, race-safe). */
  async useRecoveryCode(m: EntityManager, userId: string, codeHash: string, at: Date): Promise<boolean> {
    return (await rows(m, `UPDATE recovery_code SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`, [userId, codeHash, at])).length === 1;
  }

  async deleteRecoveryCodes(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
  }

  throttleRows(keys: readonly string[]): Promise<ThrottleRow[]> {
    return rows<ThrottleRow>(
      this.ds.manager,
      `SELECT key, failures, last_failure_at AS "lastFailureAt", locked_until AS "lockedUntil" FROM sign_in_throttle WHERE key = ANY($1::text[])`,
      [keys],
    );
  }

  /** Counts one failure (the count restarts after `windowMinutes` of quiet or after a lock ran out); locks at `lockAfter`. */
  async recordFailure(key: string, at: Date, windowMinutes: number, lockAfter: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const r = await one<{ failures: number }>(
        m,
        `INSERT INTO sign_in_throttle AS t (key, failures, last_failure_at, locked_until) VALUES ($1, 1, $2, NULL)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.last_failure_at < $2::timestamptz - make_interval(mins => $3) OR t.locked_until <= $2 THEN 1 ELSE t.failures + 1 END,
           last_failure_at = $2, locked_until = NULL
         RETURNING failures`,
        [key, at, windowMinutes],
      );
      if ((r?.failures ?? 0) >= lockAfter) {
        await m.query(`UPDATE sign_in_throttle SET locked_until = $2::timestamptz + make_interval(mins => $3) WHERE key = $1`, [key, at, windowMinutes]);
      }
    });
  }

  async clearThrottle(key: string): Promise<void> {
    await this.ds.manager.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [key]);
  }
}
