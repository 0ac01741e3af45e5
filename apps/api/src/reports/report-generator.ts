import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { runOnce } from '../jobs/job-effects';
import { loadEventSources } from './event-sources';
import type { ReportComputationSource, ReportEntitlements, ReportFileStore, ReportSetRenderer } from './report-ports';
import { ReportRepository, type NewReportFile } from './report.repository';

export interface ReportGeneratorDeps {
  readonly computations: ReportComputationSource;
  readonly entitlements: ReportEntitlements;
  readonly files: ReportFileStore;
  readonly renderer: ReportSetRenderer;
  /** The client's taxpayer id to print (opened from its sealed form), or null: the field stays blank. */
  readonly taxpayerIds?: (firmId: string, clientId: string) => Promise<string | null>;
  readonly now?: () => Date;
}

/** A download name safe in a Content-Disposition header and on every file system: [A-Za-z0-9._-], at most 200. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 200);
  return cleaned || 'report';
}

/** A failure the user can act on (the gate closed, the data changed): the version fails at once, no retry. */
export class ReportGenerationRefused extends Error {}

/**
 * Makes one queued report version: recompute the year, check it is still what was queued (same inputs hash, paid, no
 * blocking warnings), render every file, store the bytes (content-addressed: a retry stores nothing twice), then one
 * transaction writes the files, marks the version succeeded, supersedes the earlier versions and sets the client's
 * status. Until that transaction commits nothing of the version is visible; a crash before it retries from the start.
 */
export class ReportGenerator {
  private readonly logger = new Logger('Reports');
  private readonly repo: ReportRepository;
  private readonly now: () => Date;

  constructor(
    private readonly ds: DataSource,
    private readonly deps: ReportGeneratorDeps,
  ) {
    this.repo = new ReportRepository(ds);
    this.now = deps.now ?? (() => new Date());
  }

  /** `finalAttempt`: an unexpected error then fails the version instead of leaving it for a retry. */
  async run(versionId: string, finalAttempt: boolean): Promise<void> {
    const found = await this.repo.findForJob(versionId);
    if (!found) return;
    const { firmId, view } = found;
    if (!(await this.repo.markRunning(versionId))) return; // finished by an earlier attempt
    try {
      const entitlement = await this.deps.entitlements.entitlement(firmId, view.clientId, view.taxYear);
      if (!entitlement.paid) throw new ReportGenerationRefused(`The report is no longer paid${entitlement.reason ? `: ${entitlement.reason}` : ''}.`);
      const computation = await this.deps.computations.computation(firmId, view.clientId, view.taxYear);
      if (computation.openBlockingWarnings > 0) throw new ReportGenerationRefused(`${computation.openBlockingWarnings} blocking warning(s) opened since the request; resolve them and generate again.`);
      if (computation.inputsHash !== view.inputsHash || computation.engineVersion !== view.engineVersion) {
        throw new ReportGenerationRefused('The client’s data changed after the report was requested; generate again to include the changes.');
      }
      const names = await this.repo.names(firmId, view.clientId);
      const sources = computation.sources ?? (await loadEventSources(this.repo, firmId, view.clientId, computation.result, view.taxYear));
      const taxpayerId = (await this.deps.taxpayerIds?.(firmId, view.clientId)) ?? undefined;
      // Print settings as recorded when the version was requested (the firm/client may have changed them since).
      const settings = { ...computation.settings, rounding: view.settings['rounding'], incomeSchedule: view.settings['incomeSchedule'] };
      const rendered = await this.deps.renderer.render({
        taxYear: view.taxYear,
        version: view.version,
        generatedAt: view.createdAt,
        clientName: names?.clientName ?? '',
        firmName: names?.firmName ?? '',
        taxpayerId,
        computation: { ...computation, settings, sources },
      });
      const stored: NewReportFile[] = [];
      for (const file of rendered) {
        const ref = await this.deps.files.put(firmId, file.bytes);
        stored.push({ kind: file.kind, fileName: safeFileName(file.fileName), contentType: file.contentType, sha256: ref.sha256, sizeBytes: ref.sizeBytes, storageKey: ref.storageKey });
      }
      await runOnce(this.ds, `report.generate:${versionId}`, async (tx) => {
        const at = this.now();
        await this.repo.complete(tx, { id: versionId, firmId, clientId: view.clientId, taxYear: view.taxYear, version: view.version }, stored, at);
        await recordAudit(tx, {
          firmId,
          actorUserId: view.createdBy?.id ?? null,
          action: 'report.generated',
          subjectType: 'report_version',
          subjectId: versionId,
          details: { clientId: view.clientId, taxYear: view.taxYear, version: view.version, inputsHash: view.inputsHash, files: stored.map((f) => ({ kind: f.kind, sha256: f.sha256 })) },
        });
      });
    } catch (e) {
      const refused = e instanceof ReportGenerationRefused;
      if (!refused && !finalAttempt) throw e;
      if (!refused) this.logger.error(`report ${versionId} failed: ${e instanceof Error ? e.stack : String(e)}`);
      await this.repo.markFailed(versionId, refused ? (e as Error).message : 'The report could not be generated (an internal error was logged); try again.', this.now());
      await this.ds.transaction((tx) =>
        recordAudit(tx, { firmId, actorUserId: null, action: 'report.failed', subjectType: 'report_version', subjectId: versionId, details: { clientId: view.clientId, taxYear: view.taxYear, version: view.version, refused } }),
      );
    }
  }
}
