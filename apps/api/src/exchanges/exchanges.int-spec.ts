import { Logger, type LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { KrakenStub, krakenTrade } from '../../test/kraken-stub';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { RUNTIME, type Runtime } from '../common/runtime';
import { dataSourceOptions } from '../database/data-source-options';
import { JobQueue } from '../jobs/job-queue';
import { exchangeSyncJob } from './exchange-sync-job';

const API_KEY = 'LOTLINEKEY-2b7e151628aed2a6abf7-WXYZ';
const SECRET = randomBytes(64).toString('base64');
const ALL = ['BalanceEx', 'TradesHistory', 'Ledgers', 'DepositStatus', 'WithdrawStatus'];

/** Every line any Nest logger writes, at every level. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private add = (...parts: unknown[]) => void this.lines.push(parts.map((p) => (p instanceof Error ? `${p.message} ${p.stack}` : typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  log = this.add;
  error = this.add;
  warn = this.add;
  debug = this.add;
  verbose = this.add;
  fatal = this.add;
}

describe('exchange connections over HTTP (real ccxt kraken against a local Kraken, real jobs)', () => {
  const logs = new CapturingLogger();
  const consoleLines: string[] = [];
  let stub: KrakenStub;
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  let connectionId: string;

  beforeAll(async () => {
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    // Nest's default logger writes to the streams directly: keep those lines too (and stay quiet).
    for (const stream of [process.stdout, process.stderr]) jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (consoleLines.push(String(chunk)), true));
    Logger.overrideLogger(logs);
    stub = await new KrakenStub().start();
    stub.keys.set(API_KEY, { secret: SECRET, allowed: ALL });
    stub.keys.set('NOFUNDS-KEY-0000', { secret: SECRET, allowed: ['TradesHistory'] });
    stub.balances = { XXBT: { balance: '0.5000000000', hold_trade: '0' } };
    stub.trades = [krakenTrade('TH1AAA-BBBBB-CCCCC1', 1704067300.25, 'XXBTZUSD', 'buy', '42000.1', '0.100000000000000001', '4200.0100000000000042', '10.92')];
    const box = { open: (sealed: string, context: string) => (t.app.get(RUNTIME) as Runtime).secretBox.open(sealed, context) };
    t = await TestApp.start({ LOTLINE_EXCHANGE_API_BASE_URL: stub.baseUrl, LOG_LEVEL: 'debug' }, undefined, async (url) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      queue.define(exchangeSyncJob(jobsDb, box, { apiBaseUrl: stub.baseUrl }, { retries: 2, delayMs: () => 1, sleep: async () => undefined }));
      await queue.start();
      await queue.work();
      return queue;
    });
    Logger.overrideLogger(logs);
    a = await t.createFirm('exa');
    b = await t.createFirm('exb');
  });
  afterAll(async () => {
    await queue?.stop();
    await jobsDb?.destroy();
    await t.close();
    await stub.stop();
    jest.restoreAllMocks();
  });

  const base = () => `/api/clients/${a.clientId}/exchange-connections`;

  async function finished(batchId: string): Promise<Json> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = await t.ok(200, 'GET', `/api/clients/${a.clientId}/imports/${batchId}`, { token: a.client.token });
      if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body;
      if (Date.now() > deadline) throw new Error(`sync ${batchId} still ${r.body.status}`);
      await new Promise((res) => setTimeout(res, 100)); // polling a background job's visible state, not synchronising
    }
  }

  it('refuses keys the exchange rejects, or that cannot read balances, with a clear message and without echoing them', async () => {
    const bad = await t.call('POST', base(), { token: a.client.token, body: { exchange: 'kraken', accountName: 'Kraken', apiKey: 'WRONG-KEY-1234', secret: SECRET } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^The exchange rejected these API keys/);
    const noFunds = await t.call('POST', base(), { token: a.client.token, body: { exchange: 'kraken', accountName: 'Kraken', apiKey: 'NOFUNDS-KEY-0000', secret: SECRET } });
    expect(noFunds.status).toBe(400);
    expect(noFunds.body.message).toBe('These keys lack the read permission needed for balances (Kraken: "Query Funds"). Create a read-only key with that permission and connect again.');
    expect(bad.text + noFunds.text).not.toContain(SECRET);
    expect((await t.ok(200, 'GET', `/api/clients/${a.clientId}/accounts`, { token: a.client.token })).body).toEqual([]);
  });

  it('connects with valid keys (checked by a real call), creating the account; lists it without the key or secret', async () => {
    const r = await t.ok(201, 'POST', base(), { token: a.client.token, body: { exchange: 'kraken', accountName: 'Kraken', apiKey: API_KEY, secret: SECRET } });
    connectionId = r.body.id;
    expect(r.body).toMatchObject({ exchange: 'kraken', accountName: 'Kraken', keyHint: 'WXYZ', lastSyncedAt: null, lastError: null, balances: { BTC: '0.5' } });
    const list = await t.ok(200, 'GET', base(), { token: a.preparer.token });
    expect(list.body).toEqual([r.body]);
    expect(list.text).not.toContain(API_KEY.slice(0, -4));
    expect(list.text).not.toContain(SECRET);
    const dup = await t.call('POST', base(), { token: a.client.token, body: { exchange: 'kraken', accountId: r.body.accountId, apiKey: API_KEY, secret: SECRET } });
    expect(dup.status).toBe(409);
  });

  it('syncs as a background job: events with API source refs and exact decimals; a second sync adds nothing', async () => {
    const queued = await t.ok(202, 'POST', `${base()}/${connectionId}/sync`, { token: a.preparer.token });
    expect(queued.body).toMatchObject({ connectionId, status: 'queued' });
    expect(await finished(queued.body.batchId)).toMatchObject({ status: 'succeeded', fileName: null, eventsAdded: 1, duplicatesSkipped: 0 });
    const [e]: Json[] = await t.db.dataSource.query(`SELECT type, received_amount, sent_amount, source_api_ref FROM ledger_event WHERE client_id = $1`, [a.clientId]);
    expect(e).toEqual({ type: 'buy', received_amount: '0.100000000000000001', sent_amount: '4200.0100000000000042', source_api_ref: 'kraken:TH1AAA-BBBBB-CCCCC1' });
    const again = await t.ok(202, 'POST', `${base()}/${connectionId}/sync`, { token: a.client.token });
    expect(await finished(again.body.batchId)).toMatchObject({ status: 'succeeded', eventsAdded: 0, duplicatesSkipped: 1 });
    const [listed] = (await t.ok(200, 'GET', base(), { token: a.client.token })).body;
    expect(listed.lastSyncedAt).not.toBeNull();
  });

  it('hides the connection from another firm (404 for list, sync and delete)', async () => {
    expect((await t.call('GET', base(), { token: b.admin.token })).status).toBe(404);
    expect((await t.call('POST', `${base()}/${connectionId}/sync`, { token: b.admin.token })).status).toBe(404);
    expect((await t.call('DELETE', `${base()}/${connectionId}`, { token: b.admin.token })).status).toBe(404);
    expect((await t.call('POST', `/api/clients/${b.clientId}/exchange-connections/${connectionId}/sync`, { token: b.admin.token })).status).toBe(404);
  });

  it('keeps only ciphertext in the database and never writes the key or the secret to any log', async () => {
    const rows: Json[] = await t.db.dataSource.query(`SELECT * FROM exchange_credential`);
    const dump = JSON.stringify(rows) + JSON.stringify(await t.db.dataSource.query(`SELECT * FROM audit_event`)) + JSON.stringify(await t.db.dataSource.query(`SELECT * FROM import_batch`));
    expect(rows[0].sealed_secret).toMatch(/^v1\./);
    expect(dump).not.toContain(API_KEY);
    expect(dump).not.toContain(SECRET);
    const everything = [...logs.lines, ...consoleLines].join('\n');
    expect(logs.lines.some((l) => l.includes('succeeded: 1 new events'))).toBe(true); // the capture did see the sync
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(SECRET);
  });

  it('removes a connection: the sealed secret is wiped, sync is refused, the removal is audited', async () => {
    await t.ok(204, 'DELETE', `${base()}/${connectionId}`, { token: a.client.token });
    const [row]: Json[] = await t.db.dataSource.query(`SELECT sealed_secret, removed_at FROM exchange_credential WHERE id = $1`, [connectionId]);
    expect(row.sealed_secret).toBeNull();
    expect(row.removed_at).not.toBeNull();
    expect((await t.ok(200, 'GET', base(), { token: a.client.token })).body).toEqual([]);
    expect((await t.call('POST', `${base()}/${connectionId}/sync`, { token: a.client.token })).status).toBe(404);
    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    expect(audit.body.items.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['exchange.connected', 'exchange.sync_queued', 'exchange.synced', 'exchange.removed']));
  });
});
