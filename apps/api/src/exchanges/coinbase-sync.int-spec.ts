import { Logger } from '@nestjs/common';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { CoinbaseStub, coinbaseFill } from '../../test/coinbase-stub';
import { seedExchangeCredential, syncOnce, type SyncIds } from '../../test/exchange-sync-fixture';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { SecretBox } from '../secrets/secret-box';
import type { Backoff } from './exchange-client';
import { ExchangeSyncRunner } from './exchange-sync.runner';

const KEY_NAME = 'organizations/3b910e93-0000-4000-8000-000000000001/apiKeys/7d3f5c2a-0000-4000-8000-00000000c0de';
const pair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const { privateKey, publicKey } = pair();

const send = (id: string, created: string, amount: string, currency: string, extra: Record<string, unknown> = {}) => ({
  id, type: 'send', status: 'completed', amount: { amount, currency }, native_amount: { amount: '1.00', currency: 'USD' }, created_at: created, updated_at: created,
  resource: 'transaction', resource_path: `/v2/accounts/w/transactions/${id}`, network: { status: 'confirmed', hash: `0x${id}`, network_name: 'ethereum' }, ...extra,
});

describe('Coinbase sync against the real ccxt coinbase class and a local Coinbase (ES256 JWT keys, real PostgreSQL)', () => {
  let db: TestDatabase;
  let stub: CoinbaseStub;
  let runner: ExchangeSyncRunner;
  const box = new SecretBox(randomBytes(32));
  const delays: number[] = [];
  const backoff: Backoff = { retries: 3, delayMs: (a) => 1000 * 2 ** a, sleep: async (ms) => void delays.push(ms) };
  let ids: SyncIds;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
    stub = await new CoinbaseStub().start();
    stub.keys.set(KEY_NAME, { publicKeyPem: publicKey, view: true });
    runner = new ExchangeSyncRunner(db.dataSource, box, { apiBaseUrl: stub.baseUrl }, backoff);
    ids = await seedExchangeCredential(db.dataSource, box, { exchange: 'coinbase', accountName: 'Coinbase', clientName: 'Cory', apiKey: KEY_NAME, secret: privateKey, keyHint: 'c0de' });
  });
  afterAll(async () => {
    await stub.stop();
    await db.drop();
  });

  const sync = () => syncOnce(db.dataSource, runner, ids);
  const events = (): Promise<Record<string, string | null>[]> =>
    db.dataSource.query(`SELECT fingerprint, type, sent_asset, sent_amount, received_asset, received_amount, fee_asset, fee_amount, income_kind, source_api_ref FROM ledger_event WHERE client_id = $1 ORDER BY occurred_at, fingerprint`, [ids.client]);
  const credential = async () => ((await db.dataSource.query(`SELECT cursors, last_error, balances FROM exchange_credential WHERE id = $1`, [ids.credential])) as Record<string, unknown>[])[0];
  const batchIssues = async (batchId: string) => ((await db.dataSource.query(`SELECT issues FROM import_batch WHERE id = $1`, [batchId])) as { issues: { code: string; value: string }[] }[])[0]?.issues ?? [];

  it('stores fills, sends, fiat deposits and staking rewards with API source refs and Coinbase’s own decimal strings', async () => {
    stub.fills = [
      coinbaseFill('f-buy-1', '2024-02-01T10:00:00.123456Z', 'BTC-USD', 'BUY', '42000.01', '0.123456789012345678', '31.1111'),
      coinbaseFill('f-quote-2', '2024-02-01T11:00:00Z', 'ETH-USD', 'SELL', '2500', '100.00', '0.60', true),
      coinbaseFill('f-swap-3', '2024-02-01T12:00:00Z', 'ETH-BTC', 'SELL', '0.055', '1.5', '0.0001'),
    ];
    stub.wallets = [
      { id: 'w-btc', currency: 'BTC', balance: '0.12345678', transactions: [
        send('t-recv-1', '2024-01-31T09:00:00Z', '0.50000000', 'BTC'),
        send('t-out-2', '2024-02-02T09:00:00Z', '-0.10010000', 'BTC', { network: { status: 'confirmed', hash: '0xabc', network_name: 'bitcoin', transaction_fee: { amount: '0.00010000', currency: 'BTC' }, transaction_amount: { amount: '0.10000000', currency: 'BTC' } }, to: { address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', resource: 'address' } }),
        { ...send('t-fill', '2024-02-01T10:00:00Z', '0.12345678', 'BTC'), type: 'advanced_trade_fill' },
      ] },
      { id: 'w-eth', currency: 'ETH', balance: '2.000000000000000001', transactions: [{ ...send('t-stake-3', '2024-02-03T00:00:00Z', '0.000123456789012345', 'ETH'), type: 'staking_reward' }, { ...send('t-buy-4', '2024-02-03T01:00:00Z', '1.0', 'ETH'), type: 'buy' }] },
      { id: 'w-usd', currency: 'USD', balance: '100.00', transactions: [{ id: 't-ach-5', type: 'fiat_deposit', status: 'completed', amount: { amount: '5000.00', currency: 'USD' }, native_amount: { amount: '5000.00', currency: 'USD' }, created_at: '2024-01-30T00:00:00Z', resource: 'transaction' }] },
    ];
    const { outcome, batchId } = await sync();
    expect(outcome).toEqual({ status: 'succeeded', eventsAdded: 7, duplicatesSkipped: 0, issueCount: 1, error: null });
    expect(await batchIssues(batchId)).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_TYPE', value: 't-buy-4' })]);
    expect(await events()).toEqual([
      { fingerprint: 'api:coinbase:deposits:t-ach-5', type: 'deposit', sent_asset: null, sent_amount: null, received_asset: 'USD', received_amount: '5000', fee_asset: null, fee_amount: null, income_kind: null, source_api_ref: 'coinbase:t-ach-5' },
      { fingerprint: 'api:coinbase:deposits:t-recv-1', type: 'deposit', sent_asset: null, sent_amount: null, received_asset: 'BTC', received_amount: '0.5', fee_asset: null, fee_amount: null, income_kind: null, source_api_ref: 'coinbase:t-recv-1' },
      { fingerprint: 'api:coinbase:trades:f-buy-1', type: 'buy', sent_asset: 'USD', sent_amount: '5185.18637308640859945678', received_asset: 'BTC', received_amount: '0.123456789012345678', fee_asset: 'USD', fee_amount: '31.1111', income_kind: null, source_api_ref: 'coinbase:f-buy-1' },
      { fingerprint: 'api:coinbase:trades:f-quote-2', type: 'sell', sent_asset: 'ETH', sent_amount: '0.04', received_asset: 'USD', received_amount: '100', fee_asset: 'USD', fee_amount: '0.6', income_kind: null, source_api_ref: 'coinbase:f-quote-2' },
      { fingerprint: 'api:coinbase:trades:f-swap-3', type: 'trade', sent_asset: 'ETH', sent_amount: '1.5', received_asset: 'BTC', received_amount: '0.0825', fee_asset: 'BTC', fee_amount: '0.0001', income_kind: null, source_api_ref: 'coinbase:f-swap-3' },
      { fingerprint: 'api:coinbase:withdrawals:t-out-2', type: 'withdrawal', sent_asset: 'BTC', sent_amount: '0.1', received_asset: null, received_amount: null, fee_asset: 'BTC', fee_amount: '0.0001', income_kind: null, source_api_ref: 'coinbase:t-out-2' },
      { fingerprint: 'api:coinbase:transfers:t-stake-3', type: 'income', sent_asset: null, sent_amount: null, received_asset: 'ETH', received_amount: '0.000123456789012345', fee_asset: null, fee_amount: null, income_kind: 'staking', source_api_ref: 'coinbase:t-stake-3' },
    ]);
    const c = await credential();
    expect(c['balances']).toEqual({ BTC: '0.12345678', ETH: '2.000000000000000001', USD: '100' });
    expect(c['cursors']).toEqual({ trades: { since: Date.parse('2024-02-01T12:00:00Z') }, transfers: { since: Date.parse('2024-02-03T01:00:00Z') } });
    // The never-used wallet Coinbase lists is not read.
    expect(stub.calls('/v2/accounts/unused-xlm/transactions')).toEqual([]);
  });

  it('adds nothing on a second sync and asks only for records since the cursors', async () => {
    const before = stub.requests.length;
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 0 });
    const fills = stub.requests.slice(before).find((r) => r.path === '/api/v3/brokerage/orders/historical/fills');
    expect(fills?.query['start_sequence_timestamp']).toBe('2024-02-01T12:00:00.000Z');
    expect((await events()).length).toBe(7);
  });

  it('pages fills by cursor and wallet transactions by starting_after, storing each record once', async () => {
    stub.fills = Array.from({ length: 260 }, (_, i) => coinbaseFill(`fp-${i}`, new Date(Date.parse('2024-03-01T00:00:00Z') + i * 1000).toISOString(), 'SOL-USD', 'BUY', '100.01', '1', '0.01'));
    const wallet = stub.wallets.find((w) => w.id === 'w-btc');
    wallet?.transactions.push(...Array.from({ length: 120 }, (_, i) => send(`tp-${i}`, new Date(Date.parse('2024-03-01T00:00:00Z') + i * 1000).toISOString(), '0.00000001', 'BTC')));
    const before = stub.requests.length;
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 380 });
    const calls = stub.requests.slice(before);
    expect(calls.filter((r) => r.path === '/api/v3/brokerage/orders/historical/fills').map((r) => r.query['cursor'] ?? '')).toEqual(['', '250']);
    expect(calls.filter((r) => r.path === '/v2/accounts/w-btc/transactions').map((r) => r.query['starting_after'] ?? '')).toEqual(['', 'tp-20']);
  });

  it('backs off on HTTP 429 (Coinbase’s rate_limit_exceeded) and then succeeds', async () => {
    delays.length = 0;
    stub.failNext('/api/v3/brokerage/orders/historical/fills', { status: 429, body: JSON.stringify({ errors: [{ id: 'rate_limit_exceeded', message: 'Too many requests' }] }) }, 2);
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 0 });
    expect(delays).toEqual([1000, 2000]);
  });

  it('fails at once with a clear message on a rejected key (401), and names Coinbase’s "View" permission when it is missing', async () => {
    const other = pair();
    stub.keys.set(KEY_NAME, { publicKeyPem: other.publicKey, view: true });
    const before = stub.requests.length;
    const rejected = await sync();
    expect(rejected.outcome.error).toMatch(/^The exchange rejected these API keys/);
    expect(stub.requests.slice(before).filter((r) => r.path === '/api/v3/brokerage/transaction_summary').length).toBe(1);
    stub.keys.set(KEY_NAME, { publicKeyPem: publicKey, view: false });
    const denied = await sync();
    expect(denied.outcome.error).toBe('These keys lack the read permission needed for markets (Coinbase: "View"). Create a read-only key with that permission and connect again.');
    stub.keys.set(KEY_NAME, { publicKeyPem: publicKey, view: true });
    expect((await sync()).outcome.status).toBe('succeeded');
  });
});
