import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { defineAbilityFor } from '@lotline/authz';
import { CLIENT_STATUSES, type ClientDetail, type ClientListResponse, type ClientStatus, type ClientSummary } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { notFound } from '../common/ids';
import { RUNTIME, type Runtime } from '../common/runtime';
import { RecomputeService } from '../reconciliation/recompute.service';
import { FirmRepository } from '../firms/firm.repository';
import { UserRepository } from '../firms/user.repository';
import { ClientAccess } from './client-access';
import type { AssignPreparersDto, ClientListQueryDto, CreateClientDto, GiveConsentDto, SetTaxpayerIdDto, UpdateClientDto } from './client.dto';
import { MIN_TAX_YEAR } from './client.dto';
import { ClientRepository, type ClientRow } from './client.repository';
import { CONSENT_VERSION } from './consent';
import { maskTaxpayerId, normalizeTaxpayerId, openTaxpayerId, sealTaxpayerId } from './taxpayer-id';

/** Statuses from which "I'm done uploading" may (re)submit; later statuses belong to the preparer's workflow. */
const SUBMITTABLE: readonly ClientStatus[] = ['invited', 'in_progress', 'client_submitted'];

@Injectable()
export class ClientsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clients: ClientRepository,
    private readonly users: UserRepository,
    private readonly access: ClientAccess,
    private readonly firms: FirmRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The tax year being prepared by default: last calendar year (never before 2023). */
  defaultTaxYear(): number {
    return Math.max(MIN_TAX_YEAR, this.clock().getUTCFullYear() - 1);
  }

  /** Admin: the whole firm; preparer: assigned clients only (the route refuses clients). */
  async list(actor: AuthUser, q: ClientListQueryDto): Promise<ClientListResponse> {
    const taxYear = q.taxYear ?? this.defaultTaxYear();
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 25;
    const search = q.search?.trim();
    const { items, total, counts } = await this.clients.list({
      firmId: actor.firmId,
      assignedTo: actor.role === 'firm_admin' ? null : actor.id,
      taxYear,
      now: this.clock(),
      search: search || undefined,
      status: q.status,
      preparerId: q.preparerId,
      sort: q.sort ?? 'name',
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const preparers = await this.clients.preparersOf(actor.firmId, items.map((i) => i.id));
    return {
      items: items.map((r) => summary(r, preparers.get(r.id) ?? [])),
      total,
      page,
      pageSize,
      taxYear,
      statusCounts: Object.fromEntries(CLIENT_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<ClientStatus, number>,
    };
  }

  async get(actor: AuthUser, id: string, taxYear?: number): Promise<ClientDetail> {
    const row = await this.access.require(actor, id, 'read');
    return this.detail(actor.firmId, row.id, taxYear);
  }

  /** "Direct add": a client without a login. A preparer who adds a client is assigned to it. */
  async create(actor: AuthUser, dto: CreateClientDto, ctx: RequestContext): Promise<ClientDetail> {
    const id = await this.ds.transaction(async (m) => {
      const at = this.clock();
      const clientId = await this.clients.insert(m, { firmId: actor.firmId, displayName: dto.displayName.trim(), email: dto.email?.trim() ?? null, timeZone: dto.timeZone ?? 'America/New_York', at });
      if (actor.role === 'preparer') await this.clients.setPreparers(m, actor.firmId, clientId, [actor.id]);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'client.created', subjectType: 'client', subjectId: clientId, after: { displayName: dto.displayName.trim(), email: dto.email ?? null }, context: ctx, at });
      return clientId;
    });
    return this.detail(actor.firmId, id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateClientDto, ctx: RequestContext): Promise<ClientDetail> {
    if (dto.reportPriceOverrideUsd !== undefined && !defineAbilityFor(actor).can('update', 'Billing')) {
      throw new AppError('FORBIDDEN', 'Only a firm admin can change the report price.', 403);
    }
    await this.ds.transaction(async (m) => {
      const { id: clientId } = await this.access.require(actor, id, 'update', m);
      const at = this.clock();
      const before = (await this.clients.findOne(actor.firmId, clientId, this.defaultTaxYear(), at, m)) as ClientRow;
      const next = {
        displayName: dto.displayName?.trim() ?? before.displayName,
        email: dto.email === undefined ? before.email : dto.email === null ? null : dto.email.trim(),
        timeZone: dto.timeZone ?? before.timeZone,
        defaultMethod: dto.defaultMethod === undefined ? before.defaultMethod : dto.defaultMethod,
        reportPriceOverrideUsd: dto.reportPriceOverrideUsd === undefined ? before.reportPriceOverrideUsd : dto.reportPriceOverrideUsd,
        incomeSchedule: dto.incomeSchedule ?? before.incomeSchedule,
      };
      await this.clients.update(m, actor.firmId, clientId, { ...next, at });
      const after = (await this.clients.findOne(actor.firmId, clientId, this.defaultTaxYear(), at, m)) as ClientRow;
      const keys = (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== after[k]);
      await recordAudit(m, {
        firmId: actor.firmId,
        actorUserId: actor.id,
        action: 'client.updated',
        subjectType: 'client',
        subjectId: clientId,
        before: Object.fromEntries(keys.map((k) => [k, before[k]])),
        after: Object.fromEntries(keys.map((k) => [k, after[k]])),
        context: ctx,
        at,
      });
    });
    return this.detail(actor.firmId, id.toLowerCase());
  }

  /** Staff: stores the client's SSN/ITIN/EIN sealed, only while the firm stores taxpayer ids. Audited without the value. */
  async setTaxpayerId(actor: AuthUser, id: string, dto: SetTaxpayerIdDto, ctx: RequestContext): Promise<ClientDetail> {
    const clientId = await this.ds.transaction(async (m) => {
      const row = await this.access.require(actor, id, 'update', m);
      if (actor.role === 'client') throw notFound();
      // Locks the firm row: a concurrent "stop storing ids" (which erases them) waits for this or runs after it.
      const firm = await this.firms.get(actor.firmId, m, true);
      if (!firm?.storeTaxpayerIds) throw new AppError('CONFLICT', 'This firm does not store taxpayer ids; a firm admin can turn it on in Settings.', 409);
      const taxpayerId = normalizeTaxpayerId(dto.taxpayerId);
      if (!taxpayerId) throw new AppError('VALIDATION_FAILED', 'taxpayerId is not a valid SSN/ITIN or EIN', 400, [{ field: 'taxpayerId', message: 'not a valid SSN/ITIN (123-45-6789) or EIN (12-3456789)' }]);
      const had = (await this.clients.findOne(actor.firmId, row.id, this.defaultTaxYear(), this.clock(), m))?.taxpayerIdSealed != null;
      await this.clients.setTaxpayerId(m, actor.firmId, row.id, sealTaxpayerId(this.runtime.secretBox, row.id, taxpayerId));
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'client.taxpayer_id_set', subjectType: 'client', subjectId: row.id, details: { replaced: had }, context: ctx, at: this.clock() });
      return row.id;
    });
    return this.detail(actor.firmId, clientId);
  }

  /** Staff: removes the stored taxpayer id (the forms then leave the field blank for the preparer). */
  async removeTaxpayerId(actor: AuthUser, id: string, ctx: RequestContext): Promise<ClientDetail> {
    const clientId = await this.ds.transaction(async (m) => {
      const row = await this.access.require(actor, id, 'update', m);
      if (actor.role === 'client') throw notFound();
      const had = (await this.clients.findOne(actor.firmId, row.id, this.defaultTaxYear(), this.clock(), m))?.taxpayerIdSealed != null;
      if (!had) return row.id;
      await this.clients.setTaxpayerId(m, actor.firmId, row.id, null);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'client.taxpayer_id_removed', subjectType: 'client', subjectId: row.id, context: ctx, at: this.clock() });
      return row.id;
    });
    return this.detail(actor.firmId, clientId);
  }

  /** Firm admin: replaces the client's assigned preparers (active staff of the same firm only). */
  async assign(actor: AuthUser, id: string, dto: AssignPreparersDto, ctx: RequestContext): Promise<ClientDetail> {
    const clientId = await this.ds.transaction(async (m) => {
      const row = await this.access.require(actor, id, 'assign', m);
      const wanted = [...new Set(dto.userIds.map((u) => u.toLowerCase()))];
      const staff = await this.users.activeStaffIds(actor.firmId, wanted, m);
      const unknown = wanted.filter((u) => !staff.has(u));
      if (unknown.length) throw new AppError('VALIDATION_FAILED', 'userIds must be active preparers or admins of this firm', 400, unknown.map((u) => ({ field: 'userIds', message: `unknown member ${u}` })));
      await this.clients.setPreparers(m, actor.firmId, row.id, wanted);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'client.preparers_changed', subjectType: 'client', subjectId: row.id, before: { preparerIds: [...row.preparerIds].sort() }, after: { preparerIds: [...wanted].sort() }, context: ctx, at: this.clock() });
      return row.id;
    });
    return this.detail(actor.firmId, clientId);
  }

  /** "I'm done uploading" for a tax year, by the client or their preparer/admin. */
  async submit(actor: AuthUser, id: string, taxYear: number, ctx: RequestContext): Promise<ClientDetail> {
    const clientId = await this.ds.transaction(async (m) => {
      const row = await this.access.require(actor, id, 'import', m);
      const at = this.clock();
      const current = (await this.clients.findOne(actor.firmId, row.id, taxYear, at, m)) as ClientRow;
      if (!SUBMITTABLE.includes(current.status)) throw new AppError('CONFLICT', `This tax year is already ${current.status.replace('_', ' ')}.`, 409);
      await this.clients.setStatus(m, actor.firmId, row.id, taxYear, 'client_submitted', actor.id, at);
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'client.submitted', subjectType: 'client', subjectId: row.id, before: { status: current.status }, after: { status: 'client_submitted' }, details: { taxYear }, context: ctx, at });
      return row.id;
    });
    // With data, the submitted year moves on to In review / Ready at the next computation: ask for one now (resolved
    // lazily: the reconciliation module depends on this one). Without any data it stays Client submitted for the
    // preparer to look at, rather than turning Ready with nothing in it.
    if (await this.clients.hasLedgerEvents(actor.firmId, clientId)) await this.moduleRef.get(RecomputeService, { strict: false }).request(actor.firmId, clientId);
    return this.detail(actor.firmId, clientId, taxYear);
  }

  /** The client (re-)gives consent. Only the client's own login: staff get 404 (route: update Consent). */
  async giveConsent(actor: AuthUser, id: string, dto: GiveConsentDto, ctx: RequestContext): Promise<ClientDetail> {
    if (dto.consentVersion !== CONSENT_VERSION) throw new AppError('VALIDATION_FAILED', `consentVersion must be ${CONSENT_VERSION}`, 400, [{ field: 'consentVersion', message: 'outdated consent text' }]);
    return this.changeConsent(actor, id, true, ctx);
  }

  async revokeConsent(actor: AuthUser, id: string, ctx: RequestContext): Promise<ClientDetail> {
    return this.changeConsent(actor, id, false, ctx);
  }

  private async changeConsent(actor: AuthUser, id: string, give: boolean, ctx: RequestContext): Promise<ClientDetail> {
    const clientId = await this.ds.transaction(async (m) => {
      const row = await this.access.require(actor, id, 'read', m);
      if (actor.role !== 'client' || actor.clientId !== row.id) throw notFound();
      const at = this.clock();
      const before = (await this.clients.findOne(actor.firmId, row.id, this.defaultTaxYear(), at, m)) as ClientRow;
      const wasGiven = before.consentGivenAt !== null && before.consentRevokedAt === null;
      if (give === wasGiven) return row.id; // idempotent
      await this.clients.setConsent(m, actor.firmId, row.id, give ? { version: CONSENT_VERSION, givenAt: at, revokedAt: null, at } : { version: before.consentVersion, givenAt: before.consentGivenAt, revokedAt: at, at });
      await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: give ? 'consent.given' : 'consent.revoked', subjectType: 'client', subjectId: row.id, before: { consent: wasGiven }, after: { consent: give, version: give ? CONSENT_VERSION : before.consentVersion }, context: ctx, at });
      return row.id;
    });
    return this.detail(actor.firmId, clientId);
  }

  private masked(clientId: string, sealed: string): string {
    try {
      return maskTaxpayerId(openTaxpayerId(this.runtime.secretBox, clientId, sealed));
    } catch {
      return '•••-••-????'; // sealed with a master key this installation no longer has: set it again
    }
  }

  private async detail(firmId: string, id: string, taxYear?: number): Promise<ClientDetail> {
    const r = await this.clients.findOne(firmId, id, taxYear ?? this.defaultTaxYear(), this.clock());
    if (!r) throw notFound();
    const preparers = await this.clients.preparersOf(firmId, [id]);
    return {
      ...summary(r, preparers.get(id) ?? []),
      timeZone: r.timeZone,
      defaultMethod: r.defaultMethod,
      reportPriceOverrideUsd: r.reportPriceOverrideUsd,
      incomeSchedule: r.incomeSchedule,
      taxpayerIdMasked: r.taxpayerIdSealed ? this.masked(r.id, r.taxpayerIdSealed) : null,
      consent: {
        given: r.consentGivenAt !== null && r.consentRevokedAt === null,
        version: r.consentVersion,
        at: r.consentGivenAt?.toISOString() ?? null,
        revokedAt: r.consentRevokedAt?.toISOString() ?? null,
      },
    };
  }
}

function summary(r: ClientRow, preparers: { id: string; displayName: string }[]): ClientSummary {
  return {
    id: r.id,
    displayName: r.displayName,
    email: r.email,
    hasLogin: r.userId !== null,
    status: r.status,
    preparers,
    lastActivityAt: r.lastActivityAt?.toISOString() ?? null,
    openWarnings: r.openWarnings,
  };
}
