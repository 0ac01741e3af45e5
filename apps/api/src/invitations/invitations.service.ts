import { Inject, Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { defineAbilityFor } from '@lotline/authz';
import type { Invitation, InvitationPreview, InvitationWithLink } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { hashPassword } from '../auth/auth.service';
import { assertPasswordAcceptable } from '../auth/password-policy';
import { sha256, TokenService, type IssuedSession } from '../auth/token.service';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { idOrNotFound, notFound } from '../common/ids';
import { RUNTIME, type Runtime } from '../common/runtime';
import { ClientAccess } from '../clients/client-access';
import { ClientRepository } from '../clients/client.repository';
import { CONSENT_TEXT, CONSENT_VERSION } from '../clients/consent';
import { FirmRepository } from '../firms/firm.repository';
import { UserRepository } from '../firms/user.repository';
import type { AcceptInvitationDto, CreateInvitationDto } from './invitation.dto';
import { InvitationRepository, invitationStatus, type InvitationRow } from './invitation.repository';
import { Mailer } from './mailer';

const invalidLink = () => new AppError('NOT_FOUND', 'This invitation link is not valid any more. Ask for a new one.', 404);

@Injectable()
export class InvitationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly invitations: InvitationRepository,
    private readonly clients: ClientRepository,
    private readonly access: ClientAccess,
    private readonly users: UserRepository,
    private readonly firms: FirmRepository,
    private readonly tokens: TokenService,
    private readonly mailer: Mailer,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Preparer invitations: firm admin only. Client invitations: admin, or a preparer for an assigned/new client. */
  async create(actor: AuthUser, dto: CreateInvitationDto, ctx: RequestContext): Promise<InvitationWithLink> {
    if (dto.kind === 'preparer' && !defineAbilityFor(actor).can('invite', 'Team')) throw new AppError('FORBIDDEN', 'Only a firm admin can invite preparers.', 403);
    if (dto.kind === 'preparer' && dto.clientId) throw new AppError('VALIDATION_FAILED', 'clientId is only for client invitations', 400);
    const email = dto.email.trim();
    const displayName = dto.displayName.trim();
    const token = randomBytes(32).toString('base64url');
    const { row, firmName } = await this.ds.transaction(async (m) => {
      const at = this.clock();
      let clientId: string | null = null;
      if (dto.kind === 'client') {
        if (dto.clientId) {
          const c = await this.access.require(actor, dto.clientId, 'invite', m);
          if (c.userId) throw new AppError('CONFLICT', 'This client already has a login.', 409);
          clientId = c.id;
        } else {
          clientId = await this.clients.insert(m, { firmId: actor.firmId, displayName, email, timeZone: 'America/New_York', at });
          if (actor.role === 'preparer') await this.clients.setPreparers(m, actor.firmId, clientId, [actor.id]);
          await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'client.created', subjectType: 'client', subjectId: clientId, after: { displayName, email }, context: ctx, at });
        }
      }
      const replaced = await this.invitations.revokePending(m, actor.firmId, email, clientId, at);
      for (const id of replaced) await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'invitation.revoked', subjectType: 'invitation', subjectId: id, details: { reason: 'replaced' }, context: ctx, at });
      const firm = await this.firms.get(actor.firmId, m);
      const expiresAt = new Date(at.getTime() + (firm?.invitationExpiryDays ?? 14) * 86_400_000);
      const id = await this.invitations.insert(m, { firmId: actor.firmId, kind: dto.kind, email, displayName, clientId, tokenHash: sha256(token), invitedBy: actor.id, at, expiresAt });
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'invitation.created', subjectType: 'invitation', subjectId: id, after: { kind: dto.kind, email, clientId }, context: ctx, at });
      return { row: (await this.invitations.findById(m, actor.firmId, id)) as InvitationRow, firmName: firm?.name ?? '' };
    });
    return this.withLink(row, token, firmName);
  }

  async list(actor: AuthUser): Promise<Invitation[]> {
    const now = this.clock();
    return (await this.invitations.list(actor.firmId, actor.role === 'firm_admin' ? null : actor.id)).map((r) => toInvitation(r, now));
  }

  /** A new token and expiry; the old link stops working. Pending or expired invitations only. */
  async resend(actor: AuthUser, id: string, ctx: RequestContext): Promise<InvitationWithLink> {
    const token = randomBytes(32).toString('base64url');
    const row = await this.ds.transaction(async (m) => {
      const inv = await this.mine(m, actor, id);
      const at = this.clock();
      const status = invitationStatus(inv, at);
      if (status === 'accepted' || status === 'revoked') throw new AppError('CONFLICT', `This invitation was ${status}.`, 409);
      const firm = await this.firms.get(actor.firmId, m);
      await this.invitations.renew(m, inv.id, sha256(token), new Date(at.getTime() + (firm?.invitationExpiryDays ?? 14) * 86_400_000));
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'invitation.resent', subjectType: 'invitation', subjectId: inv.id, details: { email: inv.email }, context: ctx, at });
      return (await this.invitations.findById(m, actor.firmId, inv.id)) as InvitationRow;
    });
    return this.withLink(row, token, row.firmName);
  }

  async revoke(actor: AuthUser, id: string, ctx: RequestContext): Promise<Invitation> {
    return this.ds.transaction(async (m) => {
      const inv = await this.mine(m, actor, id);
      const at = this.clock();
      const status = invitationStatus(inv, at);
      if (status === 'accepted' || status === 'revoked') throw new AppError('CONFLICT', `This invitation was ${status}.`, 409);
      await this.invitations.revoke(m, inv.id, at);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'invitation.revoked', subjectType: 'invitation', subjectId: inv.id, details: { email: inv.email }, context: ctx, at });
      return toInvitation((await this.invitations.findById(m, actor.firmId, inv.id)) as InvitationRow, at);
    });
  }

  /** Public: what the invitee sees. Unknown, used, revoked and expired tokens all answer the same 404. */
  async preview(token: string): Promise<InvitationPreview> {
    const inv = await this.invitations.findByTokenHash(this.ds.manager, sha256(token), false);
    if (!inv || invitationStatus(inv, this.clock()) !== 'pending') throw invalidLink();
    return { firmName: inv.firmName, email: inv.email, displayName: inv.displayName, kind: inv.kind, consentText: CONSENT_TEXT, consentVersion: CONSENT_VERSION };
  }

  /** Public: sets the password, records consent (clients), uses the token up, and signs the new user in. */
  async accept(dto: AcceptInvitationDto, ctx: RequestContext): Promise<IssuedSession> {
    assertPasswordAcceptable(dto.password);
    const passwordHash = await hashPassword(dto.password);
    return this.ds.transaction(async (m) => {
      const inv = await this.invitations.findByTokenHash(m, sha256(dto.token), true);
      const at = this.clock();
      if (!inv || invitationStatus(inv, at) !== 'pending') throw invalidLink();
      assertPasswordAcceptable(dto.password, inv.email);
      if (inv.kind === 'client' && dto.consent !== true) {
        throw new AppError('VALIDATION_FAILED', 'Accept the data-sharing consent to continue.', 400, [{ field: 'consent', message: 'consent must be true' }]);
      }
      if (await this.users.emailTaken(inv.email, m)) throw new AppError('CONFLICT', 'This email already has a Lotline account. Sign in instead, or ask for an invitation to another email.', 409);
      const displayName = dto.displayName?.trim() || inv.displayName;
      const userId = await this.users.insert(m, { firmId: inv.firmId, email: inv.email, displayName, role: inv.kind, passwordHash, at });
      if (inv.kind === 'client' && inv.clientId) {
        if (!(await this.clients.setLogin(m, inv.firmId, inv.clientId, userId, at))) throw new AppError('CONFLICT', 'This client already has a login.', 409);
        await this.clients.setConsent(m, inv.firmId, inv.clientId, { version: CONSENT_VERSION, givenAt: at, revokedAt: null, at });
        await recordAudit(m, { firmId: inv.firmId, actorUserId: userId, action: 'consent.given', subjectType: 'client', subjectId: inv.clientId, after: { consent: true, version: CONSENT_VERSION }, context: ctx, at });
      }
      await this.invitations.accept(m, inv.id, userId, at);
      await recordAudit(m, { firmId: inv.firmId, actorUserId: userId, action: 'invitation.accepted', subjectType: 'invitation', subjectId: inv.id, details: { kind: inv.kind, email: inv.email }, context: ctx, at });
      return this.tokens.issue(m, userId);
    });
  }

  /** An invitation the actor may manage: admin any in the firm; preparer client invitations of assigned clients. */
  private async mine(m: EntityManager, actor: AuthUser, id: string): Promise<InvitationRow> {
    const inv = await this.invitations.findById(m, actor.firmId, idOrNotFound(id));
    if (!inv) throw notFound();
    if (actor.role === 'firm_admin') return inv;
    if (inv.kind !== 'client' || !inv.clientId) throw notFound();
    const c = await this.clients.findForAccess(actor.firmId, inv.clientId, m);
    if (!c || !defineAbilityFor(actor).can('invite', subject('Client', { ...c }) as never)) throw notFound();
    return inv;
  }

  private async withLink(row: InvitationRow, token: string, firmName: string): Promise<InvitationWithLink> {
    const link = `${this.runtime.config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    const emailed = await this.mailer.sendInvitation(row.email, firmName, link);
    return { invitation: toInvitation(row, this.clock()), link, emailed };
  }
}

function toInvitation(r: InvitationRow, now: Date): Invitation {
  return {
    id: r.id,
    kind: r.kind,
    email: r.email,
    displayName: r.displayName,
    clientId: r.clientId,
    status: invitationStatus(r, now),
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    invitedBy: r.invitedBy,
  };
}
