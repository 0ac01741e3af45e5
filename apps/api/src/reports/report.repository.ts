import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IncomeSchedule, ReportFileKind, ReportFileView, ReportRounding, ReportVersionStatus, ReportVersionView } from '@lotline/contracts';
import type { SourceRef } from '@lotline/ledger';
import { one, rows } from '../common/sql';

interface VersionRow {
  id: string;
  firm_id: string;
  client_id: string;
  tax_year: number;
  version: number;
  status: ReportVersionStatus;
  inputs_hash: string;
  engine_version: string;
  method: string;
  settings: Record<string, unknown>;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  finished_at: Date | null;
  superseded_at: Date | null;
  superseded_by_version: number | null;
  error: string | null;
}

interface FileRow {
  id: string;
  version_id: string;
  kind: ReportFileKind;
  file_name: string;
  content_type: string;
  sha256: string;
  size_bytes: string;
  storage_key: string;
}

export interface StoredReportFile extends ReportFileView {
  readonly storageKey: string;
}

/** How the forms print (firm rounding, client income schedule); part of a version's settings. */
export interface ReportPrintSettings {
  readonly rounding: ReportRounding;
  readonly incomeSchedule: IncomeSchedule;
}

export interface NewReportFile {
  readonly kind: ReportFileKind;
  readonly fileName: string;
  readonly contentType: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly storageKey: string;
}

const VERSION_SELECT = `
  SELECT v.id, v.firm_id, v.client_id, v.tax_year, v.version, v.status, v.inputs_hash, v.engine_version, v.method, v.settings,
         v.created_by, u.display_name AS created_by_name, v.created_at, v.finished_at, v.superseded_at, s.version AS superseded_by_version, v.error
    FROM report_version v
    LEFT JOIN app_user u ON u.id = v.created_by AND u.firm_id = v.firm_id
    LEFT JOIN report_version s ON s.id = v.superseded_by AND s.firm_id = v.firm_id`;

function sourceOf(r: { source_file_name: string | null; source_line: number | null; source_file_sha256: string | null; source_api_ref: string | null }): SourceRef {
  if (r.source_line !== null) return { kind: 'file', fileName: r.source_file_name ?? '', line: r.source_line, ...(r.source_file_sha256 ? { fileSha256: r.source_file_sha256 } : {}) };
  const ref = r.source_api_ref ?? '';
  if (ref.startsWith('manual:')) return { kind: 'manual', enteredBy: ref.slice(7) };
  const colon = ref.indexOf(':');
  return { kind: 'api', exchange: colon < 0 ? '' : ref.slice(0, colon), recordId: colon < 0 ? ref : ref.slice(colon + 1) };
}

const toFile = (r: FileRow): StoredReportFile => ({
  id: r.id,
  kind: r.kind,
  fileName: r.file_name,
  contentType: r.content_type,
  sha256: r.sha256,
  sizeBytes: Number(r.size_bytes),
  storageKey: r.storage_key,
});

const toView = (r: VersionRow, files: readonly StoredReportFile[]): ReportVersionView => ({
  id: r.id,
  clientId: r.client_id,
  taxYear: r.tax_year,
  version: r.version,
  status: r.status,
  inputsHash: r.inputs_hash,
  engineVersion: r.engine_version,
  method: r.method,
  settings: r.settings,
  createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  supersededAt: r.superseded_at?.toISOString() ?? null,
  supersededByVersion: r.superseded_by_version,
  error: r.error,
  files: files.map((f) => ({ id: f.id, kind: f.kind, fileName: f.fileName, contentType: f.contentType, sha256: f.sha256, sizeBytes: f.sizeBytes })),
});

/** Report versions and their files; every query is scoped by firm (and client). Rows are only ever inserted, or
 * moved along queued -> running -> succeeded/failed and marked superseded (a trigger refuses anything else). */
@Injectable()
export class ReportRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts the next version number for (client, year) as queued; null when one is already queued or running. */
  async insertQueued(
    m: EntityManager,
    v: { firmId: string; clientId: string; taxYear: number; inputsHash: string; engineVersion: string; method: string; settings: Readonly<Record<string, unknown>>; createdBy: string; at: Date },
  ): Promise<string | null> {
    // Serialise version numbering per (client, year); the partial unique index refuses a second active generation.
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('report_version:' || $1::text || ':' || $2::text, 0))`, [v.clientId, v.taxYear]);
    const active = await one<{ id: string }>(m, `SELECT id FROM report_version WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3 AND status IN ('queued','running')`, [v.firmId, v.clientId, v.taxYear]);
    if (active) return null;
    const row = await one<{ id: string }>(
      m,
      `INSERT INTO report_version (firm_id, client_id, tax_year, version, inputs_hash, engine_version, method, settings, created_by, created_at)
       SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7::jsonb, $8, $9 FROM report_version WHERE client_id = $2 AND tax_year = $3
       RETURNING id`,
      [v.firmId, v.clientId, v.taxYear, v.inputsHash, v.engineVersion, v.method, JSON.stringify(v.settings), v.createdBy, v.at],
    );
    return row?.id ?? null;
  }

  async hasActive(firmId: string, clientId: string, taxYear: number): Promise<boolean> {
    return (await one(this.ds.manager, `SELECT 1 FROM report_version WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3 AND status IN ('queued','running')`, [firmId, clientId, taxYear])) !== null;
  }

  async list(firmId: string, clientId: string, taxYear: number): Promise<ReportVersionView[]> {
    const versions = await rows<VersionRow>(this.ds.manager, `${VERSION_SELECT} WHERE v.firm_id = $1 AND v.client_id = $2 AND v.tax_year = $3 ORDER BY v.version DESC`, [firmId, clientId, taxYear]);
    const files = await this.filesOf(this.ds.manager, firmId, versions.map((v) => v.id));
    return versions.map((v) => toView(v, files.get(v.id) ?? []));
  }

  async find(firmId: string, clientId: string, versionId: string, m: EntityManager = this.ds.manager): Promise<{ view: ReportVersionView; files: StoredReportFile[] } | null> {
    const v = await one<VersionRow>(m, `${VERSION_SELECT} WHERE v.firm_id = $1 AND v.client_id = $2 AND v.id = $3`, [firmId, clientId, versionId]);
    if (!v) return null;
    const files = (await this.filesOf(m, firmId, [v.id])).get(v.id) ?? [];
    return { view: toView(v, files), files };
  }

  /** For the job: the version whatever the client (the job carries only the version id). */
  async findForJob(versionId: string): Promise<{ firmId: string; view: ReportVersionView } | null> {
    const v = await one<VersionRow>(this.ds.manager, `${VERSION_SELECT} WHERE v.id = $1`, [versionId]);
    return v ? { firmId: v.firm_id, view: toView(v, []) } : null;
  }

  /** The firm's rounding and the client's income schedule, recorded in each version's settings when it is requested. */
  async printSettings(firmId: string, clientId: string, m: EntityManager = this.ds.manager): Promise<ReportPrintSettings> {
    const r = await one<ReportPrintSettings>(
      m,
      `SELECT f.report_rounding AS rounding, c.income_schedule AS "incomeSchedule" FROM client c JOIN firm f ON f.id = c.firm_id WHERE c.firm_id = $1 AND c.id = $2`,
      [firmId, clientId],
    );
    return r ?? { rounding: 'cents', incomeSchedule: 'schedule1' };
  }

  async names(firmId: string, clientId: string): Promise<{ clientName: string; firmName: string } | null> {
    return one(this.ds.manager, `SELECT c.display_name AS "clientName", f.name AS "firmName" FROM client c JOIN firm f ON f.id = c.firm_id WHERE c.firm_id = $1 AND c.id = $2`, [firmId, clientId]);
  }

  /** queued -> running; false when the version is no longer queued/running (finished by an earlier attempt). */
  async markRunning(versionId: string): Promise<boolean> {
    const r = await rows(this.ds.manager, `UPDATE report_version SET status = 'running' WHERE id = $1 AND status IN ('queued','running') RETURNING id`, [versionId]);
    return r.length === 1;
  }

  async markFailed(versionId: string, error: string, at: Date): Promise<void> {
    await this.ds.query(`UPDATE report_version SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1 AND status IN ('queued','running')`, [versionId, error.slice(0, 2000), at]);
  }

  /**
   * In the caller's transaction: the files, the version succeeded, every earlier succeeded version of (client, year)
   * superseded by it, and the client's status for the year 'report_generated'.
   */
  async complete(m: EntityManager, v: { id: string; firmId: string; clientId: string; taxYear: number; version: number }, files: readonly NewReportFile[], at: Date): Promise<void> {
    for (const f of files) {
      await m.query(
        `INSERT INTO report_file (firm_id, version_id, kind, file_name, content_type, sha256, size_bytes, storage_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [v.firmId, v.id, f.kind, f.fileName, f.contentType, f.sha256, f.sizeBytes, f.storageKey, at],
      );
    }
    await m.query(`UPDATE report_version SET status = 'succeeded', finished_at = $2 WHERE id = $1 AND status = 'running'`, [v.id, at]);
    await m.query(
      `UPDATE report_version SET superseded_at = $5, superseded_by = $4
        WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3 AND status = 'succeeded' AND superseded_at IS NULL AND id <> $4 AND version < $6`,
      [v.firmId, v.clientId, v.taxYear, v.id, at, v.version],
    );
    await m.query(
      `INSERT INTO client_tax_year (firm_id, client_id, tax_year, status, updated_at) VALUES ($1, $2, $3, 'report_generated', $4)
       ON CONFLICT (client_id, tax_year) DO UPDATE SET status = 'report_generated', updated_at = $4`,
      [v.firmId, v.clientId, v.taxYear, at],
    );
  }

  /** Where ledger rows came from (file/line, API record, manual entry), by row id, for the audit trail. */
  async eventSources(firmId: string, clientId: string, ids: readonly string[]): Promise<Map<string, SourceRef>> {
    const map = new Map<string, SourceRef>();
    for (let i = 0; i < ids.length; i += 10_000) {
      const r = await rows<{ id: string; source_file_name: string | null; source_line: number | null; source_file_sha256: string | null; source_api_ref: string | null }>(
        this.ds.manager,
        `SELECT id::text AS id, source_file_name, source_line, source_file_sha256, source_api_ref FROM ledger_event WHERE firm_id = $1 AND client_id = $2 AND id = ANY($3::bigint[])`,
        [firmId, clientId, ids.slice(i, i + 10_000)],
      );
      for (const x of r) map.set(x.id, sourceOf(x));
    }
    return map;
  }

  private async filesOf(m: EntityManager, firmId: string, versionIds: readonly string[]): Promise<Map<string, StoredReportFile[]>> {
    const map = new Map<string, StoredReportFile[]>();
    if (versionIds.length === 0) return map;
    const r = await rows<FileRow>(m, `SELECT * FROM report_file WHERE firm_id = $1 AND version_id = ANY($2::uuid[]) ORDER BY kind`, [firmId, versionIds]);
    for (const f of r) map.set(f.version_id, [...(map.get(f.version_id) ?? []), toFile(f)]);
    return map;
  }
}
