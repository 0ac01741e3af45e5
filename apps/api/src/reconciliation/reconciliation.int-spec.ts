import type { Firm, Json, TestApp } from '../../test/http-app';
import { startReconTestApp, type ReconTestApp } from '../../test/recon-test-app';
import { seedLedger } from './recon-test-support';

/**
 * Client A (America/New_York): two BTC buys, a withdrawal with no deposit within the window, a deposit of unknown
 * origin 9 days later in another wallet, an ETH staking reward without a price, a sale of 0.2 BTC.
 * By hand (FIFO, universal 2024): sale 0.2 BTC from the 2024-01-10 lot at 20,000/BTC -> basis 4,000, proceeds 12,000,
 * gain 8,000 short term, box C.
 */
const EVENTS = [
  { at: '2024-01-10T15:00:00Z', type: 'buy', account: 'Coinbase', sent: '20000 USD', received: '1 BTC' },
  { at: '2024-03-01T15:00:00Z', type: 'buy', account: 'Coinbase', sent: '40000 USD', received: '1 BTC' },
  { at: '2024-04-01T15:00:00Z', type: 'withdrawal', account: 'Coinbase', sent: '0.5 BTC' },
  { at: '2024-04-10T15:00:00Z', type: 'deposit', account: 'Ledger', received: '0.5 BTC' },
  { at: '2024-05-01T15:00:00Z', type: 'income', account: 'Ledger', received: '0.5 ETH', incomeKind: 'staking' },
  { at: '2024-06-01T15:00:00Z', type: 'sell', account: 'Coinbase', sent: '0.2 BTC', received: '12000 USD' },
] as const;

describe('reconciliation over HTTP: recompute job, warnings, resolutions, status (real PostgreSQL, real jobs)', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let ids: string[];
  let app: ReconTestApp;

  beforeAll(async () => {
    app = await startReconTestApp();
    t = app.t;
    a = await t.createFirm('alpha');
    b = await t.createFirm('bravo');
    ids = await seedLedger(t.db.dataSource, a.admin.user.firmId, a.clientId, EVENTS);
  });
  afterAll(async () => {
    await app.close();
  });

  const base = () => `/api/clients/${a.clientId}`;
  const w = (kind: string, eventId: string) => `${kind}:${eventId}`;

  /** Polls the recompute status until the queued computation is done (deadline, no fixed sleeps). */
  async function settled(clientId = a.clientId, token = a.preparer.token): Promise<Json> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = await t.ok(200, 'GET', `/api/clients/${clientId}/recompute`, { token });
      if (r.body.state === 'done' || r.body.state === 'failed') return r.body;
      if (Date.now() > deadline) throw new Error(`recompute still ${r.body.state}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  const warningIds = async (): Promise<string[]> => (await t.ok(200, 'GET', `${base()}/warnings?pageSize=200`, { token: a.preparer.token })).body.items.map((x: Json) => x.id).sort();
  const preview = async (year = 2024): Promise<Json> => (await t.ok(200, 'GET', `${base()}/tax-years/${year}/preview`, { token: a.preparer.token })).body;
  const status2024 = async (): Promise<string> => (await t.ok(200, 'GET', `${base()}?taxYear=2024`, { token: a.admin.token })).body.status;
  const resolve = (body: Json, token = a.preparer.token) => t.call('POST', `${base()}/resolutions`, { token, body });

  it('computes in a background job: warnings stored, totals as computed by hand, status In review', async () => {
    expect((await t.ok(200, 'GET', `${base()}/recompute`, { token: a.client.token })).body.state).toBe('never');
    const queued = await t.ok(202, 'POST', `${base()}/recompute`, { token: a.preparer.token });
    expect(queued.body.state).toBe('queued');
    const done = await settled();
    expect(done).toMatchObject({ state: 'done', eventCount: 6, openBlocking: 4, engineVersion: 'test', lastError: null });
    expect(await warningIds()).toEqual([w('missing-price', ids[3]), w('missing-price', ids[4]), w('uncategorised-inflow', ids[3]), w('unmatched-withdrawal', ids[2])].sort());
    const p = await preview();
    expect(p).toMatchObject({ status: 'in_review', openBlocking: 4, method: { method: 'fifo', origin: 'firm' }, total: { rows: 1, proceeds: '12000', costBasis: '4000', gain: '8000' }, income: '0' });
    expect(p.boxes).toEqual([expect.objectContaining({ box: 'C', term: 'short', gain: '8000' })]);
    expect(p.holdings).toEqual(expect.arrayContaining([expect.objectContaining({ asset: 'BTC', quantity: '1.8', costBasis: '46000' })]));
    expect(await status2024()).toBe('in_review');
  });

  it('shows one warning with its events (source file and line), explanation and actions', async () => {
    const list = await t.ok(200, 'GET', `${base()}/warnings?kind=unmatched-withdrawal`, { token: a.preparer.token });
    const detail = await t.ok(200, 'GET', `${base()}/warnings/${list.body.items[0].key}`, { token: a.preparer.token });
    expect(detail.body).toMatchObject({ id: w('unmatched-withdrawal', ids[2]), actions: ['match-pair', 'mark-sent-to-third-party'], blocking: true });
    expect(detail.body.explanation).toMatch(/matching deposit/);
    expect(detail.body.events).toEqual([expect.objectContaining({ id: ids[2], sent: { asset: 'BTC', amount: '0.5' }, source: { kind: 'file', fileName: 'seed.csv', line: 4 } })]);
    expect((await t.call('GET', `${base()}/warnings/${'0'.repeat(24)}`, { token: a.preparer.token })).status).toBe(404);
  });

  it('refuses a bad resolution with a 400 naming the field, and stores nothing', async () => {
    const bad = await resolve({ payload: { action: 'enter-price', eventId: ids[4], usdValue: 'lots', source: 'x' }, warningIds: [w('missing-price', ids[4])], reason: 'r' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('payload.usdValue');
    const unknownAction = await resolve({ payload: { action: 'delete-everything' }, warningIds: [w('missing-price', ids[4])], reason: 'r' });
    expect(unknownAction.body.details[0].field).toBe('payload.action');
    const stale = await resolve({ payload: { action: 'enter-price', eventId: ids[4], usdValue: '1500', source: 'x' }, warningIds: ['missing-price:999999'], reason: 'r' });
    expect(stale.body.details[0].field).toBe('warningIds[0]');
    const zero = await resolve({ payload: { action: 'accept-zero-basis', account: 'Ledger', asset: 'BTC', quantity: '0.5', acquiredAt: '2024-04-10T15:00:00Z' }, warningIds: [w('uncategorised-inflow', ids[3])], reason: 'r' });
    expect(zero.body.details[0].field).toBe('evidenceNote');
    expect((await t.ok(200, 'GET', `${base()}/resolutions`, { token: a.preparer.token })).body.total).toBe(0);
    expect((await resolve({ payload: { action: 'explain', warningId: 'x' }, warningIds: ['x'], reason: 'r' }, a.client.token)).status).toBe(403);
  });

  it('enter-price: the warning goes, income is counted; audited and listed in the history', async () => {
    const r = await resolve({ payload: { action: 'enter-price', eventId: ids[4], usdValue: '1500', source: 'CoinGecko daily close' }, warningIds: [w('missing-price', ids[4])], reason: 'Price from CoinGecko' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ action: 'enter-price', payload: { usdValue: '1500' }, createdBy: { id: a.preparer.user.id }, undoneBy: null, byClient: false });
    await settled();
    expect(await warningIds()).not.toContain(w('missing-price', ids[4]));
    expect(await preview()).toMatchObject({ income: '1500', incomeByKind: [{ kind: 'staking', usdValue: '1500' }], openBlocking: 3 });
    const audit = await t.ok(200, 'GET', '/api/audit?action=resolution.created', { token: a.admin.token });
    expect(audit.body.items.some((e: Json) => e.subjectId === r.body.id)).toBe(true);
  });

  it('match-pair clears the remaining blocking warnings: status Ready; undo brings them back: In review', async () => {
    const pair = await resolve({ payload: { action: 'match-pair', withdrawalId: ids[2], depositId: ids[3] }, warningIds: [w('unmatched-withdrawal', ids[2]), w('uncategorised-inflow', ids[3])], reason: 'Same 0.5 BTC moved to the hardware wallet' });
    expect(pair.status).toBe(201);
    await settled();
    expect(await warningIds()).toEqual([]);
    expect(await preview()).toMatchObject({ status: 'ready', openBlocking: 0, total: { gain: '8000' } });
    expect(await status2024()).toBe('ready');

    const undone = await t.ok(201, 'POST', `${base()}/resolutions/${pair.body.id}/undo`, { token: a.admin.token, body: { reason: 'Wrong pair' } });
    expect(undone.body).toMatchObject({ action: 'undo', payload: { resolutionId: pair.body.id } });
    await settled();
    expect(await warningIds()).toContain(w('unmatched-withdrawal', ids[2]));
    expect(await status2024()).toBe('in_review');
    expect((await t.call('POST', `${base()}/resolutions/${pair.body.id}/undo`, { token: a.admin.token, body: { reason: 'again' } })).status).toBe(409);
    const history = await t.ok(200, 'GET', `${base()}/resolutions`, { token: a.preparer.token });
    expect(history.body.items.find((x: Json) => x.id === pair.body.id)).toMatchObject({ undoneBy: undone.body.id });
    // Undoing the undo restores the match.
    await t.ok(201, 'POST', `${base()}/resolutions/${undone.body.id}/undo`, { token: a.preparer.token, body: { reason: 'It was right after all' } });
    await settled();
    expect(await status2024()).toBe('ready');
  });

  it('never downgrades a paid tax year', async () => {
    await t.db.dataSource.query(`UPDATE client_tax_year SET status = 'paid' WHERE client_id = $1 AND tax_year = 2024`, [a.clientId]);
    const empty = await resolve({ payload: { action: 'unmatch', withdrawalId: ids[2], depositId: ids[3] }, warningIds: [], reason: 'r' });
    expect(empty.status).toBe(400); // warningIds must name at least one warning
    await t.ok(202, 'POST', `${base()}/recompute`, { token: a.admin.token });
    await settled();
    expect(await status2024()).toBe('paid');
    await t.db.dataSource.query(`UPDATE client_tax_year SET status = 'ready' WHERE client_id = $1 AND tax_year = 2024`, [a.clientId]);
  });

  it('what-if shows FIFO/LIFO/HIFO side by side; choosing HIFO is saved with who/when, audited and recomputed', async () => {
    const wi = await t.ok(200, 'GET', `${base()}/tax-years/2024/what-if`, { token: a.preparer.token });
    const gain = Object.fromEntries(wi.body.methods.map((m: Json) => [m.method, m.total.gain]));
    // The transfer carried the first lot's basis (20,000/BTC) to the wallet; the HIFO pick at Coinbase is the 40,000 lot.
    expect(gain).toEqual({ fifo: '8000', lifo: '4000', hifo: '4000' });
    expect(wi.body.chosen).toBe('fifo');
    const chosen = await t.ok(200, 'PUT', `${base()}/tax-years/2024/method`, { token: a.preparer.token, body: { method: 'hifo' } });
    expect(chosen.body).toMatchObject({ method: 'hifo', origin: 'chosen', chosenBy: { id: a.preparer.user.id } });
    await settled();
    expect(await preview()).toMatchObject({ method: { method: 'hifo' }, total: { costBasis: '8000', gain: '4000' } });
    expect((await t.call('PUT', `${base()}/tax-years/2024/method`, { token: a.preparer.token, body: { method: 'newest' } })).status).toBe(400);
    const audit = await t.ok(200, 'GET', '/api/audit?action=tax_year.method_chosen', { token: a.admin.token });
    expect(audit.body.items[0]).toMatchObject({ subjectId: a.clientId });
  });

  it('lists 8949 rows paginated, each expandable to its lot and source rows', async () => {
    const page = await t.ok(200, 'GET', `${base()}/tax-years/2024/form8949?pageSize=10`, { token: a.client.token });
    expect(page.body).toMatchObject({ total: 1, items: [{ rowNo: 1, eventId: ids[5], proceeds: '12000', term: 'short', box: 'C' }] });
    const row = await t.ok(200, 'GET', `${base()}/tax-years/2024/form8949/1`, { token: a.client.token });
    expect(row.body.lot).toMatchObject({ account: 'Coinbase', quantity: '1', costBasis: '40000' });
    expect(row.body.sourceEvents.map((e: Json) => e.id).sort()).toEqual([ids[1], ids[5]].sort());
    expect((await t.call('GET', `${base()}/tax-years/2024/form8949/2`, { token: a.client.token })).status).toBe(404);
    const count = async (query: string) => (await t.ok(200, 'GET', `${base()}/tax-years/2024/form8949?${query}`, { token: a.preparer.token })).body.total;
    expect([await count('term=short'), await count('term=long'), await count('box=C'), await count('box=A'), await count('asset=BTC'), await count('asset=ETH')]).toEqual([1, 0, 1, 0, 1, 0]);
    expect((await t.ok(200, 'GET', `${base()}/tax-years/2024/form8949?page=2&pageSize=1`, { token: a.preparer.token })).body).toMatchObject({ total: 1, items: [] });
  });

  it('keeps firms apart and preparers to their assigned clients (404, never 403)', async () => {
    await seedLedger(t.db.dataSource, a.admin.user.firmId, a.unassignedClientId, [{ at: '2024-02-01T12:00:00Z', type: 'deposit', account: 'Kraken', received: '2 SOL' }], 'direct.csv');
    await t.ok(202, 'POST', `/api/clients/${a.unassignedClientId}/recompute`, { token: a.admin.token });
    await settled(a.unassignedClientId, a.admin.token);
    const adminQueue = await t.ok(200, 'GET', '/api/warnings?pageSize=200', { token: a.admin.token });
    expect(new Set(adminQueue.body.items.map((x: Json) => x.clientId))).toEqual(new Set([a.unassignedClientId]));
    const prepQueue = await t.ok(200, 'GET', '/api/warnings?pageSize=200', { token: a.preparer.token });
    expect(prepQueue.body.items).toEqual([]);
    expect((await t.call('GET', `/api/clients/${a.unassignedClientId}/warnings`, { token: a.preparer.token })).status).toBe(404);
    expect((await t.call('GET', `/api/warnings?clientId=${a.unassignedClientId}`, { token: a.preparer.token })).status).toBe(404);
    expect((await t.ok(200, 'GET', '/api/warnings', { token: b.admin.token })).body.total).toBe(0);
    for (const [method, path] of [['GET', `${base()}/warnings`], ['GET', `${base()}/tax-years/2024/preview`], ['GET', `${base()}/resolutions`], ['POST', `${base()}/recompute`]] as const) {
      expect({ path, status: (await t.call(method, path, { token: b.admin.token })).status }).toEqual({ path, status: 404 });
    }
  });

  it('filters the queue by kind, severity, blocking and status, with counts by kind', async () => {
    const q = await t.ok(200, 'GET', '/api/warnings?kind=uncategorised-inflow', { token: a.admin.token });
    expect(q.body).toMatchObject({ total: 1, countsByKind: { 'uncategorised-inflow': 1, 'missing-price': 1 }, openBlocking: 2 });
    expect((await t.ok(200, 'GET', '/api/warnings?severity=low', { token: a.admin.token })).body.total).toBe(0);
    expect((await t.ok(200, 'GET', '/api/warnings?blocking=false', { token: a.admin.token })).body.total).toBe(0);
    expect((await t.ok(200, 'GET', '/api/warnings?status=resolved', { token: a.admin.token })).body.total).toBe(0);
    expect((await t.ok(200, 'GET', `/api/warnings?clientId=${a.unassignedClientId}&pageSize=1&page=2`, { token: a.admin.token })).body).toMatchObject({ total: 2, page: 2, items: [expect.anything()] });
    expect((await t.call('GET', '/api/warnings?kind=nonsense', { token: a.admin.token })).status).toBe(400);
  });
});
