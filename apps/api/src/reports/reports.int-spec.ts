import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { dec, type LedgerEvent } from '@lotline/ledger';
import { computeTaxes } from '@lotline/tax-engine';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { LocalFileStore } from '../files/local-file-store';
import { PdfRenderer } from './pdf/pdf-renderer';
import { readPdfText } from './pdf/pdf-text-reader';
import { ClientStatusEntitlements, reportFileStore } from './report-adapters';
import { ReportGenerator } from './report-generator';
import type { ReportComputation, ReportComputationSource } from './report-ports';
import { ReportRepository } from './report.repository';
import { TaxFormsRenderer } from './tax-forms-renderer';

/*
 * Gate, versions, immutability, audited downloads and tenant isolation on real PostgreSQL over real HTTP, with the
 * real engine, forms library, Chromium PDF renderer and file store. Until ReconciliationService.computation is wired
 * into this build, the year's computation comes from the engine run on a fixed ledger (its port below).
 */

const YEAR = 2025;
const HASH_1 = 'a'.repeat(64);
const HASH_2 = 'b'.repeat(64);

const file = (line: number) => ({ kind: 'file' as const, fileName: 'coinbase.csv', line });
const LEDGER: LedgerEvent[] = [
  { id: 'e1', account: 'Coinbase', timestamp: '2024-01-10T15:00:00.000Z', type: 'buy', sent: { asset: 'USD', amount: dec('10000') }, received: { asset: 'BTC', amount: dec('0.5') }, source: file(2) },
  { id: 'e2', account: 'Coinbase', timestamp: '2025-03-01T15:00:00.000Z', type: 'sell', sent: { asset: 'BTC', amount: dec('0.1') }, received: { asset: 'USD', amount: dec('6543.21') }, source: file(3) },
  { id: 'e3', account: 'Coinbase', timestamp: '2025-06-01T15:00:00.000Z', type: 'sell', sent: { asset: 'BTC', amount: dec('0.1') }, received: { asset: 'USD', amount: dec('1500') }, source: file(4) },
];

class EngineComputation implements ReportComputationSource {
  inputsHash = HASH_1;
  blocking = 0;
  events = LEDGER;
  async computation(): Promise<ReportComputation> {
    const result = computeTaxes({ events: this.events, settings: { timeZone: 'America/New_York', defaultMethod: 'fifo', scope: 'rev-proc-2024-28', transferFee: 'dispose' } });
    const sources = new Map(this.events.map((e) => [e.id, e.source]));
    return { result, openBlockingWarnings: this.blocking, method: 'fifo', settings: { rounding: 'cents' }, inputsHash: this.inputsHash, engineVersion: 'engine-test', sources: (id) => sources.get(id) };
  }
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('final report versions over HTTP (real PostgreSQL, real file store)', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let repo: ReportRepository;
  let generator: ReportGenerator;
  const computation = new EngineComputation();
  const pdf = new PdfRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'lotline-reports-'));

  beforeAll(async () => {
    t = await TestApp.start({ LOTLINE_DATA_DIR: dataDir });
    a = await t.createFirm('rep');
    b = await t.createFirm('other');
    repo = new ReportRepository(t.db.dataSource);
    generator = new ReportGenerator(t.db.dataSource, {
      computations: computation,
      entitlements: new ClientStatusEntitlements(t.db.dataSource),
      files: reportFileStore(LocalFileStore.forDataDir(dataDir)),
      renderer: new TaxFormsRenderer(pdf),
      now: () => t.now,
    });
  });
  afterAll(async () => {
    await pdf.close();
    await t.close();
  });

  /** Queues a version exactly as the generate route does after the gate, then runs the job. */
  async function generate(): Promise<string> {
    const id = await t.db.dataSource.transaction((tx) =>
      repo.insertQueued(tx, { firmId: a.admin.user.firmId, clientId: a.clientId, taxYear: YEAR, inputsHash: HASH_1, engineVersion: 'engine-test', method: 'fifo', settings: {}, createdBy: a.preparer.user.id, at: t.now }),
    );
    if (!id) throw new Error('a generation is already active');
    await generator.run(id, true);
    return id;
  }

  const versions = async (token = a.admin.token): Promise<Json[]> => (await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token })).body;
  const download = (token: string, v: Json, f: Json, clientId = a.clientId) => fetch(`${t.baseUrl}/api/clients/${clientId}/reports/${v.id}/files/${f.id}`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses final generation while unpaid, with the reason, and lets clients neither generate nor bypass it', async () => {
    const gate = await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports/gate`, { token: a.preparer.token });
    expect(gate.body).toMatchObject({ taxYear: YEAR, canGenerate: false, paid: false });
    expect(gate.body.reasons.map((r: Json) => r.code)).toContain('not_paid');
    const refused = await t.call('POST', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.preparer.token });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFLICT');
    expect(refused.body.details.map((d: Json) => d.field)).toContain('not_paid');
    expect(refused.body.message).toMatch(/not paid/);
    expect((await t.call('POST', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token: a.client.token })).status).toBe(403);
    expect(await versions()).toEqual([]);
    expect((await t.call('GET', `/api/clients/${a.clientId}/tax-years/20x5/reports`, { token: a.admin.token })).status).toBe(400);
  });

  it('refuses at the job too when the data changed or warnings opened after the request, and shows nothing of it', async () => {
    await t.db.dataSource.query(`INSERT INTO client_tax_year (firm_id, client_id, tax_year, status, updated_at) VALUES ($1, $2, $3, 'paid', now())`, [a.admin.user.firmId, a.clientId, YEAR]);
    computation.inputsHash = HASH_2;
    const changed = await generate();
    computation.inputsHash = HASH_1;
    computation.blocking = 2;
    const blocked = await generate();
    computation.blocking = 0;
    const list = await versions();
    expect(list.map((v: Json) => [v.id, v.version, v.status, v.files.length])).toEqual([
      [blocked, 2, 'failed', 0],
      [changed, 1, 'failed', 0],
    ]);
    expect(list[1].error).toMatch(/data changed/);
    expect(list[0].error).toMatch(/2 blocking warning/);
  });

  const kindOf = (v: Json, kind: string): Json => v.files.find((f: Json) => f.kind === kind);
  const pdfText = async (token: string, v: Json, kind: string): Promise<string> => {
    const res = await download(token, v, kindOf(v, kind));
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pages = await readPdfText(new Uint8Array(await res.arrayBuffer()));
    return pages.flatMap((p) => p.lines).join('\n');
  };

  it('makes version 3 with the whole set stored under its sha256s; the PDFs show the computed totals', async () => {
    const first = await generate();
    const [v3] = await versions();
    expect(v3).toMatchObject({ id: first, version: 3, status: 'succeeded', inputsHash: HASH_1, engineVersion: 'engine-test', method: 'fifo', supersededAt: null, error: null, createdBy: { id: a.preparer.user.id } });
    expect(v3.files.map((f: Json) => f.fileName)).toEqual([
      'audit-trail-2025.csv', 'audit-trail-2025.pdf', 'capital-gains-2025.csv', 'form-8949-2025.pdf', 'holdings-2025.csv', 'income-2025.csv',
      'income-2025.pdf', 'lot-allocation-2025.pdf', 'schedule-d-2025.pdf', 'taxact-2025.csv', 'turbotax-2025.csv',
    ]);
    for (const f of v3.files) {
      const bytes = Buffer.from(await (await download(a.preparer.token, v3, f)).arrayBuffer());
      expect({ file: f.fileName, sha256: sha256(bytes), size: bytes.byteLength }).toEqual({ file: f.fileName, sha256: f.sha256, size: f.sizeBytes });
    }
    // Two long-term sales (box L, no 1099-DA): proceeds 6,543.21 + 1,500.00, basis 2,000 each, gain 4,543.21 and (500.00).
    const form8949 = await pdfText(a.preparer.token, v3, 'form8949_pdf');
    expect(form8949).toMatch(/6,543\.21/);
    expect(form8949).toMatch(/8,043\.21/);
    expect(form8949).toMatch(/4,043\.21/);
    const scheduleD = await pdfText(a.preparer.token, v3, 'schedule_d_pdf');
    expect(scheduleD).toMatch(/8,043\.21/);
    expect(scheduleD).toMatch(/4,043\.21/);
    const [status] = await t.db.dataSource.query(`SELECT status FROM client_tax_year WHERE client_id = $1 AND tax_year = $2`, [a.clientId, YEAR]);
    expect(status.status).toBe('report_generated');
  }, 120_000);

  it('makes version 4 after the data changed, superseding version 3, which stays downloadable byte for byte', async () => {
    const [v3] = await versions();
    const gains = kindOf(v3, 'capital_gains_csv');
    const before = Buffer.from(await (await download(a.admin.token, v3, gains)).arrayBuffer());
    computation.events = LEDGER.slice(0, 2);
    t.advance(60_000);
    const second = await generate();
    const [v4, old] = await versions();
    expect(v4).toMatchObject({ id: second, version: 4, status: 'succeeded', supersededAt: null });
    expect(old).toMatchObject({ id: v3.id, version: 3, status: 'succeeded', supersededByVersion: 4, supersededAt: t.now.toISOString() });
    expect(old.files).toEqual(v3.files);
    expect(kindOf(v4, 'capital_gains_csv').sha256).not.toBe(gains.sha256);
    expect(await pdfText(a.client.token, v4, 'schedule_d_pdf')).toMatch(/4,543\.21/);
    const res = await download(a.client.token, old, gains);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="capital-gains-2025.csv"; filename*=UTF-8''capital-gains-2025.csv`);
    expect(Buffer.from(await res.arrayBuffer()).equals(before)).toBe(true);
  }, 120_000);

  it('zips a whole set, and audits every download with who, which version and which file', async () => {
    const [v4] = await versions(a.client.token);
    const res = await fetch(`${t.baseUrl}/api/clients/${a.clientId}/reports/${v4.id}/zip`, { headers: { authorization: `Bearer ${a.client.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain('filename="report-2025-v4.zip"');
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(v4.files.map((f: Json) => f.fileName));
    for (const f of v4.files) expect({ file: f.fileName, sha256: sha256(entries[f.fileName]) }).toEqual({ file: f.fileName, sha256: f.sha256 });

    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    const downloads = audit.body.items.filter((e: Json) => e.action === 'report.downloaded');
    const seen = downloads.map((e: Json) => `${e.actor?.id} v${e.summary.version} ${e.summary.kind ?? 'zip'}`);
    expect(seen).toEqual(expect.arrayContaining([`${a.preparer.user.id} v3 form8949_pdf`, `${a.admin.user.id} v3 capital_gains_csv`, `${a.client.user.id} v3 capital_gains_csv`, `${a.client.user.id} v4 schedule_d_pdf`, `${a.client.user.id} v4 zip`]));
    expect(downloads).toHaveLength(11 + 2 + 1 + 1 + 1 + 1);
    expect(audit.body.items.filter((e: Json) => e.action === 'report.generated')).toHaveLength(2);
  });

  it('never changes a stored version or file, and allows one active generation per client and year', async () => {
    const [v4] = await versions();
    await expect(t.db.dataSource.query(`UPDATE report_file SET sha256 = $1 WHERE version_id = $2`, [HASH_2, v4.id])).rejects.toThrow(/insert-only/);
    await expect(t.db.dataSource.query(`UPDATE report_version SET inputs_hash = $1 WHERE id = $2`, [HASH_2, v4.id])).rejects.toThrow(/only status and superseded/);
    await expect(t.db.dataSource.query(`UPDATE report_version SET status = 'failed', error = 'x' WHERE id = $1`, [v4.id])).rejects.toThrow(/keeps its status/);
    const queued = () =>
      t.db.dataSource.transaction((tx) =>
        repo.insertQueued(tx, { firmId: a.admin.user.firmId, clientId: a.clientId, taxYear: YEAR, inputsHash: HASH_1, engineVersion: 'e', method: 'fifo', settings: {}, createdBy: a.admin.user.id, at: t.now }),
      );
    const [one, two] = await Promise.all([queued(), queued()]);
    expect([one, two].filter((x) => x !== null)).toHaveLength(1);
    const gate = await t.ok(200, 'GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports/gate`, { token: a.admin.token });
    expect(gate.body.reasons.map((r: Json) => r.code)).toContain('generation_running');
  });

  it('answers 404 to other firms and unassigned preparers, for lists, files and zips', async () => {
    const v4 = (await versions()).find((v: Json) => v.version === 4);
    if (!v4) throw new Error('version 4 missing');
    for (const token of [b.admin.token, b.preparer.token, b.client.token]) {
      expect((await t.call('GET', `/api/clients/${a.clientId}/tax-years/${YEAR}/reports`, { token })).status).toBe(404);
      expect((await download(token, v4, v4.files[0])).status).toBe(404);
      expect((await t.call('GET', `/api/clients/${a.clientId}/reports/${v4.id}/zip`, { token })).status).toBe(404);
    }
    // A version id of firm A under firm B's own client id is still not found.
    expect((await download(b.admin.token, v4, v4.files[0], b.clientId)).status).toBe(404);
    const other = await t.ok(201, 'POST', '/api/clients', { token: a.admin.token, body: { displayName: 'Unassigned' } });
    expect((await t.call('GET', `/api/clients/${other.body.id}/tax-years/${YEAR}/reports`, { token: a.preparer.token })).status).toBe(404);
    expect((await download(a.client.token, v4, v4.files[0], a.unassignedClientId)).status).toBe(404);
  });
});
