import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { dataSourceOptions } from '../database/data-source-options';
import { LocalFileStore } from '../files/local-file-store';
import { importCsvJob } from '../imports/import-job';
import { JobQueue } from '../jobs/job-queue';
import { computeUncomputedClients, recomputeAfterBatch, recomputeJob, recomputeServiceFor } from './recompute-job';
import { RecomputeService } from './recompute.service';
import { seedLedger } from './recon-test-support';

const HEADER = 'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note';

/**
 * A BTC buy; a withdrawal of 1 BTC (worth 42,000 USD) and, 60 h later in another wallet, a deposit of 0.995 BTC (confidence
 * 0.99 - 0.25 x 60/72 - 0.25 x 0.005/0.01 = 0.6567: a medium suggestion, not applied); a 0.30 USD dust deposit; an
 * ETH deposit worth 5,000 USD from an unknown source (a question for the client).
 */
const EVENTS = [
  { at: '2024-01-02T10:00:00Z', type: 'buy', account: 'Coinbase', sent: '30000 USD', received: '1 BTC' },
  { at: '2024-02-01T00:00:00Z', type: 'withdrawal', account: 'Coinbase', sent: '1 BTC', usd: '42000' },
  { at: '2024-02-03T12:00:00Z', type: 'deposit', account: 'Ledger', received: '0.995 BTC' },
  { at: '2024-03-01T10:00:00Z', type: 'deposit', account: 'Ledger', received: '0.00001 BTC', usd: '0.30' },
  { at: '2024-04-01T10:00:00Z', type: 'deposit', account: 'Ledger', received: '2 ETH', usd: '5000' },
] as const;

describe('reconciliation actions: recompute after import, bulk actions, client questions, firm settings', () => {
  let t: TestApp;
  let a: Firm;
  let ids: string[];
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'lotline-recon-'));

  beforeAll(async () => {
    t = await TestApp.start({ LOTLINE_DATA_DIR: dataDir }, undefined, async (url) => {
      jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
      queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
      const recompute = recomputeServiceFor(jobsDb, queue, 'test');
      queue.define(recomputeJob(recompute));
      queue.define(recomputeAfterBatch(importCsvJob(jobsDb, new LocalFileStore(join(dataDir, 'files'))), jobsDb, recompute));
      await queue.start();
      await queue.work();
      return queue;
    });
    a = await t.createFirm('act');
    ids = await seedLedger(t.db.dataSource, a.admin.user.firmId, a.clientId, EVENTS);
    await t.app.get(RecomputeService).recomputeNow(a.admin.user.firmId, a.clientId);
  });
  afterAll(async () => {
    await queue?.stop();
    await jobsDb?.destroy();
    await t.close();
  });

  const base = () => `/api/clients/${a.clientId}`;
  async function settled(clientId = a.clientId): Promise<Json> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = await t.ok(200, 'GET', `/api/clients/${clientId}/recompute`, { token: a.admin.token });
      if (r.body.state === 'done' || r.body.state === 'failed') return r.body;
      if (Date.now() > deadline) throw new Error(`recompute still ${r.body.state}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  const open = async (): Promise<string[]> => (await t.ok(200, 'GET', `${base()}/warnings?pageSize=200`, { token: a.preparer.token })).body.items.map((x: Json) => x.id).sort();

  it('offers the medium-confidence pair as a suggestion; accepting suggestions >= 0.6 matches it, >= 0.9 matches nothing', async () => {
    expect(await open()).toEqual([`missing-price:${ids[2]}`, `uncategorised-inflow:${ids[3]}`, `uncategorised-inflow:${ids[4]}`, `unmatched-deposit:${ids[2]}`, `unmatched-withdrawal:${ids[1]}`].sort());
    const list = await t.ok(200, 'GET', `${base()}/warnings?kind=unmatched-deposit`, { token: a.preparer.token });
    expect(list.body.items[0].suggestionCount).toBe(1);
    const detail = await t.ok(200, 'GET', `${base()}/warnings/${list.body.items[0].key}`, { token: a.preparer.token });
    expect(detail.body.suggestions).toEqual([expect.objectContaining({ withdrawalId: ids[1], depositId: ids[2], tier: 'medium', confidence: 0.6567, fee: '0.005', gapMinutes: 3600 })]);
    expect(detail.body.events.map((e: Json) => e.id).sort()).toEqual([ids[1], ids[2]].sort());

    expect((await t.ok(201, 'POST', `${base()}/resolutions/accept-suggestions`, { token: a.preparer.token, body: { minConfidence: 0.9 } })).body.created).toBe(0);
    const bulk = await t.ok(201, 'POST', `${base()}/resolutions/accept-suggestions`, { token: a.preparer.token, body: { minConfidence: 0.6 } });
    expect(bulk.body).toMatchObject({ created: 1, resolutions: [{ action: 'match-pair', batchId: bulk.body.batchId, payload: { withdrawalId: ids[1], depositId: ids[2] } }] });
    await settled();
    expect(await open()).toEqual([`uncategorised-inflow:${ids[3]}`, `uncategorised-inflow:${ids[4]}`].sort());
  });

  it('marks dust below the threshold as explained (resolved, still listed under resolved)', async () => {
    const dust = await t.ok(201, 'POST', `${base()}/resolutions/mark-dust`, { token: a.preparer.token, body: { maxUsd: '1' } });
    expect(dust.body.resolutions.map((r: Json) => r.payload)).toEqual([{ action: 'explain', warningId: `uncategorised-inflow:${ids[3]}` }]);
    await settled();
    expect(await open()).toEqual([`uncategorised-inflow:${ids[4]}`]);
    const resolved = await t.ok(200, 'GET', `${base()}/warnings?status=resolved`, { token: a.preparer.token });
    expect(resolved.body.items).toEqual([expect.objectContaining({ id: `uncategorised-inflow:${ids[3]}`, status: 'resolved', resolvedBy: dust.body.resolutions[0].id })]);
    expect((await t.call('POST', `${base()}/resolutions/mark-dust`, { token: a.preparer.token, body: { maxUsd: 'a lot' } })).status).toBe(400);
  });

  it('asks the client in plain words; the answer is a client resolution (audited) that staff can undo', async () => {
    const q = await t.ok(200, 'GET', `${base()}/questions`, { token: a.client.token });
    expect(q.body.items).toHaveLength(1);
    expect(q.body.items[0]).toMatchObject({ warningId: `uncategorised-inflow:${ids[4]}`, amount: '2', asset: 'ETH', answered: null });
    expect(q.body.items[0].question).toBe('Was this deposit of 2 ETH into Ledger on 2024-04-01 from another of your accounts?');
    const key = q.body.items[0].key;
    const missing = await t.call('POST', `${base()}/questions/${key}/answer`, { token: a.client.token, body: { choice: 'income' } });
    expect({ status: missing.status, field: missing.body.details?.[0]?.field }).toEqual({ status: 400, field: 'incomeKind' });
    expect((await t.call('POST', `${base()}/questions/${key}/answer`, { token: a.preparer.token, body: { choice: 'purchase' } })).status).toBe(403);
    const answered = await t.ok(201, 'POST', `${base()}/questions/${key}/answer`, { token: a.client.token, body: { choice: 'income', incomeKind: 'staking', note: 'Kraken staking payout' } });
    expect(answered.body.items[0].answered).toMatchObject({ choice: 'income' });
    await settled();
    expect(await open()).toEqual([]);
    expect((await t.ok(200, 'GET', `${base()}/tax-years/2024/preview`, { token: a.client.token })).body).toMatchObject({ income: '5000', status: 'ready' });
    const history = await t.ok(200, 'GET', `${base()}/resolutions`, { token: a.preparer.token });
    const record = history.body.items.find((r: Json) => r.byClient);
    expect(record).toMatchObject({ action: 'categorise-inflow', createdBy: { id: a.client.user.id }, payload: { category: { as: 'income', incomeKind: 'staking' } } });
    expect(record.reason).toContain('Kraken staking payout');
    const audit = await t.ok(200, 'GET', '/api/audit?action=resolution.client_answered', { token: a.admin.token });
    expect(audit.body.items[0]).toMatchObject({ subjectId: record.id, actor: { id: a.client.user.id } });

    await t.ok(201, 'POST', `${base()}/resolutions/${record.id}/undo`, { token: a.preparer.token, body: { reason: 'It was a transfer from the client\'s Kraken account' } });
    await settled();
    expect(await open()).toEqual([`uncategorised-inflow:${ids[4]}`]);
    expect((await t.ok(200, 'GET', `${base()}/questions`, { token: a.client.token })).body.items[0].answered).toBeNull();
  });

  it('lets the firm admin change reconciliation settings (validated, audited) and recomputes computed clients', async () => {
    expect((await t.ok(200, 'GET', '/api/firm/reconciliation-settings', { token: a.preparer.token })).body).toMatchObject({ transferWindowHours: 72, transferFeeTolerance: '0.01', blockingKinds: [], nonBlockingKinds: expect.arrayContaining(['price-outlier', 'balance-mismatch']) });
    const bad = await t.call('PATCH', '/api/firm/reconciliation-settings', { token: a.admin.token, body: { blockingKinds: ['missing-price'] } });
    expect({ status: bad.status, field: bad.body.details?.[0]?.field }).toEqual({ status: 400, field: 'blockingKinds[0]' });
    const tooLoose = await t.call('PATCH', '/api/firm/reconciliation-settings', { token: a.admin.token, body: { transferFeeTolerance: '0.500001' } });
    expect({ status: tooLoose.status, field: tooLoose.body.details?.[0]?.field }).toEqual({ status: 400, field: 'transferFeeTolerance' });
    expect((await t.ok(200, 'PATCH', '/api/firm/reconciliation-settings', { token: a.admin.token, body: { transferFeeTolerance: '0.5' } })).body.transferFeeTolerance).toBe('0.5');
    await t.ok(200, 'PATCH', '/api/firm/reconciliation-settings', { token: a.admin.token, body: { transferFeeTolerance: '0.01' } });
    expect((await t.call('PATCH', '/api/firm/reconciliation-settings', { token: a.preparer.token, body: { transferWindowHours: 24 } })).status).toBe(403);
    const saved = await t.ok(200, 'PATCH', '/api/firm/reconciliation-settings', { token: a.admin.token, body: { blockingKinds: ['price-outlier'], transferWindowHours: 96 } });
    expect(saved.body).toMatchObject({ blockingKinds: ['price-outlier'], transferWindowHours: 96, transferFeeTolerance: '0.01' });
    const after = await settled();
    expect(after.state).toBe('done');
    const audit = await t.ok(200, 'GET', '/api/audit?action=firm.reconciliation_settings_changed', { token: a.admin.token });
    expect(audit.body.items[0].summary).toBeDefined();
  });

  it('computes, on first start, every client with events that was never computed (the demo client), and only those', async () => {
    await seedLedger(t.db.dataSource, a.admin.user.firmId, a.unassignedClientId, [{ at: '2024-05-01T12:00:00Z', type: 'buy', account: 'Kraken', sent: '100 USD', received: '1 SOL' }], 'direct.csv');
    expect((await t.ok(200, 'GET', `/api/clients/${a.unassignedClientId}/recompute`, { token: a.admin.token })).body.state).toBe('never');
    expect(await computeUncomputedClients(t.db.dataSource, 'test')).toBe(1);
    expect((await t.ok(200, 'GET', `/api/clients/${a.unassignedClientId}/recompute`, { token: a.admin.token })).body).toMatchObject({ state: 'done', eventCount: 1, openBlocking: 0 });
    expect(await computeUncomputedClients(t.db.dataSource, 'test')).toBe(0);
  });

  it('recomputes a client after a successful CSV import (one job per burst), and moves a submitted year to In review', async () => {
    const accounts = await t.ok(201, 'POST', `/api/clients/${a.pendingClientId}/accounts`, { token: a.admin.token, body: { name: 'Gemini', kind: 'exchange' } });
    await t.ok(200, 'POST', `/api/clients/${a.pendingClientId}/submit`, { token: a.admin.token, body: { taxYear: 2025 } });
    const csv = [HEADER, '2025-01-10T15:00:00Z,buy,,,USD,100,SOL,1,,,,,,g-1,', '2025-03-10T15:00:00Z,deposit,,,,,SOL,2,,,,,,g-3,'].join('\n') + '\n';
    const form = new FormData();
    form.append('accountId', accounts.body.id);
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'gemini.csv');
    const res = await fetch(`${t.baseUrl}/api/clients/${a.pendingClientId}/imports`, { method: 'POST', headers: { authorization: `Bearer ${a.admin.token}` }, body: form });
    expect(res.status).toBe(202);
    const deadline = Date.now() + 20000;
    let state: Json;
    for (;;) {
      state = (await t.ok(200, 'GET', `/api/clients/${a.pendingClientId}/recompute`, { token: a.admin.token })).body;
      if (state.state === 'done' && state.eventCount === 2) break;
      if (Date.now() > deadline) {
        const batches = await t.ok(200, 'GET', `/api/clients/${a.pendingClientId}/imports`, { token: a.admin.token });
        throw new Error(`no recompute after the import: ${JSON.stringify(state)} ${JSON.stringify(batches.body)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toMatchObject({ openBlocking: 2 }); // the deposit: unknown origin, no price
    expect((await t.ok(200, 'GET', `/api/clients/${a.pendingClientId}?taxYear=2025`, { token: a.admin.token })).body.status).toBe('in_review');

    // A burst of requests while nothing runs queues one job: the requests coalesce into one computation.
    const svc = t.app.get(RecomputeService);
    const jobCount = async (): Promise<number> =>
      (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'reconcile.recompute' AND data->>'clientId' = $1`, [a.pendingClientId]))[0].n;
    const before = await jobCount();
    const states = await Promise.all([1, 2, 3, 4, 5].map(() => svc.request(a.admin.user.firmId, a.pendingClientId)));
    expect(states.every((s) => s === 'queued' || s === 'running')).toBe(true);
    await settled(a.pendingClientId);
    const [row] = await t.db.dataSource.query(`SELECT requested_seq::int AS r, computed_seq::int AS c FROM recon_state WHERE client_id = $1`, [a.pendingClientId]);
    expect(row.c).toBe(row.r);
    expect(await jobCount()).toBe(before + 1); // one job for the whole burst

    // A run whose worker died long ago does not block new requests forever.
    await t.db.dataSource.query(`UPDATE recon_state SET state = 'running', started_at = $2::timestamptz - interval '1 hour' WHERE client_id = $1`, [a.pendingClientId, t.now]);
    await svc.request(a.admin.user.firmId, a.pendingClientId);
    await settled(a.pendingClientId);
    expect(await jobCount()).toBe(before + 2);
  });

  it("moves a submitted year on at once (\"I'm done uploading\" asks for a computation) and lists open warnings per client", async () => {
    // The client computed in the test above has one clean buy in 2024 and nothing in 2025 (so no 2025 status yet):
    // submitting 2025 ends Ready, not stuck at Client submitted until some other change recomputes.
    const submitted = await t.ok(200, 'POST', `/api/clients/${a.unassignedClientId}/submit`, { token: a.admin.token, body: { taxYear: 2025 } });
    expect(submitted.body.status).toBe('client_submitted');
    const deadline = Date.now() + 20000;
    let status = '';
    while (status !== 'ready' && Date.now() < deadline) {
      await settled(a.unassignedClientId);
      status = (await t.ok(200, 'GET', `/api/clients/${a.unassignedClientId}?taxYear=2025`, { token: a.admin.token })).body.status;
    }
    expect(status).toBe('ready');

    const state = (await t.ok(200, 'GET', `/api/clients/${a.clientId}/recompute`, { token: a.admin.token })).body;
    expect(state.openWarnings).toBeGreaterThan(0);
    const list = await t.ok(200, 'GET', '/api/clients?taxYear=2024&pageSize=50', { token: a.admin.token });
    const byId = new Map(list.body.items.map((c: Json) => [c.id, c.openWarnings]));
    expect(byId.get(a.clientId)).toBe(state.openWarnings);
    expect(byId.get(a.unassignedClientId)).toBe(0);
  });
});
