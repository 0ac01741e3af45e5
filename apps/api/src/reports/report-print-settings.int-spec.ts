import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { RUNTIME, type Runtime } from '../common/runtime';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { LocalFileStore } from '../files/local-file-store';
import { importCsvJob } from '../imports/import-job';
import { JobQueue } from '../jobs/job-queue';
import { recomputeAfterBatch, recomputeJob, recomputeServiceFor } from '../reconciliation/recompute-job';
import { PdfRenderer } from './pdf/pdf-renderer';
import { readPdfText } from './pdf/pdf-text-reader';
import { reportJobDeps } from './report-job-deps';
import { reportGenerateJob } from './report-job';

/*
 * The firm's rounding, the client's income schedule and the client's taxpayer id reach the printed forms: generated
 * end to end (real jobs, Chromium, file store) and read back from the PDFs. The job side opens the taxpayer id with the
 * same master key as the HTTP side (as in production, one installation = one key).
 */

const YEAR = 2025;
const HEADER = 'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note';
// 0.1 BTC sold for $6,543.21 (basis $2,000, gain $4,543.21) and $35.20 of staking income, both in 2025.
const CSV = [
  HEADER,
  '2024-01-10T15:00:00Z,buy,,,USD,10000,BTC,0.5,,,,,,r-1,',
  '2025-03-01T15:00:00Z,sell,,,BTC,0.1,USD,6543.21,,,,,,r-2,',
  '2025-04-02T00:00:00Z,income,,,,,ETH,0.01,,,35.20,,staking,r-3,',
].join('\n') + '\n';

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('report print settings on the final forms (dollars, Schedule C, taxpayer id)', () => {
  let t: TestApp;
  let a: Firm;
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  const pdf = new PdfRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'lotline-report-settings-'));
  const files = LocalFileStore.forDataDir(dataDir);

  beforeAll(async () => {
    t = await TestApp.start({ LOTLINE_DATA_DIR: dataDir }, undefined, async (url: string, config: AppConfig) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      // The HTTP side's master key (the app exists by the time a job runs).
      const runtime: Runtime = { config, databaseUrl: url, get secretBox() { return t.app.get<Runtime>(RUNTIME).secretBox; }, jobs: queue, version: 'test', now: () => t.now };
      const recompute = recomputeServiceFor(jobsDb, queue, 'test', () => t.now);
      queue.define(recomputeAfterBatch(importCsvJob(jobsDb, files), jobsDb, recompute));
      queue.define(recomputeJob(recompute));
      queue.define(reportGenerateJob(jobsDb, reportJobDeps(jobsDb, runtime, files, pdf)));
      await queue.start();
      await queue.work();
      return queue;
    });
    a = await t.createFirm('print');
  }, 60_000);
  afterAll(async () => {
    await queue?.stop();
    await jobsDb?.destroy();
    await pdf.close();
    await t.close();
  });

  async function importCsv(): Promise<void> {
    const account = (await t.ok(201, 'POST', `/api/clients/${a.clientId}/accounts`, { token: a.admin.token, body: { name: 'Coinbase', kind: 'exchange' } })).body.id as string;
    const form = new FormData();
    form.append('accountId', account);
    form.append('file', new Blob([CSV], { type: 'text/csv' }), 'coinbase.csv');
    const res = await fetch(`${t.baseUrl}/api/clients/${a.clientId}/imports`, { method: 'POST', headers: { authorization: `Bearer ${a.admin.token}` }, body: form });
    const batch = (await res.json()) as Json;
    await until(async () => {
      const r = await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports/${batch.id}`, { token: a.admin.token });
      if (r.body.status === 'failed') throw new Error(`import failed: ${JSON.stringify(r.body.issues)}`);
      return r.body.status === 'succeeded' ? true : undefined;
    }, 'the import');
    await until(async () => ((await t.ok(200, 'GET', `/api/clients/${a.clientId}/recompute`, { token: a.admin.token })).body.state === 'done' ? true : undefined), 'the recompute');
  }

  async function generate(): Promise<Json> {
    const queued = await t.ok(202, 'POST', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.preparer.token });
    return until(async () => {
      const v = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.admin.token })).body.find((x: Json) => x.id === queued.body.id);
      return v && (v.status === 'succeeded' || v.status === 'failed') ? v : undefined;
    }, 'the generation');
  }

  const pdfText = async (v: Json, kind: string): Promise<string> => {
    const f = v.files.find((x: Json) => x.kind === kind);
    const res = await fetch(`${t.baseUrl}/api/clients/${a.clientId}/reports/${v.id}/files/${f.id}`, { headers: { authorization: `Bearer ${a.preparer.token}` } });
    return (await readPdfText(new Uint8Array(await res.arrayBuffer()))).flatMap((p) => p.lines).join('\n');
  };

  it('prints whole dollars, income on Schedule C and the full taxpayer id; records the settings in the version', async () => {
    await importCsv();
    await t.ok(201, 'POST', `/api/clients/${a.clientId}/billing/payments`, { token: a.admin.token, body: { taxYear: YEAR, method: 'comped', note: 'print settings test' } });
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { reportRounding: 'dollars', storeTaxpayerIds: true } });
    await t.ok(200, 'PATCH', `/api/clients/${a.clientId}`, { token: a.preparer.token, body: { incomeSchedule: 'scheduleC' } });
    await t.ok(200, 'PUT', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.preparer.token, body: { taxpayerId: '123456789' } });

    const v1 = await generate();
    expect(v1).toMatchObject({ version: 1, status: 'succeeded', settings: expect.objectContaining({ rounding: 'dollars', incomeSchedule: 'scheduleC' }) });
    const form8949 = await pdfText(v1, 'form8949_pdf');
    expect(form8949).toContain('123-45-6789');
    expect(form8949).toMatch(/\b6,543\b/);
    expect(form8949).toMatch(/\b4,543\b/);
    expect(form8949).not.toContain('6,543.21');
    const income = await pdfText(v1, 'income_pdf');
    expect(income).toContain('Schedule C, line 1');
    expect(income).not.toMatch(/Schedule 1, line 8/);
    expect(income).not.toContain('35.20');

    // Back to the defaults, id removed: version 2 prints cents, Schedule 1 and a blank id; version 1 keeps its settings.
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { reportRounding: 'cents' } });
    await t.ok(200, 'PATCH', `/api/clients/${a.clientId}`, { token: a.preparer.token, body: { incomeSchedule: 'schedule1' } });
    await t.ok(200, 'DELETE', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.preparer.token });
    t.advance(60_000);
    const v2 = await generate();
    expect(v2).toMatchObject({ version: 2, status: 'succeeded', inputsHash: v1.inputsHash, settings: expect.objectContaining({ rounding: 'cents', incomeSchedule: 'schedule1' }) });
    const form8949v2 = await pdfText(v2, 'form8949_pdf');
    expect(form8949v2).toContain('6,543.21');
    expect(form8949v2).not.toContain('123-45-6789');
    expect(await pdfText(v2, 'income_pdf')).toContain('Schedule 1, line 8v');
    const [, old] = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.admin.token })).body;
    expect(old).toMatchObject({ version: 1, settings: expect.objectContaining({ rounding: 'dollars', incomeSchedule: 'scheduleC' }) });
  }, 180_000);
});
