import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppliedMatchListResponse, BulkResolutionResponse, ResolutionListResponse, ResolutionView, WarningDetail, WarningQueueResponse, WarningView } from '@lotline/contracts';
import { Decimal } from '@lotline/ledger';
import { ResolutionFormatError, acceptSuggestions, dustResolutions, resolutionFromJson, resolutionToJson, type Resolution } from '@lotline/reconciliation';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { idOrNotFound, notFound } from '../common/ids';
import { RUNTIME, systemClock, type Runtime } from '../common/runtime';
import { RecomputeService, type Computation } from './recompute.service';
import { ReconMatchesRepository } from './recon-matches.repository';
import { reconcileOnly } from './recon-pipeline';
import { ReconciliationRepository, type NewResolution, type StoredWarning } from './reconciliation.repository';
import type { AcceptSuggestionsDto, MatchQueryDto, MarkDustDto, ResolveDto, WarningQueueQueryDto } from './reconciliation.dto';
import { explanationOf, sourceEventIds } from './warning-text';

/** The warning queue, one warning in detail, resolutions (resolve, undo, history, bulk) and the computation for reports. */
@Injectable()
export class ReconciliationService {
  private readonly matchesRepo = new ReconMatchesRepository();

  constructor(
    private readonly ds: DataSource,
    private readonly repo: ReconciliationRepository,
    private readonly access: ClientAccess,
    private readonly recompute: RecomputeService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  private now(): Date {
    return (this.runtime.now ?? systemClock)();
  }

  /** Firm-wide queue (admin: every client; preparer: assigned clients only), or one client's when clientId is given. */
  async queue(user: AuthUser, q: WarningQueueQueryDto, clientId?: string): Promise<WarningQueueResponse> {
    let scopedClient = q.clientId;
    if (clientId !== undefined) scopedClient = (await this.access.require(user, clientId, 'resolve')).id;
    else if (scopedClient !== undefined) scopedClient = (await this.access.require(user, scopedClient, 'resolve')).id;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const r = await this.repo.warnings({
      firmId: user.firmId,
      assignedTo: user.role === 'firm_admin' ? null : user.id,
      clientId: scopedClient,
      kind: q.kind,
      severity: q.severity,
      status: q.status ?? 'open',
      blocking: q.blocking === undefined ? undefined : q.blocking === 'true',
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: r.items.map(withoutSuggestions), total: r.total, page, pageSize, countsByKind: r.countsByKind, openBlocking: r.openBlocking };
  }

  async warning(user: AuthUser, clientId: string, key: string): Promise<WarningDetail> {
    const client = await this.access.require(user, clientId, 'resolve');
    if (!/^[0-9a-f]{24}$/.test(key)) throw notFound();
    const w = await this.repo.warningByKey(user.firmId, client.id, key);
    if (!w) throw notFound();
    const ids = new Set(w.eventIds.flatMap(sourceEventIds));
    for (const s of w.suggestions) ids.add(s.withdrawalId).add(s.depositId);
    return {
      ...w,
      explanation: explanationOf(w.kind),
      events: await this.repo.events(user.firmId, client.id, [...ids]),
      resolutions: await this.repo.resolutionsForWarning(user.firmId, client.id, w.id),
    };
  }

  async resolve(user: AuthUser, clientId: string, dto: ResolveDto, ctx: RequestContext): Promise<ResolutionView> {
    const client = await this.access.require(user, clientId, 'resolve');
    if (dto.payload['action'] === 'undo') throw badField('payload.action', 'undo a resolution through POST /api/clients/:id/resolutions/:resolutionId/undo');
    const now = this.now();
    const record = parse({ id: randomUUID(), payload: dto.payload, warningIds: dto.warningIds, who: user.id, at: now.toISOString(), reason: dto.reason.trim() });
    const evidenceNote = dto.evidenceNote?.trim() || null;
    if (record.payload.action === 'accept-zero-basis' && !evidenceNote) throw badField('evidenceNote', 'accepting a $0 cost basis needs an evidence note');
    if (record.payload.action === 'unmatch') await this.requireAutomaticMatch(user.firmId, client.id, record.payload.withdrawalId, record.payload.depositId);
    else if (record.warningIds.length === 0) throw badField('warningIds', 'name at least one warning of the latest computation');
    const known = new Set(await this.repo.existingWarningIds(user.firmId, client.id, record.warningIds));
    const unknown = record.warningIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw badField(`warningIds[${unknown}]`, 'no such warning for this client in the latest computation');
    const created = await this.store(user, client.id, [{ ...this.row(user, client.id, record, now), evidenceNote }], ctx, 'resolution.created');
    return created[0];
  }

  async undo(user: AuthUser, clientId: string, resolutionId: string, reason: string, ctx: RequestContext): Promise<ResolutionView> {
    const client = await this.access.require(user, clientId, 'resolve');
    const [target] = await this.repo.resolutionsByIds(user.firmId, client.id, [idOrNotFound(resolutionId)]);
    if (!target) throw notFound('Resolution not found.');
    if (target.undoneBy) throw new AppError('CONFLICT', 'This resolution is already undone.', 409);
    const now = this.now();
    const record = parse({ id: randomUUID(), payload: { action: 'undo', resolutionId: target.id }, warningIds: target.warningIds, who: user.id, at: now.toISOString(), reason: reason.trim() });
    const [created] = await this.store(user, client.id, [{ ...this.row(user, client.id, record, now), undoes: target.id }], ctx, 'resolution.undone');
    return created;
  }

  /** Applied transfer matches of the latest computation (automatic and from match-pair resolutions), paged. */
  async matches(user: AuthUser, clientId: string, q: MatchQueryDto): Promise<AppliedMatchListResponse> {
    const client = await this.access.require(user, clientId, 'resolve');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const automatic = q.origin === undefined ? undefined : q.origin === 'automatic';
    const r = await this.matchesRepo.list(this.ds.manager, { firmId: user.firmId, clientId: client.id, automatic, limit: pageSize, offset: (page - 1) * pageSize });
    return { ...r, page, pageSize };
  }

  /** An unmatch names an automatic match of the latest computation (a manual one is undone through its match-pair resolution). */
  private async requireAutomaticMatch(firmId: string, clientId: string, withdrawalId: string, depositId: string): Promise<void> {
    const match = await this.matchesRepo.find(this.ds.manager, firmId, clientId, withdrawalId, depositId);
    if (!match) throw badField('payload.depositId', 'no applied match of this withdrawal and deposit in the latest computation');
    if (!match.automatic) throw badField('payload.depositId', `this match was made by resolution ${match.resolutionId ?? ''}: undo that resolution instead`);
  }

  async history(user: AuthUser, clientId: string, page = 1, pageSize = 50): Promise<ResolutionListResponse> {
    const client = await this.access.require(user, clientId, 'resolve');
    const r = await this.repo.resolutions(user.firmId, client.id, pageSize, (page - 1) * pageSize);
    return { ...r, page, pageSize };
  }

  async acceptSuggestions(user: AuthUser, clientId: string, dto: AcceptSuggestionsDto, ctx: RequestContext): Promise<BulkResolutionResponse> {
    return this.bulk(user, clientId, ctx, (recon, meta) => acceptSuggestions(recon, dto.minConfidence, { ...meta, reason: dto.reason?.trim() || `Accepted suggested matches with confidence >= ${dto.minConfidence}` }));
  }

  async markDust(user: AuthUser, clientId: string, dto: MarkDustDto, ctx: RequestContext): Promise<BulkResolutionResponse> {
    return this.bulk(user, clientId, ctx, (recon, meta) => dustResolutions(recon, new Decimal(dto.maxUsd), { ...meta, reason: dto.reason?.trim() || 'Immaterial' }));
  }

  /** Appends resolution records (client answers included), audits them and asks for a recompute. */
  async store(user: AuthUser, clientId: string, list: readonly NewResolution[], ctx: RequestContext, action: string): Promise<ResolutionView[]> {
    if (list.length === 0) return [];
    await this.ds.transaction(async (tx) => {
      await this.repo.insertResolutions(tx, list);
      for (const r of list) {
        await recordAudit(tx, {
          firmId: user.firmId,
          actorUserId: user.id,
          action,
          subjectType: 'resolution',
          subjectId: r.id,
          details: { clientId, action: r.action, warningIds: r.warningIds.slice(0, 10), byClient: r.byClient, batchId: r.batchId, undoes: r.undoes },
          after: { payload: r.payload, reason: r.reason, evidenceNote: r.evidenceNote },
          context: ctx,
        });
      }
    });
    await this.recompute.request(user.firmId, clientId);
    return this.repo.resolutionsByIds(user.firmId, clientId, list.map((r) => r.id));
  }

  row(user: AuthUser, clientId: string, r: Resolution, at: Date, extra: Partial<NewResolution> = {}): NewResolution {
    const json = resolutionToJson(r);
    return {
      id: r.id,
      firmId: user.firmId,
      clientId,
      warningIds: r.warningIds,
      action: r.payload.action,
      payload: json.payload,
      reason: r.reason,
      evidenceNote: null,
      byClient: false,
      batchId: null,
      undoes: null,
      createdBy: user.id,
      createdAt: at,
      ...extra,
    };
  }

  private async bulk(user: AuthUser, clientId: string, ctx: RequestContext, build: (recon: ReturnType<typeof reconcileOnly>, meta: { batchId: string; who: string; at: string }) => Resolution[]): Promise<BulkResolutionResponse> {
    const client = await this.access.require(user, clientId, 'resolve');
    const loaded = await this.ds.transaction('REPEATABLE READ', (m) => this.recompute.load(m, user.firmId, client.id));
    if (!loaded) throw notFound();
    const now = this.now();
    const batchId = randomUUID();
    const records = build(reconcileOnly(loaded.input), { batchId, who: user.id, at: now.toISOString() });
    const rows = records.map((r) => this.row(user, client.id, { ...r, id: randomUUID() }, now, { batchId }));
    const resolutions = await this.store(user, client.id, rows, ctx, 'resolution.bulk_created');
    return { batchId, created: resolutions.length, resolutions };
  }

  /** The computation for final reports (issue 7): see RecomputeService.computation. */
  computation(firmId: string, clientId: string, taxYear: number): Promise<Computation> {
    return this.recompute.computation(firmId, clientId, taxYear);
  }
}

/** A stored warning as listed (its suggestions are shown in the detail only). */
function withoutSuggestions(w: StoredWarning): WarningView {
  const copy: { suggestions?: unknown } & Omit<StoredWarning, 'suggestions'> = { ...w };
  delete copy.suggestions;
  return copy;
}

export function badField(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, 400, [{ field, message }]);
}

/** resolutionFromJson with its field errors as 400 answers naming the field. */
export function parse(json: Parameters<typeof resolutionFromJson>[0]): Resolution {
  try {
    return resolutionFromJson(json);
  } catch (e) {
    if (e instanceof ResolutionFormatError) throw badField(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
}
