import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionResponse } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { AppError } from '../common/all-exceptions.filter';
import { toSessionUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { RUNTIME, type Runtime } from '../common/runtime';
import { UserRepository } from '../firms/user.repository';
import { AuthRepository, type RefreshTokenRow } from './auth.repository';

/** What a sign-in/refresh produces: the response body and the refresh token for the cookie. */
export interface IssuedSession {
  readonly response: SessionResponse;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
}

export interface AccessPayload {
  readonly sub: string;
  readonly fid: string;
  readonly typ: 'access' | 'challenge';
  readonly iat: number;
  readonly exp: number;
}

const CHALLENGE_TTL_SECONDS = 300;
export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.', 401);

/**
 * Access tokens (HS256 JWT, short-lived; expiry checked against the injectable clock) and rotating refresh tokens
 * (random, stored as sha256, grouped in a family per sign-in). Presenting a rotated or revoked refresh token is treated
 * as theft: the whole family is revoked. Two tabs refreshing at the same instant trip this too; the portal refreshes
 * from one place.
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('Tokens');

  constructor(
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly repo: AuthRepository,
    private readonly users: UserRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts a new family (sign-in) or continues one (rotation) inside the caller's transaction. */
  async issue(m: EntityManager, userId: string, familyId: string = randomUUID()): Promise<IssuedSession> {
    const user = await this.users.findAuthUser(userId, m);
    if (!user) throw unauthenticated();
    const now = this.clock();
    const cfg = this.runtime.config.auth;
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + cfg.accessTokenTtlSeconds;
    const accessToken = this.jwt.sign({ sub: user.id, fid: user.firmId, typ: 'access', iat, exp } satisfies AccessPayload);
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(now.getTime() + cfg.refreshTokenTtlDays * 86_400_000);
    await this.repo.insertRefreshToken(m, { firmId: user.firmId, userId: user.id, familyId, tokenHash: sha256(refreshToken), at: now, expiresAt: refreshExpiresAt });
    return {
      response: { kind: 'session', accessToken, accessTokenExpiresAt: new Date(exp * 1000).toISOString(), user: toSessionUser(user) },
      refreshToken,
      refreshExpiresAt,
    };
  }

  /**
   * Rotates a refresh token in its own transaction; reuse of a rotated one revokes its family (audited, committed)
   * and answers 401.
   */
  async rotate(refreshToken: string | undefined, ctx: RequestContext): Promise<IssuedSession> {
    if (!refreshToken) throw unauthenticated();
    const issued = await this.ds.transaction(async (m): Promise<IssuedSession | null> => {
      const row = await this.repo.findRefreshToken(m, sha256(refreshToken));
      const now = this.clock();
      if (!row || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) {
        if (row?.replacedAt) await this.reuseDetected(m, row, now, ctx);
        return null;
      }
      if (row.replacedAt) {
        await this.reuseDetected(m, row, now, ctx);
        return null;
      }
      if (!(await this.repo.markReplaced(m, row.id, now))) return null;
      return this.issue(m, row.userId, row.familyId);
    });
    if (!issued) throw unauthenticated();
    return issued;
  }

  private async reuseDetected(m: EntityManager, row: RefreshTokenRow, now: Date, ctx: RequestContext): Promise<void> {
    await this.repo.revokeFamily(m, row.familyId, now);
    await recordAudit(m, { firmId: row.firmId, actorUserId: row.userId, action: 'auth.refresh_reuse_detected', subjectType: 'user', subjectId: row.userId, details: { family: row.familyId }, context: ctx, at: now });
    this.logger.warn(`refresh token reuse for user ${row.userId}: family ${row.familyId} revoked`);
  }

  /** Revokes the family of this refresh token (sign-out); returns its owner, if any. */
  async revoke(m: EntityManager, refreshToken: string | undefined): Promise<{ userId: string; firmId: string } | null> {
    if (!refreshToken) return null;
    const row = await this.repo.findRefreshToken(m, sha256(refreshToken));
    if (!row) return null;
    await this.repo.revokeFamily(m, row.familyId, this.clock());
    return { userId: row.userId, firmId: row.firmId };
  }

  async familyOf(m: EntityManager, refreshToken: string | undefined): Promise<string | null> {
    if (!refreshToken) return null;
    return (await this.repo.findRefreshToken(m, sha256(refreshToken)))?.familyId ?? null;
  }

  revokeAllForUser(m: EntityManager, userId: string, exceptFamilyId: string | null = null): Promise<void> {
    return this.repo.revokeAllForUser(m, userId, this.clock(), exceptFamilyId);
  }

  /** A short-lived token proving the password step, exchanged with a second factor for a session. */
  signChallenge(userId: string, firmId: string): string {
    const iat = Math.floor(this.clock().getTime() / 1000);
    return this.jwt.sign({ sub: userId, fid: firmId, typ: 'challenge', iat, exp: iat + CHALLENGE_TTL_SECONDS } satisfies AccessPayload);
  }

  verifyChallenge(token: string): string {
    const payload = this.verify(token);
    if (!payload || payload.typ !== 'challenge') throw new AppError('UNAUTHENTICATED', 'The sign-in step expired. Sign in again.', 401);
    return payload.sub;
  }

  /** Verifies signature and expiry (against the injectable clock); null when invalid. */
  verify(token: string): AccessPayload | null {
    try {
      const p = this.jwt.verify<AccessPayload>(token, { ignoreExpiration: true, algorithms: ['HS256'] });
      return typeof p.exp === 'number' && p.exp * 1000 > this.clock().getTime() ? p : null;
    } catch {
      return null;
    }
  }
}
