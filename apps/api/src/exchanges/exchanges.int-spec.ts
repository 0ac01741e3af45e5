import { Logger, type LoggerService } from '@nestjs/common';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CoinbaseStub } from '../../test/coinbase-stub';
import { GeminiStub } from '../../test/gemini-stub';
import { KrakenStub, krakenTrade } from '../../test/kraken-stub';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { RUNTIME, type Runtime } from '../common/runtime';
import { dataSourceOptions } from '../database/data-source-options';
import { JobQueue } from '../jobs/job-queue';
import { exchangeSyncJob } from './exchange-sync-job';

const API_KEY = 'LOTLINEKEY-2b7e151628aed2a6abf7-WXYZ';
const SECRET = randomBytes(64).toString('base64');
const ALL = ['BalanceEx', 'TradesHistory', 'Ledgers', 'DepositStatus', 'WithdrawStatus'];
const CB_KEY = 'organizations/0d9f6e21-0000-4000-8000-0000000000aa/apiKeys/5c1e2b7d-0000-4000-8000-00000000beef';
const CB = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const GEMINI_KEY = 'account-Tz5Kq9Wm2Xc7Vb4Np1Ls';
const GEMINI_SECRET = randomBytes(21).toString('base64url');

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

describe('exchange connections over HTTP (real ccxt classes against a local Kraken, Coinbase and Gemini, real jobs)', () => {
  const logs = new CapturingLogger();
  const consoleLines: string[] = [];
  let stub: KrakenStub;
  let coinbase: CoinbaseStub;
  let gemini: GeminiStub;
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  let connectionId: string;
  const BASE_URL = () => gemini.baseUrl;
  const PEM_BODY = CB.privateKey.split('\n').slice(1, -2).join('');

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
    // One local origin for every exchange (as LOTLINE_EXCHANGE_API_BASE_URL is one URL): Gemini -> Coinbase -> Kraken.
    coinbase = await new CoinbaseStub().start();
    coinbase.keys.set(CB_KEY, { publicKeyPem: CB.publicKey, view: true });
    coinbase.wallets = [{ id: 'w-eth', currency: 'ETH', balance: '1.500000000000000001', transactions: [] }];
    coinbase.fallbackUrl = stub.baseUrl;
    gemini = await new GeminiStub().start();
    gemini.keys.set(GEMINI_KEY, { secret: GEMINI_SECRET, roles: ['Auditor'] });
    gemini.balances = [{ type: 'exchange', currency: 'BTC', amount: '0.25', available: '0.25', availableForWithdrawal: '0.25' }];
    gemini.fallbackUrl = coinbase.baseUrl;
    const box = { open: (sealed: string, context: string) => (t.app.get(RUNTIME) as Runtime).secretBox.open(sealed, context) };
    t = await TestApp.start({ LOTLINE_EXCHANGE_API_BASE_URL: BASE_URL(), LOG_LEVEL: 'debug' }, undefined, async (url) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      queue.define(exchangeSyncJob(jobsDb, box, { apiBaseUrl: BASE_URL() }, { retries: 2, delayMs: () => 1, sleep: async () => undefined }));
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
    await coinbase.stop();
    await gemini.stop();
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

  it('connects Coinbase (CDP key name + PEM private key, even pasted with literal \\n) and Gemini keys; refuses a wrong key or a missing role', async () => {
    const cbBase = `/api/clients/${a.clientId}/exchange-connections`;
    const wrongPem = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    const refused = await t.call('POST', cbBase, { token: a.client.token, body: { exchange: 'coinbase', accountName: 'Coinbase', apiKey: CB_KEY, secret: wrongPem } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^The exchange rejected these API keys/);
    expect(refused.text).not.toContain(wrongPem.split('\n')[1]);
    const cb = await t.ok(201, 'POST', cbBase, { token: a.client.token, body: { exchange: 'coinbase', accountName: 'Coinbase', apiKey: CB_KEY, secret: CB.privateKey.trim().replace(/\n/g, '\\n') } });
    expect(cb.body).toMatchObject({ exchange: 'coinbase', keyHint: 'beef', balances: { ETH: '1.500000000000000001' } });
    expect(cb.text).not.toContain(PEM_BODY);
    gemini.keys.set('account-NoAuditorRole0', { secret: GEMINI_SECRET, roles: ['Fund Manager'] });
    const noRole = await t.call('POST', cbBase, { token: a.client.token, body: { exchange: 'gemini', accountName: 'Gemini', apiKey: 'account-NoAuditorRole0', secret: GEMINI_SECRET } });
    expect(noRole.body.message).toBe('These keys lack the read permission needed for balances (Gemini: "Auditor"). Create a read-only key with that permission and connect again.');
    const gem = await t.ok(201, 'POST', cbBase, { token: a.client.token, body: { exchange: 'gemini', accountName: 'Gemini', apiKey: GEMINI_KEY, secret: GEMINI_SECRET } });
    expect(gem.body).toMatchObject({ exchange: 'gemini', keyHint: 'p1Ls', balances: { BTC: '0.25' } });
    const queued = await t.ok(202, 'POST', `${cbBase}/${cb.body.id}/sync`, { token: a.preparer.token });
    expect(await finished(queued.body.batchId)).toMatchObject({ status: 'succeeded', eventsAdded: 0 });
    const queuedGemini = await t.ok(202, 'POST', `${cbBase}/${gem.body.id}/sync`, { token: a.preparer.token });
    expect(await finished(queuedGemini.body.batchId)).toMatchObject({ status: 'succeeded' });
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
    for (const row of rows) expect(row.sealed_secret).toMatch(/^v1\./);
    for (const secret of [API_KEY, SECRET, PEM_BODY, CB_KEY, GEMINI_KEY, GEMINI_SECRET]) expect(dump).not.toContain(secret);
    const everything = [...logs.lines, ...consoleLines].join('\n');
    expect(logs.lines.some((l) => l.includes('succeeded: 1 new events'))).toBe(true); // the capture did see the sync
    expect(logs.lines.some((l) => l.includes('(coinbase) succeeded')) && logs.lines.some((l) => l.includes('(gemini) succeeded'))).toBe(true);
    for (const secret of [API_KEY, SECRET, PEM_BODY, CB_KEY, GEMINI_KEY, GEMINI_SECRET]) expect(everything).not.toContain(secret);
  });

  it('removes a connection: the sealed secret is wiped, sync is refused, the removal is audited', async () => {
    await t.ok(204, 'DELETE', `${base()}/${connectionId}`, { token: a.client.token });
    const [row]: Json[] = await t.db.dataSource.query(`SELECT sealed_secret, removed_at FROM exchange_credential WHERE id = $1`, [connectionId]);
    expect(row.sealed_secret).toBeNull();
    expect(row.removed_at).not.toBeNull();
    expect((await t.ok(200, 'GET', base(), { token: a.client.token })).body.map((c: Json) => c.exchange)).toEqual(['coinbase', 'gemini']);
    expect((await t.call('POST', `${base()}/${connectionId}/sync`, { token: a.client.token })).status).toBe(404);
    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    expect(audit.body.items.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['exchange.connected', 'exchange.sync_queued', 'exchange.synced', 'exchange.removed']));
  });
});
