import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { unzipSync } from 'fflate';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import type { Runtime } from '../common/runtime';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { LocalFileStore } from '../files/local-file-store';
import { importCsvJob } from '../imports/import-job';
import { JobQueue } from '../jobs/job-queue';
import { recomputeAfterBatch, recomputeJob, recomputeServiceFor } from '../reconciliation/recompute-job';
import { SecretBox } from '../secrets/secret-box';
import { PdfRenderer } from './pdf/pdf-renderer';
import { readPdfText } from './pdf/pdf-text-reader';
import { ReportGenerator } from './report-generator';
import { reportJobDeps } from './report-job-deps';
import { reportGenerateJob } from './report-job';
import { ReportRepository } from './report.repository';

/*
 * Final reports end to end on real PostgreSQL over real HTTP with real jobs: CSV imports, the recompute, billing's
 * firm-recorded payment, ReconciliationService.computation for the gate and the job, the tax-forms library, the pooled
 * Chromium PDF renderer (PDFs read back with pdfjs) and the local file store.
 */

const YEAR = 2025;
const HEADER = 'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note';
// 0.5 BTC for $10,000 in 2024; 0.1 BTC sold for $6,543.21 in 2025: long term (box L), basis $2,000, gain $4,543.21.
const FIRST = [HEADER, '2024-01-10T15:00:00Z,buy,,,USD,10000,BTC,0.5,,,,,,r-1,', '2025-03-01T15:00:00Z,sell,,,BTC,0.1,USD,6543.21,,,,,,r-2,'].join('\n') + '\n';
// Another 0.1 BTC sold for $1,500: basis $2,000, loss $500. Totals: proceeds $8,043.21, gain $4,043.21.
const SECOND = [HEADER, '2025-06-01T15:00:00Z,sell,,,BTC,0.1,USD,1500,,,,,,r-3,'].join('\n') + '\n';
// ETH sold that was never bought: missing cost basis, a blocking warning.
const NO_BASIS = [HEADER, '2025-02-01T15:00:00Z,sell,,,ETH,1,USD,3000,,,,,,r-9,'].join('\n') + '\n';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
/** "8043.21" -> "8,043.21" (how the forms print cents). */
const printed = (s: string) => Number(s).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('final reports over HTTP (real jobs, billing, reconciliation, forms, Chromium, file store)', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  let runtime: Runtime;
  const pdf = new PdfRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'lotline-reports-'));
  const files = LocalFileStore.forDataDir(dataDir);

  beforeAll(async () => {
    t = await TestApp.start({ LOTLINE_DATA_DIR: dataDir }, undefined, async (url: string, config: AppConfig) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      // The job side's runtime: same version (engine version) and clock as the HTTP side's.
      runtime = { config, databaseUrl: url, secretBox: new SecretBox(randomBytes(32)), jobs: queue, version: 'test', now: () => t.now };
      const recompute = recomputeServiceFor(jobsDb, queue, 'test', () => t.now);
      queue.define(recomputeAfterBatch(importCsvJob(jobsDb, files), jobsDb, recompute));
      queue.define(recomputeJob(recompute));
      queue.define(reportGenerateJob(jobsDb, reportJobDeps(jobsDb, runtime, files, pdf)));
      await queue.start();
      await queue.work();
      return queue;
    });
    a = await t.createFirm('rep');
    b = await t.createFirm('other');
    // A price: a free report (price 0) counts as paid.
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { reportPriceUsd: '149.00', payer: 'firm' } });
  }, 60_000);
  afterAll(async () => {
    await queue?.stop();
    await jobsDb?.destroy();
    await pdf.close();
    await t.close();
  });

  const accounts = new Map<string, string>();
  async function importCsv(clientId: string, accountName: string, csv: string, fileName: string): Promise<void> {
    const key = `${clientId}/${accountName}`;
    if (!accounts.has(key)) accounts.set(key, (await t.ok(201, 'POST', `/api/clients/${clientId}/accounts`, { token: a.admin.token, body: { name: accountName, kind: 'exchange' } })).body.id);
    const form = new FormData();
    form.append('accountId', accounts.get(key) as string);
    form.append('file', new Blob([csv], { type: 'text/csv' }), fileName);
    const res = await fetch(`${t.baseUrl}/api/clients/${clientId}/imports`, { method: 'POST', headers: { authorization: `Bearer ${a.admin.token}` }, body: form });
    const batch = (await res.json()) as Json;
    await until(async () => {
      const r = await t.ok(200, 'GET', `/api/clients/${clientId}/imports/${batch.id}`, { token: a.admin.token });
      if (r.body.status === 'failed') throw new Error(`import failed: ${JSON.stringify(r.body.issues)}`);
      return r.body.status === 'succeeded' ? true : undefined;
    }, 'the import');
    await until(async () => ((await t.ok(200, 'GET', `/api/clients/${clientId}/recompute`, { token: a.admin.token })).body.state === 'done' ? true : undefined), 'the recompute');
  }

  const pay = (clientId: string) => t.ok(201, 'POST', `/api/clients/${clientId}/billing/payments`, { token: a.admin.token, body: { taxYear: YEAR, method: 'comped', note: 'engagement letter 2025-14' } });
  const gate = async (clientId = a.clientId, token = a.preparer.token): Promise<Json> => (await t.ok(200, 'GET', `/api/clients/${clientId}/tax-years/${YEAR}/reports/gate`, { token })).body;
  const versions = async (token = a.admin.token): Promise<Json[]> => (await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token })).body;
  const download = (token: string, v: Json, f: Json, clientId = a.clientId) => fetch(`${t.baseUrl}/api/clients/${clientId}/reports/${v.id}/files/${f.id}`, { headers: { authorization: `Bearer ${token}` } });
  const kindOf = (v: Json, kind: string): Json => v.files.find((f: Json) => f.kind === kind);
  const pdfText = async (token: string, v: Json, kind: string): Promise<string> => {
    const res = await download(token, v, kindOf(v, kind));
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return (await readPdfText(new Uint8Array(await res.arrayBuffer()))).flatMap((p) => p.lines).join('\n');
  };
  async function generate(token = a.preparer.token): Promise<Json> {
    const queued = await t.ok(202, 'POST', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token });
    expect(queued.body).toMatchObject({ status: 'queued', taxYear: YEAR, files: [] });
    return until(async () => {
      const v = (await versions()).find((x) => x.id === queued.body.id);
      return v && (v.status === 'succeeded' || v.status === 'failed') ? v : undefined;
    }, 'the generation');
  }

  it('refuses final generation while unpaid, with the reason; clients may not generate at all', async () => {
    await importCsv(a.clientId, 'Coinbase', FIRST, 'coinbase-2024.csv');
    expect(await gate()).toMatchObject({ taxYear: YEAR, canGenerate: false, paid: false, openBlockingWarnings: 0, reasons: [expect.objectContaining({ code: 'not_paid' })] });
    const refused = await t.call('POST', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.preparer.token });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CONFLICT', details: [expect.objectContaining({ field: 'not_paid' })] });
    expect(refused.body.message).toMatch(/not paid/);
    expect((await t.call('POST', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.client.token })).status).toBe(403);
    expect(await versions()).toEqual([]);
    expect((await t.call('GET', `/api/clients/${a.clientId}/tax-years/20x5/reports`, { token: a.admin.token })).status).toBe(400);
  }, 90_000);

  it('refuses a paid report while a blocking warning is open', async () => {
    await importCsv(a.unassignedClientId, 'Kraken', NO_BASIS, 'kraken.csv');
    await pay(a.unassignedClientId);
    const g = await gate(a.unassignedClientId, a.admin.token);
    expect(g).toMatchObject({ paid: true, canGenerate: false });
    expect(g.openBlockingWarnings).toBeGreaterThan(0);
    const refused = await t.call('POST', `/api/clients/${a.unassignedClientId}/tax-years/${YEAR}/reports`, { token: a.admin.token });
    expect(refused.status).toBe(409);
    expect(refused.body.details.map((d: Json) => d.field)).toEqual(['blocking_warnings']);
  }, 90_000);

  it('paid and clean: version 1, every file stored under its sha256, the PDFs carry the previewed totals', async () => {
    await pay(a.clientId);
    expect(await gate()).toMatchObject({ canGenerate: true, paid: true, reasons: [] });
    const v1 = await generate();
    expect(v1).toMatchObject({ version: 1, status: 'succeeded', engineVersion: 'test', method: 'fifo', supersededAt: null, error: null, createdBy: { id: a.preparer.user.id } });
    expect(v1.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.files.map((f: Json) => f.fileName)).toEqual([
      'audit-trail-2025.csv', 'audit-trail-2025.pdf', 'capital-gains-2025.csv', 'form-8949-2025.pdf', 'holdings-2025.csv', 'income-2025.csv',
      'income-2025.pdf', 'lot-allocation-2025.pdf', 'schedule-d-2025.pdf', 'taxact-2025.csv', 'turbotax-2025.csv',
    ]);
    for (const f of v1.files) {
      const bytes = Buffer.from(await (await download(a.preparer.token, v1, f)).arrayBuffer());
      expect({ file: f.fileName, sha256: sha256(bytes), size: bytes.byteLength }).toEqual({ file: f.fileName, sha256: f.sha256, size: f.sizeBytes });
    }
    const preview = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/preview`, { token: a.preparer.token })).body;
    expect(preview.total).toMatchObject({ rows: 1 });
    expect(printed(preview.total.proceeds)).toBe('6,543.21');
    const form8949 = await pdfText(a.preparer.token, v1, 'form8949_pdf');
    const scheduleD = await pdfText(a.preparer.token, v1, 'schedule_d_pdf');
    for (const amount of [preview.total.proceeds, preview.total.costBasis, preview.total.gain]) {
      expect(form8949).toContain(printed(amount));
      expect(scheduleD).toContain(printed(amount));
    }
    // The audit trail leads every 8949 row back to the uploaded file's lines: the sale (line 3) and the buy (line 2).
    const trail = Buffer.from(await (await download(a.preparer.token, v1, kindOf(v1, 'audit_trail_csv'))).arrayBuffer()).toString();
    expect(trail).toContain('coinbase-2024.csv line 3');
    expect(trail).toContain('coinbase-2024.csv line 2');
    expect((await t.ok(200, 'GET', `/api/clients/${a.clientId}?taxYear=${YEAR}`, { token: a.admin.token })).body.status).toBe('report_generated');
  }, 120_000);

  it('regenerates after the data changed: version 2 supersedes version 1, which stays downloadable byte for byte', async () => {
    const [v1] = await versions();
    const gains = kindOf(v1, 'capital_gains_csv');
    const before = Buffer.from(await (await download(a.admin.token, v1, gains)).arrayBuffer());
    await importCsv(a.clientId, 'Coinbase', SECOND, 'coinbase-2025.csv');
    t.advance(60_000);
    const v2 = await generate(a.admin.token);
    expect(v2).toMatchObject({ version: 2, status: 'succeeded', supersededAt: null });
    expect(v2.inputsHash).not.toBe(v1.inputsHash);
    const [, old] = await versions();
    expect(old).toMatchObject({ id: v1.id, version: 1, status: 'succeeded', supersededByVersion: 2, supersededAt: expect.any(String) });
    expect(old.files).toEqual(v1.files);
    expect(await pdfText(a.client.token, v2, 'schedule_d_pdf')).toContain('4,043.21');
    const res = await download(a.client.token, old, gains);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="capital-gains-2025.csv"; filename*=UTF-8''capital-gains-2025.csv`);
    expect(Buffer.from(await res.arrayBuffer()).equals(before)).toBe(true);
  }, 120_000);

  it('fails a generation whose inputs changed after it was queued, and shows none of it', async () => {
    const repo = new ReportRepository(t.db.dataSource);
    const stale = await t.db.dataSource.transaction((tx) =>
      repo.insertQueued(tx, { firmId: a.admin.user.firmId, clientId: a.clientId, taxYear: YEAR, inputsHash: 'e'.repeat(64), engineVersion: 'test', method: 'fifo', settings: {}, createdBy: a.admin.user.id, at: t.now }),
    );
    expect(stale).toEqual(expect.any(String));
    await new ReportGenerator(t.db.dataSource, reportJobDeps(t.db.dataSource, runtime, files, pdf)).run(stale as string, true);
    const [v3, v2] = await versions();
    expect(v3).toMatchObject({ id: stale, version: 3, status: 'failed', files: [], supersededAt: null });
    expect(v3.error).toMatch(/data changed/);
    expect(v2).toMatchObject({ version: 2, status: 'succeeded', supersededAt: null });
  });

  it('is retry-safe: running a finished version again changes nothing; an internal error is retried, then fails the version', async () => {
    const repo = new ReportRepository(t.db.dataSource);
    const before = await versions();
    const v2 = before.find((v) => v.version === 2);
    await new ReportGenerator(t.db.dataSource, reportJobDeps(t.db.dataSource, runtime, files, pdf)).run(v2.id, true);
    expect(await versions()).toEqual(before);

    const broken = new ReportGenerator(t.db.dataSource, { ...reportJobDeps(t.db.dataSource, runtime, files, pdf), renderer: { render: () => Promise.reject(new Error('Chromium crashed')) } });
    const current = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports/gate`, { token: a.admin.token })).body;
    expect(current.canGenerate).toBe(true);
    const id = await t.db.dataSource.transaction((tx) =>
      repo.insertQueued(tx, { firmId: a.admin.user.firmId, clientId: a.clientId, taxYear: YEAR, inputsHash: v2.inputsHash, engineVersion: 'test', method: 'fifo', settings: {}, createdBy: a.admin.user.id, at: t.now }),
    );
    await expect(broken.run(id as string, false)).rejects.toThrow('Chromium crashed');
    expect((await versions()).find((v) => v.id === id)).toMatchObject({ status: 'running', files: [] });
    await broken.run(id as string, true);
    const failed = (await versions()).find((v) => v.id === id);
    expect(failed).toMatchObject({ version: 4, status: 'failed', files: [], error: 'The report could not be generated (an internal error was logged); try again.' });
    expect((await versions()).find((v) => v.version === 2)).toMatchObject({ status: 'succeeded', supersededAt: null });
  });

  it('zips a whole set, and audits every download with who, which version and which file', async () => {
    const v2 = (await versions(a.client.token)).find((v) => v.version === 2);
    const res = await fetch(`${t.baseUrl}/api/clients/${a.clientId}/reports/${v2.id}/zip`, { headers: { authorization: `Bearer ${a.client.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain('filename="report-2025-v2.zip"');
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(v2.files.map((f: Json) => f.fileName));
    for (const f of v2.files) expect({ file: f.fileName, sha256: sha256(entries[f.fileName]) }).toEqual({ file: f.fileName, sha256: f.sha256 });

    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    const downloads = audit.body.items.filter((e: Json) => e.action === 'report.downloaded');
    const seen = downloads.map((e: Json) => `${e.actor?.id} v${e.summary.version} ${e.summary.kind ?? 'zip'}`);
    expect(seen).toEqual(expect.arrayContaining([`${a.preparer.user.id} v1 form8949_pdf`, `${a.admin.user.id} v1 capital_gains_csv`, `${a.client.user.id} v1 capital_gains_csv`, `${a.client.user.id} v2 schedule_d_pdf`, `${a.client.user.id} v2 zip`]));
    expect(downloads).toHaveLength(11 + 2 + 1 + 1 + 1 + 1 + 1);
    expect(audit.body.items.filter((e: Json) => e.action === 'report.generated')).toHaveLength(2);
    expect(audit.body.items.filter((e: Json) => e.action === 'report.requested')).toHaveLength(2);
  });

  it('never changes a stored version or file, and allows one active generation per client and year', async () => {
    const v2 = (await versions()).find((v) => v.version === 2);
    await expect(t.db.dataSource.query(`UPDATE report_file SET sha256 = $1 WHERE version_id = $2`, ['0'.repeat(64), v2.id])).rejects.toThrow(/insert-only/);
    await expect(t.db.dataSource.query(`UPDATE report_version SET inputs_hash = $1 WHERE id = $2`, ['0'.repeat(64), v2.id])).rejects.toThrow(/only status and superseded/);
    await expect(t.db.dataSource.query(`UPDATE report_version SET status = 'failed', error = 'x' WHERE id = $1`, [v2.id])).rejects.toThrow(/keeps its status/);
    await expect(t.db.dataSource.query(`DELETE FROM report_version WHERE id = $1`, [v2.id])).rejects.toThrow(/never deleted/);
    const repo = new ReportRepository(t.db.dataSource);
    const queued = () =>
      t.db.dataSource.transaction((tx) =>
        repo.insertQueued(tx, { firmId: a.admin.user.firmId, clientId: a.clientId, taxYear: YEAR, inputsHash: 'd'.repeat(64), engineVersion: 'x', method: 'fifo', settings: {}, createdBy: a.admin.user.id, at: t.now }),
      );
    const [one, two] = await Promise.all([queued(), queued()]);
    expect([one, two].filter((x) => x !== null)).toHaveLength(1);
    expect((await gate(a.clientId, a.admin.token)).reasons.map((r: Json) => r.code)).toEqual(['generation_running']);
    const refused = await t.call('POST', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.admin.token });
    expect(refused.body.details.map((d: Json) => d.field)).toEqual(['generation_running']);
  });

  it('answers 404 to other firms and unassigned preparers, for lists, files and zips', async () => {
    const v2 = (await versions()).find((v) => v.version === 2);
    for (const token of [b.admin.token, b.preparer.token, b.client.token]) {
      expect((await t.call('GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token })).status).toBe(404);
      expect((await download(token, v2, v2.files[0])).status).toBe(404);
      expect((await t.call('GET', `/api/clients/${a.clientId}/reports/${v2.id}/zip`, { token })).status).toBe(404);
    }
    // A version id of firm A under firm B's own client id is still not found.
    expect((await download(b.admin.token, v2, v2.files[0], b.clientId)).status).toBe(404);
    expect((await t.call('GET', `/api/clients/${a.unassignedClientId}/tax-years/${YEAR}/reports`, { token: a.preparer.token })).status).toBe(404);
    expect((await download(a.client.token, v2, v2.files[0], a.unassignedClientId)).status).toBe(404);
  });
});
