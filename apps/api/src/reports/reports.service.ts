import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { zipSync, type Zippable } from 'fflate';
import type { ReportGateView, ReportVersionView } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import { MAX_TAX_YEAR, MIN_TAX_YEAR } from '../clients/client.dto';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { idOrNotFound, notFound } from '../common/ids';
import { RUNTIME, type Runtime } from '../common/runtime';
import { ReportComputationSource, ReportEntitlements, ReportFileStore, type ReportComputation } from './report-ports';
import { REPORT_GENERATE_JOB } from './report-job';
import { ReportRepository } from './report.repository';

export interface ReportDownload {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Readable | Uint8Array;
}

/** Final report sets: the gate (paid + no blocking warnings), queuing a generation, the versions, audited downloads. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ReportRepository,
    private readonly access: ClientAccess,
    private readonly computations: ReportComputationSource,
    private readonly entitlements: ReportEntitlements,
    private readonly files: ReportFileStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async gate(user: AuthUser, clientId: string, year: string): Promise<ReportGateView> {
    const client = await this.access.require(user, clientId, 'read');
    const taxYear = taxYearOf(year);
    return (await this.evaluate(user.firmId, client.id, taxYear)).view;
  }

  async generate(user: AuthUser, clientId: string, year: string, ctx: RequestContext): Promise<ReportVersionView> {
    const client = await this.access.require(user, clientId, 'generate');
    const taxYear = taxYearOf(year);
    const { view, computation } = await this.evaluate(user.firmId, client.id, taxYear);
    const print = await this.repo.printSettings(user.firmId, client.id);
    if (!computation || view.reasons.length > 0) throw new AppError('CONFLICT', view.reasons.map((r) => r.message).join(' '), 409, view.reasons.map((r) => ({ field: r.code, message: r.message })));
    const versionId = await this.ds.transaction(async (tx) => {
      const id = await this.repo.insertQueued(tx, {
        firmId: user.firmId,
        clientId: client.id,
        taxYear,
        inputsHash: computation.inputsHash,
        engineVersion: computation.engineVersion,
        method: computation.method,
        // The print settings as of the request: a later change makes the next version differ, not this one.
        settings: { ...computation.settings, rounding: print.rounding, incomeSchedule: print.incomeSchedule },
        createdBy: user.id,
        at: this.clock(),
      });
      if (!id) throw running();
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'report.requested', subjectType: 'report_version', subjectId: id, details: { clientId: client.id, taxYear, inputsHash: computation.inputsHash }, context: ctx });
      return id;
    });
    try {
      await this.runtime.jobs.send(REPORT_GENERATE_JOB, { versionId });
    } catch (e) {
      // Not queued: fail the version now rather than leave it "queued" and blocking every later request.
      await this.repo.markFailed(versionId, 'The generation could not be queued; try again.', this.clock());
      throw e;
    }
    return this.version(user.firmId, client.id, versionId);
  }

  async list(user: AuthUser, clientId: string, year: string): Promise<ReportVersionView[]> {
    const client = await this.access.require(user, clientId, 'download');
    return this.repo.list(user.firmId, client.id, taxYearOf(year));
  }

  /** One file of a version, exactly as stored; the download is audited (who, which version, which file). */
  async file(user: AuthUser, clientId: string, versionId: string, fileId: string, ctx: RequestContext): Promise<ReportDownload> {
    const client = await this.access.require(user, clientId, 'download');
    const found = await this.repo.find(user.firmId, client.id, idOrNotFound(versionId));
    const file = found?.files.find((f) => f.id === idOrNotFound(fileId));
    if (!found || !file) throw notFound();
    await this.audit(user, ctx, found.view, { fileId: file.id, kind: file.kind, fileName: file.fileName, sha256: file.sha256 });
    return { fileName: file.fileName, contentType: file.contentType, body: await this.files.open(file.storageKey) };
  }

  /** Every file of a succeeded version in one zip (deterministic: the entries carry the version's creation time). */
  async zip(user: AuthUser, clientId: string, versionId: string, ctx: RequestContext): Promise<ReportDownload> {
    const client = await this.access.require(user, clientId, 'download');
    const found = await this.repo.find(user.firmId, client.id, idOrNotFound(versionId));
    if (!found || found.view.status !== 'succeeded') throw notFound();
    const entries: Zippable = {};
    const mtime = new Date(found.view.createdAt);
    for (const f of found.files) entries[f.fileName] = [await readAll(await this.files.open(f.storageKey)), { level: f.contentType === 'application/pdf' ? 0 : 6, mtime }];
    const fileName = `report-${found.view.taxYear}-v${found.view.version}.zip`;
    await this.audit(user, ctx, found.view, { zip: true, fileName, files: found.files.length });
    return { fileName, contentType: 'application/zip', body: zipSync(entries) };
  }

  private async version(firmId: string, clientId: string, versionId: string): Promise<ReportVersionView> {
    const found = await this.repo.find(firmId, clientId, versionId);
    if (!found) throw notFound();
    return found.view;
  }

  private async audit(user: AuthUser, ctx: RequestContext, v: ReportVersionView, details: Record<string, unknown>): Promise<void> {
    await this.ds.transaction((tx) =>
      recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'report.downloaded', subjectType: 'report_version', subjectId: v.id, details: { clientId: v.clientId, taxYear: v.taxYear, version: v.version, ...details }, context: ctx }),
    );
  }

  private async evaluate(firmId: string, clientId: string, taxYear: number): Promise<{ view: ReportGateView; computation: ReportComputation | null }> {
    const [entitlement, computed, active] = await Promise.all([
      this.entitlements.entitlement(firmId, clientId, taxYear),
      this.computations.computation(firmId, clientId, taxYear).then(
        (c) => ({ c, error: null }),
        (e: unknown) => {
          // A computation that cannot run now (never computed, data missing) is a gate reason; anything else is a bug.
          if (e instanceof AppError && e.status === 409) return { c: null, error: e.message };
          throw e;
        },
      ),
      this.repo.hasActive(firmId, clientId, taxYear),
    ]);
    const computation = computed.c;
    const blocking = computation?.openBlockingWarnings ?? 0;
    const reasons: ReportGateView['reasons'][number][] = [];
    if (!entitlement.paid) reasons.push({ code: 'not_paid', message: `The ${taxYear} report is not paid yet${entitlement.reason ? ` (${entitlement.reason})` : ''}; final files need payment first (the preview stays free).` });
    if (computed.error !== null) reasons.push({ code: 'not_computed', message: computed.error });
    if (blocking > 0) reasons.push({ code: 'blocking_warnings', message: `${blocking} blocking warning(s) are open; resolve them before generating.` });
    if (active) reasons.push({ code: 'generation_running', message: running().message });
    const view: ReportGateView = { taxYear, canGenerate: reasons.length === 0, paid: entitlement.paid, openBlockingWarnings: blocking, generationRunning: active, reasons };
    return { view, computation };
  }
}

/** The tax year from the path (checked after the record check, so foreign ids still answer 404 first). */
function taxYearOf(year: string): number {
  const n = /^\d{4}$/.test(year) ? Number(year) : NaN;
  if (!(n >= MIN_TAX_YEAR && n <= MAX_TAX_YEAR)) throw new AppError('VALIDATION_FAILED', `year must be a tax year from ${MIN_TAX_YEAR} to ${MAX_TAX_YEAR}.`, 400, [{ field: 'year', message: `"${year.slice(0, 20)}" is not a tax year` }]);
  return n;
}

const running = () => new AppError('CONFLICT', 'A report for this client and year is already being generated; wait for it to finish.', 409, [{ field: 'generation_running', message: 'A report for this client and year is already being generated.' }]);

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}
