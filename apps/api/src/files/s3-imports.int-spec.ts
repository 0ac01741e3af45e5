import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DataSource } from 'typeorm';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { S3TestServer } from '../../test/s3-test-server';
import { dataSourceOptions } from '../database/data-source-options';
import { importCsvJob } from '../imports/import-job';
import { JobQueue } from '../jobs/job-queue';
import { createFileStore } from './create-file-store';

const HEADER = 'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note';
// CRLF, a BOM and a non-ASCII note: the download must be the upload, byte for byte.
const CSV = '\uFEFF' + [HEADER, '2024-01-10T15:00:00Z,buy,,,USD,10000,BTC,0.5,USD,10,,,,s3-1,"café, ☕"', '2024-06-01T15:00:00Z,sell,,,BTC,0.1,USD,6000,USD,5,,,,s3-2,'].join('\r\n') + '\r\n';

describe('original files in an S3-compatible store (real HTTP, real jobs, real PostgreSQL, s3rver)', () => {
  let s3: S3TestServer;
  let raw: S3Client;
  let t: TestApp;
  let a: Firm;
  let accountId: string;
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lotline-s3-imports-'));

  beforeAll(async () => {
    s3 = await S3TestServer.start();
    raw = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: S3TestServer.accessKeyId, secretAccessKey: S3TestServer.secretAccessKey } });
    t = await TestApp.start({ LOTLINE_DATA_DIR: dataDir, ...s3.env('tenant-files') }, undefined, async (url, config) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      // The worker's store comes from the same configuration, through the same factory as main.ts.
      queue.define(importCsvJob(jobsDb, createFileStore(config)));
      await queue.start();
      await queue.work();
      return queue;
    });
    a = await t.createFirm('s3');
    accountId = (await t.ok(201, 'POST', `/api/clients/${a.clientId}/accounts`, { token: a.client.token, body: { name: 'Kraken', kind: 'exchange', exchange: 'kraken' } })).body.id;
  });
  afterAll(async () => {
    await queue?.stop();
    await jobsDb?.destroy();
    await t?.close();
    raw?.destroy();
    await s3?.close();
  });

  async function finished(batchId: string): Promise<Json> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports/${batchId}`, { token: a.client.token });
      if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body;
      if (Date.now() > deadline) throw new Error(`import ${batchId} still ${r.body.status}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  async function upload(fileName: string): Promise<Json> {
    const form = new FormData();
    form.append('accountId', accountId);
    form.append('file', new Blob([Buffer.from(CSV, 'utf8')], { type: 'text/csv' }), fileName);
    const res = await fetch(`${t.baseUrl}/api/clients/${a.clientId}/imports`, { method: 'POST', headers: { authorization: `Bearer ${a.client.token}` }, body: form });
    expect(res.status).toBe(202);
    return res.json();
  }

  const bucketKeys = async () => ((await raw.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((o) => o.Key);

  it('keeps the uploaded CSV in the bucket (once), imports it from there, and gives back the original byte for byte', async () => {
    const first = await upload('kraken 2024.csv');
    expect(await finished(first.id)).toMatchObject({ status: 'succeeded', rowsTotal: 2, eventsAdded: 2 });
    const again = await upload('kraken 2024 (again).csv');
    expect(await finished(again.id)).toMatchObject({ status: 'succeeded', eventsAdded: 0, duplicatesSkipped: 2 });

    const [stored]: { storage_key: string; sha256: string }[] = await t.db.dataSource.query(`SELECT storage_key, sha256 FROM stored_file WHERE firm_id = $1`, [a.admin.user.firmId]);
    expect(stored.storage_key).toBe(`${a.admin.user.firmId}/${stored.sha256.slice(0, 2)}/${stored.sha256}`);
    expect(await bucketKeys()).toEqual([`tenant-files/${stored.storage_key}`]);
    expect(existsSync(join(dataDir, 'files'))).toBe(false);

    const res = await fetch(`${t.baseUrl}/api/clients/${a.clientId}/imports/${first.id}/file`, { headers: { authorization: `Bearer ${a.preparer.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''kraken%202024.csv");
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(CSV, 'utf8'))).toBe(true);
  });

  it('answers 404 with a clear message (and audits nothing) when the object has gone from the bucket', async () => {
    const [batch] = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports`, { token: a.admin.token })).body;
    const [stored]: { storage_key: string }[] = await t.db.dataSource.query(`SELECT storage_key FROM stored_file WHERE firm_id = $1`, [a.admin.user.firmId]);
    await raw.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `tenant-files/${stored.storage_key}` }));
    const auditCount = async () => (await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token })).body.items.filter((e: Json) => e.action === 'import.file_downloaded').length;
    const before = await auditCount();
    const r = await t.call('GET', `/api/clients/${a.clientId}/imports/${batch.id}/file`, { token: a.preparer.token });
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('The original file of this import is missing from the file store');
    expect(await auditCount()).toBe(before);
  });
});
