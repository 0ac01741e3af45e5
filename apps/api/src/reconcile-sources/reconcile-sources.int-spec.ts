import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { KrakenStub, krakenTrade } from '../../test/kraken-stub';
import { OhlcvStub } from '../../test/ohlcv-stub';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { RUNTIME, type Runtime } from '../common/runtime';
import { dataSourceOptions } from '../database/data-source-options';
import { exchangeSyncJob } from '../exchanges/exchange-sync-job';
import { LocalFileStore } from '../files/local-file-store';
import { importCsvJob } from '../imports/import-job';
import { JobQueue } from '../jobs/job-queue';
import { priceFetchJob } from './price-fetch-job';
import { ReconcileSourcesRepository } from './reconcile-sources.repository';

const FIXTURES = join(__dirname, 'fixtures');
const FORMS = join(__dirname, '../../../../libs/domain/importers/fixtures/form-1099-da');
const HEADER = 'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note';
const ledger = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const deposit = (at: string, asset: string, amount: string) => `${at},deposit,,,,,${asset},${amount},,,,,,,`;
const FAST = { retries: 2, delayMs: () => 1, sleep: async () => undefined };
const API_KEY = 'LOTLINEKEY-5f2b9c0d1e4a7b8c9d0e-QRST';
const SECRET = randomBytes(64).toString('base64');

describe('reconciliation sources: price table, ccxt OHLCV cache, 1099-DA lines, reported balances (real PostgreSQL and jobs)', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let ohlcv: OhlcvStub;
  let kraken: KrakenStub;
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  let accountId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'lotline-sources-'));

  beforeAll(async () => {
    ohlcv = await new OhlcvStub().start();
    kraken = await new KrakenStub().start();
    kraken.keys.set(API_KEY, { secret: SECRET, allowed: ['BalanceEx', 'TradesHistory', 'Ledgers', 'DepositStatus', 'WithdrawStatus'] });
    kraken.balances = { XXBT: { balance: '0.5000000000', hold_trade: '0' } };
    const box = { open: (sealed: string, context: string) => (t.app.get(RUNTIME) as Runtime).secretBox.open(sealed, context) };
    const env = { LOTLINE_DATA_DIR: dataDir, LOTLINE_PRICE_EXCHANGE: 'kraken', LOTLINE_PRICE_API_BASE_URL: ohlcv.baseUrl, LOTLINE_EXCHANGE_API_BASE_URL: kraken.baseUrl };
    t = await TestApp.start(env, undefined, async (url) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      queue.define(importCsvJob(jobsDb, new LocalFileStore(join(dataDir, 'files'))));
      queue.define(priceFetchJob(jobsDb, { apiBaseUrl: ohlcv.baseUrl }, FAST));
      queue.define(exchangeSyncJob(jobsDb, box, { apiBaseUrl: kraken.baseUrl }, FAST));
      await queue.start();
      await queue.work();
      return queue;
    });
    a = await t.createFirm('srca');
    b = await t.createFirm('srcb');
    accountId = (await t.ok(201, 'POST', `/api/clients/${a.clientId}/accounts`, { token: a.preparer.token, body: { name: 'Ledger', kind: 'wallet' } })).body.id;
  });
  afterAll(async () => {
    await queue?.stop();
    await jobsDb?.destroy();
    await t.close();
    await ohlcv.stop();
    await kraken.stop();
  });

  async function post(path: string, token: string, fields: Record<string, string>, file?: { text: string; name: string }): Promise<{ status: number; body: Json }> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('file', new Blob([file.text], { type: 'text/csv' }), file.name);
    const res = await fetch(`${t.baseUrl}/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json() };
  }

  async function until(path: string, token: string, what: string): Promise<Json> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = await t.ok(200, 'GET', path, { token });
      if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body;
      if (Date.now() > deadline) throw new Error(`${what} still ${r.body.status}`);
      await new Promise((res) => setTimeout(res, 100)); // polling a background job's visible state, not synchronising
    }
  }

  async function importLedger(text: string, name: string): Promise<Json> {
    const r = await post(`/clients/${a.clientId}/imports`, a.preparer.token, { accountId }, { text, name });
    expect(r.status).toBe(202);
    return until(`/api/clients/${a.clientId}/imports/${r.body.id}`, a.preparer.token, `import ${name}`);
  }

  async function fetchPrices(): Promise<Json> {
    const queued = await t.ok(202, 'POST', `/api/clients/${a.clientId}/prices/fetch`, { token: a.preparer.token });
    expect(queued.body).toMatchObject({ clientId: a.clientId, exchange: 'kraken', status: 'queued' });
    return until(`/api/clients/${a.clientId}/prices/fetch/${queued.body.id}`, a.preparer.token, 'price fetch');
  }

  const quoteCount = async (firmId: string): Promise<number> =>
    Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM price_quote WHERE firm_id = $1`, [firmId]))[0].n);

  it('imports a price CSV for staff only: exact decimals, instants in UTC, default source; a re-upload adds nothing', async () => {
    const text = readFileSync(join(FIXTURES, 'prices-sample.csv'), 'utf8');
    expect((await post('/prices/imports', a.client.token, {}, { text, name: 'prices-sample.csv' })).status).toBe(403);
    const first = await post('/prices/imports', a.admin.token, {}, { text, name: 'prices-sample.csv' });
    expect(first).toEqual({ status: 201, body: { fileName: 'prices-sample.csv', rows: 6, added: 6, duplicates: 0 } });
    const btc = await t.ok(200, 'GET', '/api/prices?asset=btc', { token: a.preparer.token });
    expect(btc.body.total).toBe(3);
    expect(btc.body.items.map((q: Json) => [q.at, q.granularity, q.priceUsd, q.source])).toEqual([
      ['2024-03-01T00:00:00.000Z', 'day', '61234.56', 'CoinGecko daily close'],
      ['2024-03-01T14:05:00.000Z', 'minute', '61900.123456789012345678', 'csv:prices-sample.csv'],
      ['2024-03-02T00:00:00.000Z', 'day', '62010', 'CoinGecko daily close'],
    ]);
    const again = await post('/prices/imports', a.preparer.token, {}, { text, name: 'prices-sample.csv' });
    expect(again.body).toEqual({ fileName: 'prices-sample.csv', rows: 6, added: 0, duplicates: 6 });
    const page = await t.ok(200, 'GET', '/api/prices?from=2024-03-01T00:00:00Z&to=2024-03-01T23:59:59Z&pageSize=2&page=2', { token: a.admin.token });
    expect(page.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.body.items.map((q: Json) => q.asset)).toEqual(['ETH', 'ETH']);
  });

  it('refuses a bad price CSV, naming every bad line and column, and stores nothing', async () => {
    const before = await quoteCount(a.admin.user.firmId);
    const bad = ['date,asset,price_usd,granularity', '2024-04-01,BTC,70000', '2024-02-30,BTC,100', '2024-04-02,BTC,$100', '2024-04-03,,100', '2024-04-04,BTC,-5', '2024-04-01T10:30:00Z,BTC,1,hour', '2024-04-01,BTC,70001'].join('\n');
    const r = await post('/prices/imports', a.admin.token, {}, { text: bad, name: 'bad.csv' });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('bad.csv has 6 problems; nothing was stored. Fix them and upload the file again.');
    expect(r.body.details.map((d: Json) => d.field)).toEqual(['line 3, date', 'line 4, price_usd', 'line 5, asset', 'line 6, price_usd', 'line 7, granularity', 'line 8, price_usd']);
    expect(r.body.details[1].message).toContain('(got "$100")');
    expect(r.body.details[5].message).toBe('Line 2 already gives BTC at 2024-04-01T00:00:00.000Z from the same source a different price (70000). (got "70001")');
    const noHeader = await post('/prices/imports', a.admin.token, {}, { text: 'day,asset,usd\n2024-04-01,BTC,1\n', name: 'nohead.csv' });
    expect(noHeader.body.details).toEqual([{ field: 'line 1', message: 'The header row lacks the column date. Expected: date, asset, price_usd, and optionally granularity and source.' }]);
    expect(await quoteCount(a.admin.user.firmId)).toBe(before);
  });

  it('fetches the missing daily prices through ccxt fetchOHLCV page by page, caches them, and a second run makes no request', async () => {
    ohlcv.pageSize = 2;
    ohlcv.addDaily('XXBTZUSD', '2024-04-30', ['60000.1', '60100.2', '60200.3', '60300.4', '60400.5', '60500.6']);
    ohlcv.addDaily('XETHZUSD', '2024-05-02', ['3000.5', '3010.25']);
    const imported = await importLedger(
      ledger(deposit('2024-05-01T10:00:00Z', 'BTC', '0.5'), deposit('2024-05-02T10:00:00Z', 'ETH', '2'), '2024-05-03T10:00:00Z,buy,,,USD,600,BTC,0.01,,,,,,,', '2024-05-04T10:00:00Z,withdrawal,,,BTC,0.1,,,,,,,,,'),
      'may.csv',
    );
    expect(imported).toMatchObject({ status: 'succeeded', eventsAdded: 4 });
    const run = await fetchPrices();
    // BTC 05-01 and 05-04 (one range: two pages of two candles), ETH 05-02 (one page); the USD buy needs nothing.
    expect(run).toMatchObject({ status: 'succeeded', daysNeeded: 3, quotesAdded: 6, issues: [], error: null });
    expect(ohlcv.requests.filter((q) => q.path === '/0/public/OHLC').map((q) => [q.params['pair'], q.params['since']])).toEqual([
      ['XXBTZUSD', String(Date.parse('2024-04-30T00:00:00Z') / 1000)],
      ['XXBTZUSD', String(Date.parse('2024-05-02T00:00:00Z') / 1000)],
      ['XETHZUSD', String(Date.parse('2024-05-01T00:00:00Z') / 1000)],
    ]);
    const rows: Json[] = await t.db.dataSource.query(`SELECT asset, at, price_usd, granularity FROM price_quote WHERE firm_id = $1 AND source = 'ccxt:kraken' ORDER BY asset, at`, [a.admin.user.firmId]);
    expect(rows.map((r) => [r.asset, r.at.toISOString().slice(0, 10), r.price_usd, r.granularity])).toEqual([
      ['BTC', '2024-05-01', '60100.2', 'day'],
      ['BTC', '2024-05-02', '60200.3', 'day'],
      ['BTC', '2024-05-03', '60300.4', 'day'],
      ['BTC', '2024-05-04', '60400.5', 'day'],
      ['ETH', '2024-05-02', '3000.5', 'day'],
      ['ETH', '2024-05-03', '3010.25', 'day'],
    ]);
    const calls = ohlcv.calls();
    const second = await fetchPrices();
    expect(second).toMatchObject({ status: 'succeeded', daysNeeded: 0, requests: 0, quotesAdded: 0 });
    expect(ohlcv.calls()).toBe(calls);
  });

  it('backs off on 429; when the exchange keeps limiting the run fails clearly, and the next run fetches only what is missing', async () => {
    ohlcv.addDaily('XETHZUSD', '2024-05-06', ['3100']);
    await importLedger(ledger(deposit('2024-05-06T09:00:00Z', 'ETH', '1')), 'eth-0506.csv');
    ohlcv.failNext('/0/public/OHLC', { status: 429, body: 'Too many requests' }, 1);
    let ohlc = ohlcv.calls('/0/public/OHLC');
    expect(await fetchPrices()).toMatchObject({ status: 'succeeded', daysNeeded: 1, quotesAdded: 1 });
    expect(ohlcv.calls('/0/public/OHLC') - ohlc).toBe(2);

    ohlcv.addDaily('XETHZUSD', '2024-06-10', ['3500']);
    await importLedger(ledger(deposit('2024-06-10T09:00:00Z', 'ETH', '1')), 'eth-0610.csv');
    ohlcv.failNext('/0/public/OHLC', { status: 429, body: 'Too many requests' }, 3);
    ohlc = ohlcv.calls('/0/public/OHLC');
    const failed = await fetchPrices();
    expect(failed).toMatchObject({ status: 'failed', daysNeeded: 1, quotesAdded: 0 });
    expect(failed.error).toBe('kraken could not be reached or kept limiting our requests (RateLimitExceeded). Days read so far are kept; try again later.');
    expect(ohlcv.calls('/0/public/OHLC') - ohlc).toBe(3); // bounded: one attempt and two retries
    expect(await fetchPrices()).toMatchObject({ status: 'succeeded', daysNeeded: 1, quotesAdded: 1 });
  });

  it('reports an asset without a USD market and days without a candle on the run, per asset', async () => {
    await importLedger(ledger(deposit('2024-07-01T09:00:00Z', 'FOO', '100'), deposit('2024-07-02T09:00:00Z', 'DOT', '5')), 'foo.csv');
    const run = await fetchPrices();
    expect(run).toMatchObject({ status: 'succeeded', daysNeeded: 2, quotesAdded: 0 });
    expect(run.issues).toEqual([
      { asset: 'DOT', message: 'Kraken has no daily DOT/USD candle for 1 day (2024-07-02): import those prices from a CSV or enter them by hand.' },
      { asset: 'FOO', message: 'Kraken has no FOO/USD market: import FOO prices from a CSV or enter them by hand (1 day needs one).' },
    ]);
  });

  it('stores the lines of an uploaded 1099-DA with their file and line; a re-upload adds nothing; a bad file stores none', async () => {
    const text = readFileSync(join(FORMS, 'ok/coinbase-2025.csv'), 'utf8');
    const first = await importLedger(text, 'coinbase-1099-da.csv');
    expect(first).toMatchObject({ status: 'succeeded', format: 'form-1099-da', eventsAdded: 0, duplicatesSkipped: 0, issueCount: 0 });
    const lines = async () => t.db.dataSource.query(`SELECT batch_id, file_name, line FROM form_1099_da_line WHERE firm_id = $1 AND client_id = $2 ORDER BY line`, [a.admin.user.firmId, a.clientId]);
    expect((await lines()).map((l: Json) => [l.batch_id, l.file_name, l.line])).toEqual([1, 2, 3].map((n) => [first.id, 'coinbase-1099-da.csv', n + 1]));
    const stored = async (id: string) => (await t.db.dataSource.query(`SELECT form_lines_added FROM import_batch WHERE id = $1`, [id]))[0].form_lines_added;
    expect(await stored(first.id)).toBe(3);
    const again = await importLedger(text, 'coinbase-1099-da (1).csv');
    expect(again).toMatchObject({ status: 'succeeded', eventsAdded: 0, duplicatesSkipped: 3 });
    expect(await stored(again.id)).toBe(0);
    const bad = await importLedger(readFileSync(join(FORMS, 'not-ok/bad-lines.csv'), 'utf8'), 'bad-1099.csv');
    expect(bad.status).toBe('failed');
    expect(bad.issueCount).toBeGreaterThan(0);
    expect(await lines()).toHaveLength(3);
  });

  it("load() returns the client's price quotes (only the assets and dates its events need), reported balances and 1099-DA lines; never another firm's", async () => {
    // An ETH buy on Kraken: the exchange lists BTC only, so ETH is reported as 0 there.
    kraken.trades = [krakenTrade('TETH01-AAAAA-BBBBB1', Date.parse('2024-05-05T12:00:00Z') / 1000, 'XETHZUSD', 'buy', '3050', '0.2', '610', '1.5')];
    const conn = await t.ok(201, 'POST', `/api/clients/${a.clientId}/exchange-connections`, { token: a.client.token, body: { exchange: 'kraken', accountName: 'Kraken', apiKey: API_KEY, secret: SECRET } });
    const sync = await t.ok(202, 'POST', `/api/clients/${a.clientId}/exchange-connections/${conn.body.id}/sync`, { token: a.preparer.token });
    const synced = await until(`/api/clients/${a.clientId}/imports/${sync.body.batchId}`, a.preparer.token, 'sync');
    expect(synced).toMatchObject({ status: 'succeeded', eventsAdded: 1 });
    // Firm B has its own BTC price for the same day: never loaded or listed for firm A.
    const other = await post('/prices/imports', b.admin.token, {}, { text: 'date,asset,price_usd,source\n2024-05-01,BTC,1,firm-b\n', name: 'b.csv' });
    expect(other.body.added).toBe(1);

    const repo = t.app.get(ReconcileSourcesRepository);
    const sources = await t.db.dataSource.transaction((m) => repo.load(m, a.admin.user.firmId, a.clientId));
    expect(sources.priceTable.map((q) => [q.asset, q.at, q.usd.toFixed(), q.source])).toEqual([
      ['BTC', '2024-05-01T00:00:00.000Z', '60100.2', 'ccxt:kraken'],
      ['BTC', '2024-05-02T00:00:00.000Z', '60200.3', 'ccxt:kraken'],
      ['BTC', '2024-05-03T00:00:00.000Z', '60300.4', 'ccxt:kraken'],
      ['BTC', '2024-05-04T00:00:00.000Z', '60400.5', 'ccxt:kraken'],
      ['ETH', '2024-05-02T00:00:00.000Z', '3000.5', 'ccxt:kraken'],
      ['ETH', '2024-05-03T00:00:00.000Z', '3010.25', 'ccxt:kraken'],
      ['ETH', '2024-05-06T00:00:00.000Z', '3100', 'ccxt:kraken'],
      ['ETH', '2024-06-10T00:00:00.000Z', '3500', 'ccxt:kraken'],
    ]); // the March CSV quotes are outside every asset's range; USDC is in no event
    expect(sources.reportedBalances.map((r) => [r.account, r.asset, r.quantity.toFixed(), r.source])).toEqual([
      ['Kraken', 'BTC', '0.5', `kraken sync ${sync.body.batchId}`],
      ['Kraken', 'ETH', '0', `kraken sync ${sync.body.batchId}`],
    ]);
    const [{ finished_at: finishedAt }] = await t.db.dataSource.query(`SELECT finished_at FROM import_batch WHERE id = $1`, [sync.body.batchId]);
    expect(sources.reportedBalances[0].at).toBe(finishedAt.toISOString());
    expect(sources.form1099Da).toHaveLength(3);
    expect(sources.form1099Da[0]).toMatchObject({ brokerName: 'Coinbase Inc.', assetCode: 'BTC', dateDisposed: '2025-06-30', dateAcquired: '2025-01-15', term: 'short', basisReportedToIrs: true, source: { kind: 'file', fileName: 'coinbase-1099-da.csv', line: 2 } });
    expect(sources.form1099Da[0].proceeds.toFixed()).toBe('1612.5');
    expect(sources.form1099Da[0].id).toMatch(/^da_/);

    expect(await repo.loadNow(b.admin.user.firmId, a.clientId)).toEqual({ priceTable: [], reportedBalances: [], form1099Da: [] });
    expect(await repo.loadNow(b.admin.user.firmId, b.clientId)).toEqual({ priceTable: [], reportedBalances: [], form1099Da: [] });
    const listedToB = await t.ok(200, 'GET', '/api/prices?pageSize=500', { token: b.admin.token });
    expect(listedToB.body.items.map((q: Json) => q.source)).toEqual(['firm-b']);
  });
});
