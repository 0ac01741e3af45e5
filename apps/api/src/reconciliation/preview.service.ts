import { dec } from '@lotline/ledger';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  WHAT_IF_METHODS,
  type AmountTotalsView,
  type AssetSummaryView,
  type CostBasisMethod,
  type Form8949PageResponse,
  type Form8949RowDetail,
  type Form8949RowView,
  type HoldingView,
  type PreviewResponse,
  type RecomputeStatusView,
  type ReconciliationSettingsView,
  type TaxYearMethodView,
  type WhatIfResponse,
} from '@lotline/contracts';
import { computeTaxes } from '@lotline/tax-engine';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import type { AuthUser } from '../common/auth-user';
import { notFound } from '../common/ids';
import { RUNTIME, systemClock, type Runtime } from '../common/runtime';
import { RecomputeService } from './recompute.service';
import { engineSettings, reconcileOnly, settingsView, storedSettings, yearSummary } from './recon-pipeline';
import type { Form8949QueryDto, UpdateReconciliationSettingsDto } from './reconciliation.dto';
import type { StoredForm8949Row } from './recon-output.repository';
import { ReconciliationRepository } from './reconciliation.repository';
import { badField } from './reconciliation.service';
import { sourceEventIds } from './warning-text';

const EMPTY_TOTALS: AmountTotalsView = { rows: 0, proceeds: '0', costBasis: '0', adjustment: '0', gain: '0' };
const WHAT_IF_CACHE = 32;

const SHORT_BOXES = new Set(['A', 'B', 'C', 'G', 'H', 'I']);

/** Row numbers [first, last] of the year's rows, of one box and/or one term (rows are numbered box by box). */
function rowRange(ranges: Readonly<Record<string, readonly [number, number]>>, term?: 'short' | 'long', box?: string): [number, number] {
  const picked = Object.entries(ranges).filter(([b]) => (box === undefined || b === box) && (term === undefined || SHORT_BOXES.has(b) === (term === 'short')));
  if (picked.length === 0) return [1, 0];
  return [Math.min(...picked.map(([, r]) => r[0])), Math.max(...picked.map(([, r]) => r[1]))];
}

/** The wire view of a stored row (without the detail-only fields). */
function rowView(r: StoredForm8949Row): Form8949RowView {
  return {
    rowNo: r.rowNo, eventId: r.eventId, leg: r.leg, account: r.account, asset: r.asset, quantity: r.quantity, description: r.description,
    dateAcquired: r.dateAcquired, dateSold: r.dateSold, proceeds: r.proceeds, costBasis: r.costBasis, adjustmentCode: r.adjustmentCode,
    adjustment: r.adjustment, gain: r.gain, term: r.term, box: r.box, lotId: r.lotId, missingBasis: r.missingBasis,
  };
}

/** Tax years from the URL: anything else is "not found", like a foreign id. */
export function taxYearOrNotFound(year: string): number {
  const y = /^\d{4}$/.test(year) ? Number(year) : NaN;
  if (!(y >= 2000 && y <= 2100)) throw notFound();
  return y;
}

/** Free preview per tax year, the 8949 rows, what-if by method, the chosen method, recompute status, firm settings. */
@Injectable()
export class PreviewService {
  private readonly whatIfCache = new Map<string, WhatIfResponse>();

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

  async status(user: AuthUser, clientId: string): Promise<RecomputeStatusView> {
    const client = await this.access.require(user, clientId, 'preview');
    return this.repo.state(user.firmId, client.id);
  }

  async requestRecompute(user: AuthUser, clientId: string): Promise<RecomputeStatusView> {
    const client = await this.access.require(user, clientId, 'resolve');
    await this.recompute.request(user.firmId, client.id);
    return this.repo.state(user.firmId, client.id);
  }

  async preview(user: AuthUser, clientId: string, yearText: string): Promise<PreviewResponse> {
    const client = await this.access.require(user, clientId, 'preview');
    const taxYear = taxYearOrNotFound(yearText);
    const [year, state, method, byKind, status] = [
      await this.repo.year(user.firmId, client.id, taxYear),
      await this.repo.state(user.firmId, client.id),
      await this.methodView(user.firmId, client.id, taxYear),
      await this.repo.openWarningsByKind(user.firmId, client.id),
      await this.repo.taxYearStatus(user.firmId, client.id, taxYear),
    ];
    const s = year?.summary;
    return {
      clientId: client.id,
      taxYear,
      status: status ?? 'in_progress',
      method,
      computedAt: state.lastComputedAt,
      recompute: state.state,
      shortTerm: s?.shortTerm ?? EMPTY_TOTALS,
      longTerm: s?.longTerm ?? EMPTY_TOTALS,
      total: s?.total ?? EMPTY_TOTALS,
      boxes: (s?.boxes ?? []) as PreviewResponse['boxes'],
      income: s?.income ?? '0',
      incomeByKind: (s?.incomeByKind ?? []) as PreviewResponse['incomeByKind'],
      assets: (year?.assets ?? []) as AssetSummaryView[],
      holdings: (year?.holdings ?? []) as HoldingView[],
      openWarningsByKind: byKind,
      openBlocking: state.openBlocking,
    };
  }

  async form8949(user: AuthUser, clientId: string, yearText: string, q: Form8949QueryDto): Promise<Form8949PageResponse> {
    const client = await this.access.require(user, clientId, 'preview');
    const taxYear = taxYearOrNotFound(yearText);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 100;
    const year = await this.repo.year(user.firmId, client.id, taxYear);
    const [lo, hi] = rowRange(year?.summary.rowRanges ?? {}, q.term, q.box);
    if (q.asset !== undefined) {
      const all = (await this.repo.form8949Rows(user.firmId, client.id, taxYear, lo, hi)).filter((r) => r.asset === q.asset);
      return { items: all.slice((page - 1) * pageSize, page * pageSize).map(rowView), total: all.length, page, pageSize };
    }
    const from = lo + (page - 1) * pageSize;
    const rows = await this.repo.form8949Rows(user.firmId, client.id, taxYear, from, Math.min(hi, from + pageSize - 1));
    return { items: rows.map(rowView), total: Math.max(0, hi - lo + 1), page, pageSize };
  }

  async form8949Row(user: AuthUser, clientId: string, yearText: string, rowNoText: string): Promise<Form8949RowDetail> {
    const client = await this.access.require(user, clientId, 'preview');
    const taxYear = taxYearOrNotFound(yearText);
    const rowNo = /^\d{1,9}$/.test(rowNoText) ? Number(rowNoText) : NaN;
    if (!(rowNo >= 1)) throw notFound();
    const [found] = await this.repo.form8949Rows(user.firmId, client.id, taxYear, rowNo, rowNo);
    if (!found) throw notFound();
    const ids = [found.eventId, ...found.lotSourceEventIds].flatMap(sourceEventIds);
    return { row: rowView(found), lot: found.lot, sourceEvents: await this.repo.events(user.firmId, client.id, ids) };
  }

  /** Totals of the tax year under FIFO, LIFO and HIFO, computed in this process; cached by inputs hash. */
  async whatIf(user: AuthUser, clientId: string, yearText: string): Promise<WhatIfResponse> {
    const client = await this.access.require(user, clientId, 'resolve');
    const taxYear = taxYearOrNotFound(yearText);
    const loaded = await this.ds.transaction('REPEATABLE READ', (m) => this.recompute.load(m, user.firmId, client.id));
    if (!loaded) throw notFound();
    const cacheKey = `${client.id}:${taxYear}:${loaded.inputsHash}`;
    const cached = this.whatIfCache.get(cacheKey);
    if (cached) return cached;
    const recon = reconcileOnly(loaded.input);
    const methods = WHAT_IF_METHODS.map((method) => {
      const tax = computeTaxes({ events: recon.events, brokerLines: recon.brokerLines, settings: engineSettings(loaded.input, { year: taxYear, method }) });
      const y = tax.years.find((t) => t.taxYear === taxYear);
      const s = y ? yearSummary(y) : null;
      return { method, shortTerm: s?.shortTerm ?? EMPTY_TOTALS, longTerm: s?.longTerm ?? EMPTY_TOTALS, total: s?.total ?? EMPTY_TOTALS, income: s?.income ?? '0' };
    });
    const result: WhatIfResponse = { taxYear, chosen: loaded.input.yearMethods[String(taxYear)] ?? loaded.input.defaultMethod, inputsHash: loaded.inputsHash, methods };
    if (this.whatIfCache.size >= WHAT_IF_CACHE) this.whatIfCache.delete(this.whatIfCache.keys().next().value as string);
    this.whatIfCache.set(cacheKey, result);
    return result;
  }

  async chooseMethod(user: AuthUser, clientId: string, yearText: string, method: CostBasisMethod, ctx: RequestContext): Promise<TaxYearMethodView> {
    const client = await this.access.require(user, clientId, 'resolve');
    const taxYear = taxYearOrNotFound(yearText);
    const now = this.now();
    await this.ds.transaction(async (tx) => {
      const before = await this.repo.saveMethod(tx, user.firmId, client.id, taxYear, method, user.id, now);
      await recordAudit(tx, {
        firmId: user.firmId,
        actorUserId: user.id,
        action: 'tax_year.method_chosen',
        subjectType: 'client',
        subjectId: client.id,
        details: { taxYear },
        before: before === null ? null : { method: before },
        after: { method },
        context: ctx,
      });
    });
    await this.recompute.request(user.firmId, client.id);
    return this.methodView(user.firmId, client.id, taxYear);
  }

  async settings(user: AuthUser): Promise<ReconciliationSettingsView> {
    return settingsView(storedSettings((await this.repo.firmSettings(this.ds.manager, user.firmId))['reconciliation']));
  }

  async updateSettings(user: AuthUser, dto: UpdateReconciliationSettingsDto, ctx: RequestContext): Promise<ReconciliationSettingsView> {
    if (dto.transferFeeTolerance !== undefined && dec(dto.transferFeeTolerance).gt('0.5')) throw badField('transferFeeTolerance', 'at most 0.5 (50%)');
    const view = settingsView(storedSettings({}));
    const bad = (dto.blockingKinds ?? []).findIndex((k) => !view.nonBlockingKinds.includes(k));
    if (bad >= 0) throw badField(`blockingKinds[${bad}]`, `${dto.blockingKinds?.[bad]} is always blocking; choose among ${view.nonBlockingKinds.join(', ')}`);
    const saved = await this.ds.transaction(async (tx) => {
      const before = storedSettings((await this.repo.firmSettings(tx, user.firmId))['reconciliation']);
      const after = storedSettings({ ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) });
      await this.repo.saveFirmReconSettings(tx, user.firmId, after);
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'firm.reconciliation_settings_changed', subjectType: 'firm', subjectId: user.firmId, before: { ...before }, after: { ...after }, context: ctx });
      return after;
    });
    for (const clientId of await this.repo.firmClientIds(user.firmId)) await this.recompute.request(user.firmId, clientId);
    return settingsView(saved);
  }

  private async methodView(firmId: string, clientId: string, taxYear: number): Promise<TaxYearMethodView> {
    const chosen = await this.repo.chosenMethod(firmId, clientId, taxYear);
    if (chosen) return { taxYear, method: chosen.method, origin: 'chosen', chosenBy: chosen.chosenById ? { id: chosen.chosenById, displayName: chosen.chosenByName ?? '' } : null, chosenAt: chosen.chosenAt.toISOString() };
    const d = await this.repo.methodDefaults(firmId, clientId);
    if (!d) throw notFound();
    return { taxYear, method: d.clientMethod ?? d.firmMethod, origin: d.clientMethod ? 'client' : 'firm', chosenBy: null, chosenAt: null };
  }
}
