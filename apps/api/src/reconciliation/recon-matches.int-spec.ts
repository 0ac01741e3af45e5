import type { Firm, Json, TestApp } from '../../test/http-app';
import { startReconTestApp, type ReconTestApp } from '../../test/recon-test-app';
import { seedLedger } from './recon-test-support';

/**
 * A BTC withdrawal and, 1 h later in another wallet, a deposit of the same 1 BTC with the same tx hash (exact: applied
 * automatically); an ETH withdrawal of 2 and, 60 h later, a deposit of 1.99 (confidence 0.6567, medium: a suggestion).
 */
const EVENTS = [
  { at: '2024-01-02T10:00:00Z', type: 'buy', account: 'Coinbase', sent: '30000 USD', received: '1 BTC' },
  { at: '2024-01-03T10:00:00Z', type: 'buy', account: 'Coinbase', sent: '5000 USD', received: '2 ETH' },
  { at: '2024-02-01T00:00:00Z', type: 'withdrawal', account: 'Coinbase', sent: '1 BTC', txId: '0xabc' },
  { at: '2024-02-01T01:00:00Z', type: 'deposit', account: 'Ledger', received: '1 BTC', txId: '0xabc' },
  { at: '2024-03-01T00:00:00Z', type: 'withdrawal', account: 'Coinbase', sent: '2 ETH', usd: '6000' },
  { at: '2024-03-03T12:00:00Z', type: 'deposit', account: 'Ledger', received: '1.99 ETH' },
] as const;

describe('applied transfer matches: listed, unmatched and re-matched (real PostgreSQL, real jobs)', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let ids: string[];
  let app: ReconTestApp;

  beforeAll(async () => {
    app = await startReconTestApp();
    t = app.t;
    a = await t.createFirm('match');
    b = await t.createFirm('other');
    ids = await seedLedger(t.db.dataSource, a.admin.user.firmId, a.clientId, EVENTS);
  });
  afterAll(async () => {
    await app.close();
  });

  const base = () => `/api/clients/${a.clientId}`;
  /** Polls the recompute status until the queued computation is done (deadline, no fixed sleeps). */
  async function settled(): Promise<void> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = await t.ok(200, 'GET', `${base()}/recompute`, { token: a.preparer.token });
      if (r.body.state === 'done') return;
      if (r.body.state === 'failed') throw new Error(`recompute failed: ${r.body.lastError}`);
      if (Date.now() > deadline) throw new Error(`recompute still ${r.body.state}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  const matches = async (query = ''): Promise<Json> => (await t.ok(200, 'GET', `${base()}/matches${query}`, { token: a.preparer.token })).body;
  const open = async (): Promise<string[]> => (await t.ok(200, 'GET', `${base()}/warnings?pageSize=200`, { token: a.preparer.token })).body.items.map((x: Json) => x.id);
  const unmatch = (withdrawalId: string, depositId: string, token = a.preparer.token, clientId = a.clientId) =>
    t.call('POST', `/api/clients/${clientId}/resolutions`, { token, body: { payload: { action: 'unmatch', withdrawalId, depositId }, warningIds: [], reason: 'separate wallets of different people' } });

  it('lists the automatic exact match with its amounts, tier, confidence and dates; the medium pair is only a suggestion', async () => {
    await t.ok(202, 'POST', `${base()}/recompute`, { token: a.admin.token });
    await settled();
    const list = await matches();
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(list.items).toEqual([
      expect.objectContaining({
        withdrawalId: ids[2], depositId: ids[3], asset: 'BTC', fromAccount: 'Coinbase', toAccount: 'Ledger', sent: '1', received: '1', fee: '0',
        tier: 'exact', automatic: true, resolutionId: null, withdrawnAt: '2024-02-01T00:00:00.000Z', depositedAt: '2024-02-01T01:00:00.000Z',
      }),
    ]);
    expect(list.items[0].confidence).toBeGreaterThan(0.85);
    expect(await open()).toEqual(expect.arrayContaining([`unmatched-withdrawal:${ids[4]}`, `unmatched-deposit:${ids[5]}`]));
    expect(await open()).not.toContain(`unmatched-withdrawal:${ids[2]}`);
  });

  it('lists a match made by accepting a suggestion as manual, with its resolution; filters by origin', async () => {
    const bulk = await t.ok(201, 'POST', `${base()}/resolutions/accept-suggestions`, { token: a.preparer.token, body: { minConfidence: 0.6 } });
    expect(bulk.body.created).toBe(1);
    await settled();
    expect((await matches()).total).toBe(2);
    const manual = await matches('?origin=manual');
    expect(manual.items).toEqual([expect.objectContaining({ withdrawalId: ids[4], depositId: ids[5], sent: '2', received: '1.99', automatic: false, resolutionId: bulk.body.resolutions[0].id })]);
    expect((await matches('?origin=automatic')).items.map((m: Json) => m.withdrawalId)).toEqual([ids[2]]);
    expect((await matches('?pageSize=1&page=2')).items.map((m: Json) => m.withdrawalId)).toEqual([ids[4]]);
    expect((await t.call('GET', `${base()}/matches?origin=both`, { token: a.preparer.token })).status).toBe(400);
  });

  it('refuses an unmatch that names no applied automatic match, and other actions without a warning (400 naming the field)', async () => {
    const none = await unmatch(ids[2], ids[5]);
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('payload.depositId');
    const manual = await unmatch(ids[4], ids[5]);
    expect(manual.status).toBe(400);
    expect(JSON.stringify(manual.body)).toContain('undo that resolution');
    const noWarning = await t.call('POST', `${base()}/resolutions`, { token: a.preparer.token, body: { payload: { action: 'explain', warningId: 'x' }, warningIds: [], reason: 'r' } });
    expect(noWarning.status).toBe(400);
    expect(JSON.stringify(noWarning.body)).toContain('warningIds');
  });

  it('unmatch: audited, recomputed, the two events become unmatched warnings; undoing it matches them again', async () => {
    const r = await unmatch(ids[2], ids[3]);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ action: 'unmatch', warningIds: [] });
    await settled();
    expect((await matches('?origin=automatic')).total).toBe(0);
    expect(await open()).toEqual(expect.arrayContaining([`unmatched-withdrawal:${ids[2]}`, `unmatched-deposit:${ids[3]}`]));
    const audit = await t.ok(200, 'GET', '/api/audit?action=resolution.created', { token: a.admin.token });
    expect(audit.body.items.some((e: Json) => e.subjectId === r.body.id)).toBe(true);

    await t.ok(201, 'POST', `${base()}/resolutions/${r.body.id}/undo`, { token: a.preparer.token, body: { reason: 'same person after all' } });
    await settled();
    expect((await matches('?origin=automatic')).items).toEqual([expect.objectContaining({ withdrawalId: ids[2], depositId: ids[3], automatic: true })]);
    const after = await open();
    expect(after).not.toContain(`unmatched-withdrawal:${ids[2]}`);
    expect(after).not.toContain(`unmatched-deposit:${ids[3]}`);
  });

  it('answers 404 to another firm and to an unassigned preparer, 403 to the client', async () => {
    expect((await t.call('GET', `${base()}/matches`, { token: b.admin.token })).status).toBe(404);
    expect((await unmatch(ids[2], ids[3], b.admin.token)).status).toBe(404);
    expect((await t.call('GET', `/api/clients/${a.unassignedClientId}/matches`, { token: a.preparer.token })).status).toBe(404);
    expect((await unmatch(ids[2], ids[3], a.preparer.token, a.unassignedClientId)).status).toBe(404);
    expect((await t.call('GET', `${base()}/matches`, { token: a.client.token })).status).toBe(403);
    expect((await unmatch(ids[2], ids[3], a.client.token)).status).toBe(403);
    expect((await matches()).total).toBe(2);
  });
});
