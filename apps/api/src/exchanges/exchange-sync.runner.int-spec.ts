import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KrakenStub, krakenTrade } from '../../test/kraken-stub';
import { seedExchangeCredential, syncOnce, type SyncIds } from '../../test/exchange-sync-fixture';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { SecretBox } from '../secrets/secret-box';
import type { Backoff } from './exchange-client';
import { ExchangeSyncRunner } from './exchange-sync.runner';

const API_KEY = 'kraken-test-key-9Q7Z';
const SECRET = randomBytes(64).toString('base64');
const ALL = ['BalanceEx', 'TradesHistory', 'Ledgers', 'DepositStatus', 'WithdrawStatus'];
const T0 = 1704067200; // 2024-01-01T00:00:00Z

describe('exchange sync against the real ccxt kraken class and a local Kraken (real PostgreSQL)', () => {
  let db: TestDatabase;
  let stub: KrakenStub;
  let runner: ExchangeSyncRunner;
  const box = new SecretBox(randomBytes(32));
  const delays: number[] = [];
  // Backoff without waiting: the delays asked for are recorded instead of slept.
  const backoff: Backoff = { retries: 3, delayMs: (a) => 1000 * 2 ** a, sleep: async (ms) => void delays.push(ms) };
  let ids: SyncIds;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
    stub = await new KrakenStub().start();
    stub.keys.set(API_KEY, { secret: SECRET, allowed: ALL });
    stub.balances = { XXBT: { balance: '0.1234567890', hold_trade: '0' }, ZUSD: { balance: '1500.0000', hold_trade: '0' }, XETH: { balance: '0.0000000000', hold_trade: '0' } };
    runner = new ExchangeSyncRunner(db.dataSource, box, { apiBaseUrl: stub.baseUrl }, backoff);
    ids = await seedExchangeCredential(db.dataSource, box, { exchange: 'kraken', accountName: 'Kraken', clientName: 'Kay', apiKey: API_KEY, secret: SECRET, keyHint: '9Q7Z' });
  });
  afterAll(async () => {
    await stub.stop();
    await db.drop();
  });

  const sync = () => syncOnce(db.dataSource, runner, ids);
  const events = (): Promise<Record<string, string | null>[]> =>
    db.dataSource.query(`SELECT fingerprint, type, sent_asset, sent_amount, received_asset, received_amount, fee_asset, fee_amount, usd_value, income_kind, source_api_ref, source_line FROM ledger_event WHERE client_id = $1 ORDER BY occurred_at, fingerprint`, [ids.client]);
  const credential = async () => ((await db.dataSource.query(`SELECT cursors, last_error, balances, last_synced_at FROM exchange_credential WHERE id = $1`, [ids.credential])) as Record<string, unknown>[])[0];

  it('stores trades, deposits, withdrawals and staking income with API source refs and exact decimals', async () => {
    stub.trades = [
      krakenTrade('TQ1AAA-BBBBB-CCCCC1', T0 + 10.1234, 'XXBTZUSD', 'buy', '42000.10000', '0.123456789012345678', '5185.197851', '13.48151'),
      krakenTrade('TQ1AAA-BBBBB-CCCCC2', T0 + 20.5, 'XETHXXBT', 'sell', '0.05500', '1.50000000', '0.08250000', '0.00021450'),
    ];
    stub.deposits = [{ method: 'Bitcoin', aclass: 'currency', asset: 'XXBT', refid: 'FTQcuak-V6Za8qrWnhzTx67yYHz8Tg', txid: '6544b41b607d8b2512baf801755a3a87b6890eacdb451be8a94059fb11f0a8d9', info: 'bc1qxdsh4sdd29h6ldehz0se5c61asq8cgwyjf2y3z', amount: '0.5000000000', fee: '0.0000000000', time: T0 + 5, status: 'Success' }];
    stub.withdrawals = [
      { method: 'Ether', aclass: 'currency', asset: 'XETH', refid: 'A2BF34S-O7LBNQ-UE4Y4O', txid: '0x298c83c7b0904d8400ef43e1c9e2287b518f7ea3d838822d53f704a1565c274d', info: '0x7cb275a5e07ba943fee972e165d80daa67cb2dd0', amount: '0.9950000000', fee: '0.0050000000', time: T0 + 30, status: 'Success' },
      { method: 'Ether', aclass: 'currency', asset: 'XETH', refid: 'PENDING-1', txid: '', info: '0x7cb2', amount: '0.2000000000', fee: '0.0050000000', time: T0 + 40, status: 'Pending' },
    ];
    stub.ledger = [
      { id: 'L4UESK-KG3EQ-UFO4T5', time: T0 + 50, refid: 'RUSB7W6-ESIXUX-K6PVTM', type: 'staking', subtype: '', aclass: 'currency', asset: 'DOT', amount: '0.0123456789', fee: '0.0000000000', balance: '10.0123456789' },
      { id: 'LTRADE-LEG-1', time: T0 + 10.1234, refid: 'TQ1AAA-BBBBB-CCCCC1', type: 'trade', subtype: '', aclass: 'currency', asset: 'XXBT', amount: '0.1234567890', fee: '0', balance: '0.1234567890' },
    ];
    const { outcome } = await sync();
    expect(outcome).toEqual({ status: 'succeeded', eventsAdded: 5, duplicatesSkipped: 0, issueCount: 0, error: null });
    expect(await events()).toEqual([
      { fingerprint: 'api:kraken:deposits:FTQcuak-V6Za8qrWnhzTx67yYHz8Tg', type: 'deposit', sent_asset: null, sent_amount: null, received_asset: 'BTC', received_amount: '0.5', fee_asset: null, fee_amount: null, usd_value: null, income_kind: null, source_api_ref: 'kraken:FTQcuak-V6Za8qrWnhzTx67yYHz8Tg', source_line: null },
      { fingerprint: 'api:kraken:trades:TQ1AAA-BBBBB-CCCCC1', type: 'buy', sent_asset: 'USD', sent_amount: '5185.197851', received_asset: 'BTC', received_amount: '0.123456789012345678', fee_asset: 'USD', fee_amount: '13.48151', usd_value: '5185.197851', income_kind: null, source_api_ref: 'kraken:TQ1AAA-BBBBB-CCCCC1', source_line: null },
      { fingerprint: 'api:kraken:trades:TQ1AAA-BBBBB-CCCCC2', type: 'trade', sent_asset: 'ETH', sent_amount: '1.5', received_asset: 'BTC', received_amount: '0.0825', fee_asset: 'BTC', fee_amount: '0.0002145', usd_value: null, income_kind: null, source_api_ref: 'kraken:TQ1AAA-BBBBB-CCCCC2', source_line: null },
      { fingerprint: 'api:kraken:withdrawals:A2BF34S-O7LBNQ-UE4Y4O', type: 'withdrawal', sent_asset: 'ETH', sent_amount: '0.995', received_asset: null, received_amount: null, fee_asset: 'ETH', fee_amount: '0.005', usd_value: null, income_kind: null, source_api_ref: 'kraken:A2BF34S-O7LBNQ-UE4Y4O', source_line: null },
      { fingerprint: 'api:kraken:ledger:L4UESK-KG3EQ-UFO4T5', type: 'income', sent_asset: null, sent_amount: null, received_asset: 'DOT', received_amount: '0.0123456789', fee_asset: null, fee_amount: null, usd_value: null, income_kind: 'staking', source_api_ref: 'kraken:L4UESK-KG3EQ-UFO4T5', source_line: null },
    ]);
    const c = await credential();
    expect(c['balances']).toEqual({ BTC: '0.123456789', USD: '1500' });
    expect(c['last_error']).toBeNull();
    // Cursors: newest record per stream, except withdrawals wait at the pending one.
    expect(c['cursors']).toEqual({ trades: { since: (T0 + 20.5) * 1000 }, deposits: { since: (T0 + 5) * 1000 }, withdrawals: { since: (T0 + 40) * 1000 }, ledger: { since: (T0 + 50) * 1000 } });
  });

  it('adds nothing on a second sync, and asks the exchange only for records since the cursors', async () => {
    const before = stub.requests.length;
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 0 });
    const trades = stub.requests.slice(before).find((r) => r.path === '/0/private/TradesHistory');
    expect(trades?.params['start']).toBe(String(T0 + 20));
    expect((await events()).length).toBe(5);
  });

  it('pages through 120 trades (50 per page, ofs) and stores each once', async () => {
    stub.trades = Array.from({ length: 120 }, (_, i) => krakenTrade(`TP${String(i).padStart(4, '0')}-AAAAA-BBBBB`, T0 + 1000 + i, 'XETHZUSD', 'buy', '2300.01', `0.${String(i + 1).padStart(18, '0')}`, '10.00000', '0.02600'));
    const before = stub.requests.length;
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 120 });
    const offsets = stub.requests.slice(before).filter((r) => r.path === '/0/private/TradesHistory').map((r) => r.params['ofs'] ?? '0');
    expect(offsets).toEqual(['0', '50', '100', '120']);
    const [row]: { received_amount: string }[] = await db.dataSource.query(`SELECT received_amount FROM ledger_event WHERE fingerprint = 'api:kraken:trades:TP0000-AAAAA-BBBBB'`);
    expect(row.received_amount).toBe('0.000000000000000001');
  });

  it('backs off on HTTP 429 and on Kraken’s rate-limit error, then succeeds', async () => {
    delays.length = 0;
    stub.failNext('/0/private/TradesHistory', { status: 429, body: 'Too Many Requests' });
    stub.failNext('/0/private/Ledgers', { status: 200, body: JSON.stringify({ error: ['EAPI:Rate limit exceeded'] }) }, 2);
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 0 });
    expect(delays).toEqual([1000, 1000, 2000]);
  });

  it('gives up after the bounded retries and records why, storing nothing', async () => {
    stub.failNext('/0/private/DepositStatus', { status: 429, body: 'Too Many Requests' }, 4);
    const { outcome, batchId } = await sync();
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/^Kraken could not be reached or kept limiting our requests/);
    expect(stub.calls('/0/private/DepositStatus')).toBeGreaterThan(0);
    const [b]: { status: string; error: string }[] = await db.dataSource.query(`SELECT status, error FROM import_batch WHERE id = $1`, [batchId]);
    expect(b).toEqual({ status: 'failed', error: outcome.error });
  });

  it('stops at once on a rejected key (no retry), records a clear error, keeps the cursors', async () => {
    const cursorsBefore = (await credential())['cursors'];
    stub.keys.delete(API_KEY);
    const before = stub.requests.length;
    const { outcome } = await sync();
    expect(outcome).toMatchObject({ status: 'failed', eventsAdded: 0 });
    expect(outcome.error).toMatch(/^The exchange rejected these API keys/);
    expect(stub.requests.slice(before).filter((r) => r.path.startsWith('/0/private/')).length).toBe(1);
    const c = await credential();
    expect(c['last_error']).toBe(outcome.error);
    expect(c['cursors']).toEqual(cursorsBefore);
    stub.keys.set(API_KEY, { secret: SECRET, allowed: ALL });
  });

  it('names the missing permission when the key cannot read the ledger', async () => {
    stub.keys.set(API_KEY, { secret: SECRET, allowed: ALL.filter((e) => e !== 'Ledgers') });
    const { outcome } = await sync();
    expect(outcome.error).toBe('These keys lack the read permission needed for ledger entries (Kraken: "Query Ledger Entries"). Create a read-only key with that permission and connect again.');
    stub.keys.set(API_KEY, { secret: SECRET, allowed: ALL });
  });

  it('running a finished sync batch again changes nothing (job retries are safe)', async () => {
    const { batchId, outcome } = await sync();
    expect(outcome.status).toBe('succeeded');
    const requests = stub.requests.length;
    expect(await runner.run(batchId)).toEqual({ ...outcome, error: null });
    expect(stub.requests.length).toBe(requests);
  });
});
