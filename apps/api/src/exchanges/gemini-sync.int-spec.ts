import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { GeminiStub, geminiTrade } from '../../test/gemini-stub';
import { seedExchangeCredential, syncOnce, type SyncIds } from '../../test/exchange-sync-fixture';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { SecretBox } from '../secrets/secret-box';
import type { Backoff } from './exchange-client';
import { ExchangeSyncRunner } from './exchange-sync.runner';

const API_KEY = 'account-Gq7ZxL2mN4pR8sT1vW3y';
const SECRET = randomBytes(21).toString('base64url');
const T0 = Date.UTC(2024, 0, 1);

const transfer = (eid: number, type: 'Deposit' | 'Withdrawal', timestampms: number, currency: string, amount: string, status: string, extra: Record<string, unknown> = {}) => ({
  type, status, timestampms, eid, currency, amount, method: currency === 'USD' ? 'ACH' : undefined, txHash: currency === 'USD' ? undefined : `0x${eid}`, ...extra,
});

describe('Gemini sync against the real ccxt gemini class and a local Gemini (HMAC-SHA384 payloads, real PostgreSQL)', () => {
  let db: TestDatabase;
  let stub: GeminiStub;
  let runner: ExchangeSyncRunner;
  const box = new SecretBox(randomBytes(32));
  const delays: number[] = [];
  const backoff: Backoff = { retries: 3, delayMs: (a) => 1000 * 2 ** a, sleep: async (ms) => void delays.push(ms) };
  let ids: SyncIds;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
    stub = await new GeminiStub().start();
    stub.keys.set(API_KEY, { secret: SECRET, roles: ['Auditor'] });
    stub.balances = [
      { type: 'exchange', currency: 'BTC', amount: '0.123456789', available: '0.123456789', availableForWithdrawal: '0.123456789' },
      { type: 'exchange', currency: 'USD', amount: '1500.00', available: '1500.00', availableForWithdrawal: '1500.00' },
      { type: 'exchange', currency: 'ETH', amount: '0', available: '0', availableForWithdrawal: '0' },
    ];
    runner = new ExchangeSyncRunner(db.dataSource, box, { apiBaseUrl: stub.baseUrl }, backoff);
    ids = await seedExchangeCredential(db.dataSource, box, { exchange: 'gemini', accountName: 'Gemini', clientName: 'Gem', apiKey: API_KEY, secret: SECRET, keyHint: 'W3y0' });
  });
  afterAll(async () => {
    await stub.stop();
    await db.drop();
  });

  const sync = () => syncOnce(db.dataSource, runner, ids);
  const events = (): Promise<Record<string, string | null>[]> =>
    db.dataSource.query(`SELECT fingerprint, type, sent_asset, sent_amount, received_asset, received_amount, fee_asset, fee_amount, usd_value, source_api_ref FROM ledger_event WHERE client_id = $1 ORDER BY occurred_at, fingerprint`, [ids.client]);
  const credential = async () => ((await db.dataSource.query(`SELECT cursors, last_error, balances FROM exchange_credential WHERE id = $1`, [ids.credential])) as Record<string, unknown>[])[0];

  it('asks every spot market for trades, reads transfers, and stores them with API source refs and Gemini’s decimal strings', async () => {
    stub.trades = [
      geminiTrade(73621746145, T0 + 10_123, 'BTCUSD', 'Buy', '42000.10', '0.123456789012345678', 'USD', '12.96'),
      geminiTrade(73621746200, T0 + 20_500, 'ETHBTC', 'Sell', '0.05500', '1.5', 'BTC', '0.0002145'),
    ];
    stub.transfers = [
      transfer(1001, 'Deposit', T0 + 5_000, 'USD', '5000.00', 'Complete'),
      transfer(1002, 'Withdrawal', T0 + 30_000, 'ETH', '0.995', 'Complete', { feeAmount: '0.005', destination: '0x7cb275a5e07ba943fee972e165d80daa67cb2dd0' }),
      transfer(1003, 'Withdrawal', T0 + 40_000, 'BTC', '0.2', 'Pending'),
    ];
    const { outcome } = await sync();
    expect(outcome).toEqual({ status: 'succeeded', eventsAdded: 4, duplicatesSkipped: 0, issueCount: 0, error: null });
    expect(await events()).toEqual([
      { fingerprint: 'api:gemini:deposits:1001', type: 'deposit', sent_asset: null, sent_amount: null, received_asset: 'USD', received_amount: '5000', fee_asset: null, fee_amount: null, usd_value: null, source_api_ref: 'gemini:1001' },
      { fingerprint: 'api:gemini:trades:73621746145', type: 'buy', sent_asset: 'USD', sent_amount: '5185.1974841974197105678', received_asset: 'BTC', received_amount: '0.123456789012345678', fee_asset: 'USD', fee_amount: '12.96', usd_value: '5185.1974841974197105678', source_api_ref: 'gemini:73621746145' },
      { fingerprint: 'api:gemini:trades:73621746200', type: 'trade', sent_asset: 'ETH', sent_amount: '1.5', received_asset: 'BTC', received_amount: '0.0825', fee_asset: 'BTC', fee_amount: '0.0002145', usd_value: null, source_api_ref: 'gemini:73621746200' },
      { fingerprint: 'api:gemini:withdrawals:1002', type: 'withdrawal', sent_asset: 'ETH', sent_amount: '0.995', received_asset: null, received_amount: null, fee_asset: 'ETH', fee_amount: '0.005', usd_value: null, source_api_ref: 'gemini:1002' },
    ]);
    // One call per spot market (the perpetual is not asked), from timestamp 0 in ms.
    expect(stub.calls('/v1/mytrades').map((p) => [p['symbol'], p['timestamp']])).toEqual([['btcusd', 0], ['ethusd', 0], ['ethbtc', 0], ['solusd', 0]]);
    const c = await credential();
    expect(c['balances']).toEqual({ BTC: '0.123456789', USD: '1500' });
    // Transfers wait at the pending withdrawal.
    expect(c['cursors']).toEqual({ trades: { since: T0 + 20_500 }, transfers: { since: T0 + 40_000 } });
  });

  it('re-reads only since the cursors (the newest trade again: a duplicate, not stored twice); a completed pending withdrawal is then stored', async () => {
    const before = stub.requests.length;
    stub.transfers = stub.transfers.map((t) => (t['eid'] === 1003 ? { ...t, status: 'Advanced' } : t));
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 1, duplicatesSkipped: 1 });
    const calls = stub.requests.slice(before);
    expect(calls.filter((r) => r.path === '/v1/mytrades').map((r) => r.payload['timestamp'])).toEqual([T0 + 20_500, T0 + 20_500, T0 + 20_500, T0 + 20_500]);
    expect(calls.find((r) => r.path === '/v1/transfers')?.payload['timestamp']).toBe(T0 + 40_000);
    expect((await events()).map((e) => e['fingerprint'])).toContain('api:gemini:withdrawals:1003');
  });

  it('pages trades 500 at a time and transfers 50 at a time by timestamp, storing each once', async () => {
    stub.trades = Array.from({ length: 520 }, (_, i) => geminiTrade(80000000000 + i, T0 + 100_000 + i, 'SOLUSD', 'Buy', '100.01', '1.000001', 'USD', '0.01'));
    stub.transfers = Array.from({ length: 60 }, (_, i) => transfer(2000 + i, 'Deposit', T0 + 100_000 + i, 'SOL', '0.5', 'Complete'));
    const before = stub.requests.length;
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 580 });
    const calls = stub.requests.slice(before);
    expect(calls.filter((r) => r.path === '/v1/mytrades' && r.payload['symbol'] === 'solusd').map((r) => r.payload['timestamp'])).toEqual([T0 + 20_500, T0 + 100_000 + 499 + 1]);
    expect(calls.filter((r) => r.path === '/v1/transfers').map((r) => r.payload['timestamp'])).toEqual([T0 + 40_000, T0 + 100_000 + 49 + 1]);
  });

  it('backs off on HTTP 429 (Gemini’s RateLimit) and then succeeds', async () => {
    delays.length = 0;
    stub.failNext('/v1/transfers', { status: 429, body: JSON.stringify({ result: 'error', reason: 'RateLimit', message: 'Requests were made too frequently' }) }, 2);
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 0 });
    expect(delays).toEqual([1000, 2000]);
  });

  it('fails at once on a rejected key, and names Gemini’s "Auditor" role when the key lacks it', async () => {
    stub.keys.set(API_KEY, { secret: 'not-the-secret', roles: ['Auditor'] });
    const before = stub.requests.length;
    const rejected = await sync();
    expect(rejected.outcome.error).toMatch(/^The exchange rejected these API keys/);
    expect(stub.requests.slice(before).filter((r) => r.path.startsWith('/v1/') && r.path !== '/v1/symbols').length).toBe(1);
    stub.keys.set(API_KEY, { secret: SECRET, roles: ['Fund Manager'] });
    const denied = await sync();
    expect(denied.outcome.error).toBe('These keys lack the read permission needed for trade history (Gemini: "Auditor"). Create a read-only key with that permission and connect again.');
    stub.keys.set(API_KEY, { secret: SECRET, roles: ['Auditor'] });
    expect((await credential())['last_error']).toBe(denied.outcome.error);
  });
});
