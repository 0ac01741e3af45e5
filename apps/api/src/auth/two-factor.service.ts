import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { toString as qrToString } from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';
import type { TwoFactorEnrolResponse, TwoFactorVerifyResponse } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { RUNTIME, type Runtime } from '../common/runtime';
import { UserRepository, type UserRow } from '../firms/user.repository';
import { AuthRepository } from './auth.repository';
import { sha256 } from './token.service';

const RECOVERY_CODES = 10;
const PERIOD = 30;

/** Recovery codes are 10 random base32 characters shown as xxxxx-xxxxx; stored as sha256 of the normalised form. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/**
 * TOTP 2FA (RFC 6238, SHA-1, 6 digits, 30 s, ±1 step). The secret is sealed with the master key (context
 * "totp:<userId>"); enrolment is pending until a code verifies; a used time step cannot be replayed.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly repo: AuthRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async enrol(actor: AuthUser): Promise<TwoFactorEnrolResponse> {
    if (actor.twoFactorEnabled) throw new AppError('CONFLICT', 'Two-factor authentication is already on. Turn it off first to enrol a new device.', 409);
    const secret = new Secret({ size: 20 });
    await this.users.setTotp(this.ds.manager, actor.id, this.runtime.secretBox.seal(secret.base32, `totp:${actor.id}`), null);
    const uri = this.totp(actor.email, secret).toString();
    return { otpauthUri: uri, qrSvg: await qrToString(uri, { type: 'svg', margin: 1 }), secret: secret.base32 };
  }

  async verifyEnrolment(actor: AuthUser, code: string, ctx: RequestContext): Promise<TwoFactorVerifyResponse> {
    return this.ds.transaction(async (m) => {
      const user = await this.users.findById(actor.id, m);
      if (!user?.totpSecretSealed || user.totpEnabledAt) throw new AppError('CONFLICT', 'Start two-factor enrolment first.', 409);
      if (!(await this.checkTotp(m, user, code))) throw new AppError('VALIDATION_FAILED', 'That code is not valid. Check the time on your device and try again.', 400, [{ field: 'code', message: 'invalid code' }]);
      const now = this.clock();
      await this.users.enableTotp(m, user.id, now);
      const codes = Array.from({ length: RECOVERY_CODES }, () => newRecoveryCode());
      await this.repo.replaceRecoveryCodes(m, user.firmId, user.id, codes.map((c) => sha256(normaliseRecoveryCode(c))));
      await recordAudit(m, { firmId: user.firmId, actorUserId: user.id, action: 'user.2fa_enabled', subjectType: 'user', subjectId: user.id, after: { twoFactorEnabled: true }, context: ctx, at: now });
      return { recoveryCodes: codes };
    });
  }

  /** The sign-in second step: a TOTP code or an unused recovery code (which is then used up). */
  async checkSignInCode(m: EntityManager, user: UserRow, code: string): Promise<'totp' | 'recovery_code' | null> {
    if (!user.totpEnabledAt || !user.totpSecretSealed) return null;
    if (/^\d{6}$/.test(code.trim())) return (await this.checkTotp(m, user, code.trim())) ? 'totp' : null;
    const normal = normaliseRecoveryCode(code);
    if (!/^[a-z2-7]{10}$/.test(normal)) return null;
    return (await this.repo.useRecoveryCode(m, user.id, sha256(normal), this.clock())) ? 'recovery_code' : null;
  }

  /** Turns 2FA off (own account with a valid code, or a firm admin's reset): secret and recovery codes are deleted. */
  async clear(m: EntityManager, userId: string): Promise<void> {
    await this.users.setTotp(m, userId, null, null);
    await this.repo.deleteRecoveryCodes(m, userId);
  }

  private async checkTotp(m: EntityManager, user: UserRow, code: string): Promise<boolean> {
    if (!user.totpSecretSealed || !/^\d{6}$/.test(code)) return false;
    const secret = Secret.fromBase32(this.runtime.secretBox.open(user.totpSecretSealed, `totp:${user.id}`));
    const now = this.clock().getTime();
    const delta = this.totp(user.email, secret).validate({ token: code, timestamp: now, window: 1 });
    if (delta === null) return false;
    return this.users.useTotpStep(m, user.id, Math.floor(now / 1000 / PERIOD) + delta);
  }

  private totp(label: string, secret: Secret): TOTP {
    return new TOTP({ issuer: 'Lotline', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret });
  }
}

function newRecoveryCode(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const chars = [...randomBytes(10)].map((b) => alphabet[b % 32]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
