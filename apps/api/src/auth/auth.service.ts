import { Inject, Injectable, Logger } from '@nestjs/common';
import { hash, verify } from 'argon2';
import { DataSource } from 'typeorm';
import type { SessionUser, SignInResponse } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { AppError } from '../common/all-exceptions.filter';
import { toSessionUser, type AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { FirmRepository } from '../firms/firm.repository';
import { UserRepository, type UserRow } from '../firms/user.repository';
import type { ChangePasswordDto, FirmSignUpDto, TwoFactorSignInDto } from './auth.dto';
import { assertPasswordAcceptable } from './password-policy';
import { ThrottleService } from './throttle.service';
import { TokenService, type IssuedSession } from './token.service';
import { TwoFactorService } from './two-factor.service';

export const hashPassword = (password: string) => hash(password, { type: 2 /* argon2id */ });
/** Verified against when the email is unknown, so both cases take the same time. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$8P1Vd3lwqJJMz9XQVLwFxg$CXjM18vFs97M7Po7/o/0dsDZstUPfr5tx6PBsXSSgkY';
const badCredentials = () => new AppError('UNAUTHENTICATED', 'Email or password is incorrect.', 401);

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly firms: FirmRepository,
    private readonly tokens: TokenService,
    private readonly throttle: ThrottleService,
    private readonly twoFactor: TwoFactorService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async signUp(dto: FirmSignUpDto, ctx: RequestContext): Promise<IssuedSession> {
    const email = dto.email.trim();
    await this.throttle.countSignUp(ctx.ip);
    assertPasswordAcceptable(dto.password, email);
    const passwordHash = await hashPassword(dto.password);
    return this.ds.transaction(async (m) => {
      if (await this.users.emailTaken(email, m)) {
        throw new AppError('CONFLICT', 'An account cannot be created with this email. If you already have one, sign in.', 409);
      }
      const at = this.clock();
      const firmId = await this.firms.insert(m, dto.firmName.trim(), at);
      const userId = await this.users.insert(m, { firmId, email, displayName: dto.displayName.trim(), role: 'firm_admin', passwordHash, at });
      await recordAudit(m, { firmId, actorUserId: userId, action: 'firm.created', subjectType: 'firm', subjectId: firmId, after: { name: dto.firmName.trim() }, context: ctx, at });
      return this.tokens.issue(m, userId);
    });
  }

  /** The passport-local check: throttled, generic failure, same work whether or not the email exists. */
  async validatePassword(email: string, password: string, ctx: RequestContext): Promise<UserRow> {
    const keys = this.throttle.keys(email, ctx.ip);
    await this.throttle.assertAllowed(keys);
    const user = await this.users.findByEmail(email.trim());
    const usable = user && user.passwordHash && !user.disabledAt;
    const ok = await verify(usable ? (user.passwordHash as string) : DUMMY_HASH, password).catch(() => false);
    if (!usable || !ok) {
      await this.throttle.recordFailure(keys);
      if (user) {
        await recordAudit(this.ds.manager, { firmId: user.firmId, actorUserId: user.id, action: 'auth.sign_in_failed', subjectType: 'user', subjectId: user.id, details: { reason: user.disabledAt ? 'deactivated' : 'password' }, context: ctx, at: this.clock() });
      } else {
        this.logger.log(`failed sign-in for an unknown email from ${ctx.ip ?? '?'} (${ctx.correlationId ?? ''})`);
      }
      throw badCredentials();
    }
    await this.throttle.recordSuccess(keys);
    return user;
  }

  /** After the password step: a session, or a 2FA challenge. */
  async signIn(user: UserRow, ctx: RequestContext): Promise<IssuedSession | { response: SignInResponse }> {
    if (user.totpEnabledAt) return { response: { kind: 'two_factor_required', challengeToken: this.tokens.signChallenge(user.id, user.firmId) } };
    return this.ds.transaction(async (m) => {
      await recordAudit(m, { firmId: user.firmId, actorUserId: user.id, action: 'auth.signed_in', subjectType: 'user', subjectId: user.id, details: { method: 'password' }, context: ctx, at: this.clock() });
      return this.tokens.issue(m, user.id);
    });
  }

  async signInSecondFactor(dto: TwoFactorSignInDto, ctx: RequestContext): Promise<IssuedSession> {
    const userId = this.tokens.verifyChallenge(dto.challengeToken);
    const user = await this.users.findById(userId);
    if (!user || user.disabledAt) throw badCredentials();
    const keys = this.throttle.keys(user.email, ctx.ip);
    await this.throttle.assertAllowed(keys);
    const result = await this.ds.transaction(async (m) => {
      const method = await this.twoFactor.checkSignInCode(m, user, dto.code);
      if (!method) return null;
      await recordAudit(m, { firmId: user.firmId, actorUserId: user.id, action: 'auth.signed_in', subjectType: 'user', subjectId: user.id, details: { method }, context: ctx, at: this.clock() });
      return this.tokens.issue(m, user.id);
    });
    if (!result) {
      await this.throttle.recordFailure(keys);
      await recordAudit(this.ds.manager, { firmId: user.firmId, actorUserId: user.id, action: 'auth.sign_in_failed', subjectType: 'user', subjectId: user.id, details: { reason: 'second_factor' }, context: ctx, at: this.clock() });
      throw new AppError('UNAUTHENTICATED', 'That code is not valid.', 401);
    }
    await this.throttle.recordSuccess(keys);
    return result;
  }

  refresh(refreshToken: string | undefined, ctx: RequestContext): Promise<IssuedSession> {
    return this.tokens.rotate(refreshToken, ctx);
  }

  async signOut(refreshToken: string | undefined, ctx: RequestContext): Promise<void> {
    await this.ds.transaction(async (m) => {
      const owner = await this.tokens.revoke(m, refreshToken);
      if (owner) await recordAudit(m, { firmId: owner.firmId, actorUserId: owner.userId, action: 'auth.signed_out', subjectType: 'user', subjectId: owner.userId, context: ctx, at: this.clock() });
    });
  }

  me(user: AuthUser): SessionUser {
    return toSessionUser(user);
  }

  /** Changes the password; every other session of the user is signed out. */
  async changePassword(actor: AuthUser, dto: ChangePasswordDto, refreshToken: string | undefined, ctx: RequestContext): Promise<void> {
    const user = await this.users.findById(actor.id);
    if (!user?.passwordHash || !(await verify(user.passwordHash, dto.currentPassword).catch(() => false))) {
      throw new AppError('VALIDATION_FAILED', 'The current password is not correct.', 400, [{ field: 'currentPassword', message: 'incorrect' }]);
    }
    assertPasswordAcceptable(dto.newPassword, user.email);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.ds.transaction(async (m) => {
      await this.users.setPassword(m, user.id, passwordHash);
      await this.tokens.revokeAllForUser(m, user.id, await this.tokens.familyOf(m, refreshToken));
      await recordAudit(m, { firmId: user.firmId, actorUserId: user.id, action: 'user.password_changed', subjectType: 'user', subjectId: user.id, context: ctx, at: this.clock() });
    });
  }

  /** Turns off one's own 2FA (needs a current code or a recovery code). */
  async disableTwoFactor(actor: AuthUser, code: string, ctx: RequestContext): Promise<void> {
    const user = await this.users.findById(actor.id);
    if (!user?.totpEnabledAt) throw new AppError('CONFLICT', 'Two-factor authentication is not on.', 409);
    const ok = await this.ds.transaction(async (m) => {
      if (!(await this.twoFactor.checkSignInCode(m, user, code))) return false;
      await this.twoFactor.clear(m, user.id);
      await recordAudit(m, { firmId: user.firmId, actorUserId: user.id, action: 'user.2fa_disabled', subjectType: 'user', subjectId: user.id, before: { twoFactorEnabled: true }, after: { twoFactorEnabled: false }, context: ctx, at: this.clock() });
      return true;
    });
    if (!ok) throw new AppError('VALIDATION_FAILED', 'That code is not valid.', 400, [{ field: 'code', message: 'invalid code' }]);
  }
}
