import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { dataSourceOptions } from '../database/data-source-options';
import { JobQueue } from '../jobs/job-queue';
import { LocalFileStore } from '../files/local-file-store';
import { importCsvJob } from './import-job';

const HEADER = 'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note';
const GOOD = [HEADER, '2024-01-10T15:00:00Z,buy,,,USD,10000,BTC,0.5,USD,10,,,,cb-1,', '2024-06-01T15:00:00Z,sell,,,BTC,0.1,USD,6000,USD,5,,,,cb-2,', '2025-04-01T15:00:00Z,income,,,,,ETH,0.01,,,35.20,,staking,,'].join('\n') + '\n';
const BAD = [HEADER, '2024-01-10T15:00:00Z,buy,,,USD,10000,BTC,0.5,USD,10,,,,cb-9,', '2024-13-01T15:00:00Z,sell,,,BTC,0.1,USD,6000,USD,5,,,,cb-10,'].join('\n') + '\n';

describe('accounts and CSV imports over HTTP (real jobs, real PostgreSQL)', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let accountId: string;
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lotline-imports-'));

  beforeAll(async () => {
    t = await TestApp.start({ LOTLINE_DATA_DIR: dataDir, LOTLINE_MAX_UPLOAD_MB: '1' }, undefined, async (url) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      queue.define(importCsvJob(jobsDb, new LocalFileStore(join(dataDir, 'files'))));
      await queue.start();
      await queue.work();
      return queue;
    });
    a = await t.createFirm('imp');
    b = await t.createFirm('other');
  });
  afterAll(async () => {
    await queue?.stop();
    await jobsDb?.destroy();
    await t.close();
  });

  async function upload(token: string, text: string, fileName: string, clientId = a.clientId): Promise<{ status: number; body: Json }> {
    const form = new FormData();
    form.append('accountId', accountId);
    form.append('file', new Blob([text], { type: 'text/csv' }), fileName);
    const res = await fetch(`${t.baseUrl}/api/clients/${clientId}/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json() };
  }

  async function finished(token: string, batchId: string): Promise<Json> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports/${batchId}`, { token });
      if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body;
      if (Date.now() > deadline) throw new Error(`import ${batchId} still ${r.body.status}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  it('lets the client add an account, refuses a duplicate name', async () => {
    const r = await t.ok(201, 'POST', `/api/clients/${a.clientId}/accounts`, { token: a.client.token, body: { name: 'Coinbase', kind: 'exchange', exchange: 'coinbase' } });
    accountId = r.body.id;
    expect(r.body).toMatchObject({ name: 'Coinbase', kind: 'exchange', eventCount: 0 });
    const dup = await t.call('POST', `/api/clients/${a.clientId}/accounts`, { token: a.preparer.token, body: { name: 'coinbase', kind: 'wallet' } });
    expect(dup.status).toBe(409);
  });

  it('imports an uploaded CSV as a background job and reports rows and new events', async () => {
    const queued = await upload(a.client.token, GOOD, 'coinbase 2024.csv');
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', fileName: 'coinbase 2024.csv', accountName: 'Coinbase' });
    const done = await finished(a.client.token, queued.body.id);
    expect(done).toMatchObject({ status: 'succeeded', format: 'lotline-generic-v1', rowsTotal: 3, rowsDone: 3, eventsAdded: 3, duplicatesSkipped: 0, issueCount: 0 });
    const accounts = await t.ok(200, 'GET', `/api/clients/${a.clientId}/accounts`, { token: a.preparer.token });
    expect(accounts.body).toEqual([expect.objectContaining({ id: accountId, eventCount: 3 })]);
  });

  it('adds nothing when the same file is uploaded again, and says so', async () => {
    const queued = await upload(a.preparer.token, GOOD, 'coinbase 2024 (copy).csv');
    expect(await finished(a.preparer.token, queued.body.id)).toMatchObject({ status: 'succeeded', eventsAdded: 0, duplicatesSkipped: 3 });
  });

  it('stores nothing from a file with a bad row and shows file, line, column and reason', async () => {
    const queued = await upload(a.client.token, BAD, 'bad.csv');
    const done = await finished(a.client.token, queued.body.id);
    expect(done).toMatchObject({ status: 'failed', eventsAdded: 0, issueCount: 1 });
    expect(done.issues).toEqual([expect.objectContaining({ file: 'bad.csv', line: 3, column: 'date', code: 'INVALID_DATE' })]);
    const accounts = await t.ok(200, 'GET', `/api/clients/${a.clientId}/accounts`, { token: a.client.token });
    expect(accounts.body[0].eventCount).toBe(3);
    const history = await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports`, { token: a.admin.token });
    expect(history.body.map((h: Json) => [h.fileName, h.status])).toEqual([
      ['bad.csv', 'failed'],
      ['coinbase 2024 (copy).csv', 'succeeded'],
      ['coinbase 2024.csv', 'succeeded'],
    ]);
  });

  it('gives back the original file byte for byte and audits the download', async () => {
    const [first] = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports`, { token: a.admin.token })).body.slice(-1);
    const r = await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports/${first.id}/file`, { token: a.preparer.token });
    expect(r.text).toBe(GOOD);
    expect(r.headers.get('content-disposition')).toContain("filename*=UTF-8''coinbase%202024.csv");
    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    expect(audit.body.items.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['account.created', 'import.queued', 'import.file_downloaded']));
  });

  it('hides one firm’s imports from another firm (404) and refuses uploads over the size limit (413)', async () => {
    const [first] = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports`, { token: a.admin.token })).body;
    expect((await t.call('GET', `/api/clients/${a.clientId}/imports/${first.id}`, { token: b.admin.token })).status).toBe(404);
    expect((await t.call('GET', `/api/clients/${a.clientId}/imports/${first.id}/file`, { token: b.admin.token })).status).toBe(404);
    expect((await upload(b.admin.token, GOOD, 'x.csv')).status).toBe(404);
    const big = HEADER + '\n' + '2024-01-10T15:00:00Z,buy,,,USD,10000,BTC,0.5,USD,10,,,,,\n'.repeat(25000);
    expect((await upload(a.client.token, big, 'big.csv')).status).toBe(413);
  });
});
