import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamMember } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { TokenService } from '../auth/token.service';
import { TwoFactorService } from '../auth/two-factor.service';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { idOrNotFound, notFound } from '../common/ids';
import { UserRepository, type UserRow } from '../firms/user.repository';
import type { ChangeRoleDto } from './team.dto';

/** Staff of the actor's firm (client logins are not team members and answer 404 here). */
@Injectable()
export class TeamService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly twoFactor: TwoFactorService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(actor: AuthUser): Promise<TeamMember[]> {
    return this.users.listStaff(actor.firmId);
  }

  async changeRole(actor: AuthUser, id: string, dto: ChangeRoleDto, ctx: RequestContext): Promise<TeamMember> {
    return this.change(actor, id, async (m, member, at) => {
      if (member.role === dto.role) return;
      if (member.role === 'firm_admin') await this.keepAnAdmin(m, actor.firmId);
      await this.users.setRole(m, member.id, dto.role);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'user.role_changed', subjectType: 'user', subjectId: member.id, before: { role: member.role }, after: { role: dto.role }, context: ctx, at });
    });
  }

  /** Deactivates a member: no sign-in, every session revoked. Their audit history stays. */
  async deactivate(actor: AuthUser, id: string, ctx: RequestContext): Promise<TeamMember> {
    return this.change(actor, id, async (m, member, at) => {
      if (member.disabledAt) return;
      if (member.id === actor.id) throw new AppError('CONFLICT', 'You cannot deactivate yourself.', 409);
      if (member.role === 'firm_admin') await this.keepAnAdmin(m, actor.firmId);
      await this.users.disable(m, member.id, at);
      await this.tokens.revokeAllForUser(m, member.id);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'user.deactivated', subjectType: 'user', subjectId: member.id, before: { active: true }, after: { active: false }, context: ctx, at });
    });
  }

  /** A firm admin resets a member's 2FA (lost device): the member signs in with the password and can enrol again. */
  async resetTwoFactor(actor: AuthUser, id: string, ctx: RequestContext): Promise<TeamMember> {
    return this.change(actor, id, async (m, member, at) => {
      const had = member.totpEnabledAt !== null;
      await this.twoFactor.clear(m, member.id);
      await this.tokens.revokeAllForUser(m, member.id);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'user.2fa_reset', subjectType: 'user', subjectId: member.id, before: { twoFactorEnabled: had }, after: { twoFactorEnabled: false }, context: ctx, at });
    });
  }

  private async change(actor: AuthUser, id: string, fn: (m: EntityManager, member: UserRow, at: Date) => Promise<void>): Promise<TeamMember> {
    const memberId = idOrNotFound(id);
    await this.ds.transaction(async (m) => {
      await this.users.lockTeam(m, actor.firmId);
      const member = await this.users.findStaff(actor.firmId, memberId, m);
      if (!member) throw notFound();
      await fn(m, member, this.clock());
    });
    const member = (await this.users.listStaff(actor.firmId)).find((u) => u.id === memberId);
    if (!member) throw notFound();
    return member;
  }

  private async keepAnAdmin(m: EntityManager, firmId: string): Promise<void> {
    if ((await this.users.countActiveAdmins(m, firmId)) <= 1) throw new AppError('CONFLICT', 'A firm needs at least one active firm admin.', 409);
  }
}
