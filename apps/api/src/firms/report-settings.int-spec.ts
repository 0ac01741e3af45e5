import { TestApp, type Firm, type Json } from '../../test/http-app';

/*
 * Report print settings (firm rounding, client income schedule) and the client's taxpayer id on real PostgreSQL over
 * real HTTP: who may change them, validation, audit, and that a taxpayer id is sealed, never returned, never logged,
 * removable, and erased for the whole firm when the firm stops storing ids.
 */

const SSN = '123-45-6789';
const OTHER_SSN = '987654320';

describe('report settings and taxpayer ids', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createFirm('set');
    b = await t.createFirm('other');
  }, 60_000);
  afterAll(() => t.close());

  const audit = async (action: string): Promise<Json[]> =>
    t.db.dataSource.query(`SELECT before, after, details FROM audit_event WHERE firm_id = $1 AND action = $2 ORDER BY at, id`, [a.admin.user.firmId, action]);
  /** Every stored byte of the firm's clients and audit events, as text. */
  const stored = async (): Promise<string> =>
    (await t.db.dataSource.query(`SELECT (SELECT string_agg(c::text, '|') FROM client c) || (SELECT string_agg(e::text, '|') FROM audit_event e) AS s`))[0].s as string;

  it('firm: defaults cents and no taxpayer ids; only a firm admin changes them (validated, audited)', async () => {
    expect((await t.ok(200, 'GET', '/api/firm', { token: a.preparer.token })).body).toMatchObject({ reportRounding: 'cents', storeTaxpayerIds: false });
    expect((await t.call('PATCH', '/api/firm', { token: a.preparer.token, body: { reportRounding: 'dollars' } })).status).toBe(403);
    expect((await t.call('PATCH', '/api/firm', { token: a.client.token, body: { reportRounding: 'dollars' } })).status).toBe(403);
    const bad = await t.call('PATCH', '/api/firm', { token: a.admin.token, body: { reportRounding: 'thousands', storeTaxpayerIds: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: Json) => d.field).sort()).toEqual(['reportRounding', 'storeTaxpayerIds']);
    const r = await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { reportRounding: 'dollars' } });
    expect(r.body).toMatchObject({ reportRounding: 'dollars', storeTaxpayerIds: false });
    expect(await audit('firm.settings_changed')).toContainEqual(expect.objectContaining({ before: { reportRounding: 'cents' }, after: { reportRounding: 'dollars' } }));
    // The other firm is untouched.
    expect((await t.ok(200, 'GET', '/api/firm', { token: b.admin.token })).body.reportRounding).toBe('cents');
  });

  it('client: the assigned preparer sets the income schedule; the client login and unassigned preparers cannot', async () => {
    expect((await t.ok(200, 'GET', `/api/clients/${a.clientId}`, { token: a.client.token })).body).toMatchObject({ incomeSchedule: 'schedule1', taxpayerIdMasked: null });
    expect((await t.call('PATCH', `/api/clients/${a.clientId}`, { token: a.client.token, body: { incomeSchedule: 'scheduleC' } })).status).toBe(403);
    expect((await t.call('PATCH', `/api/clients/${a.unassignedClientId}`, { token: a.preparer.token, body: { incomeSchedule: 'scheduleC' } })).status).toBe(404);
    expect((await t.call('PATCH', `/api/clients/${a.clientId}`, { token: b.admin.token, body: { incomeSchedule: 'scheduleC' } })).status).toBe(404);
    const bad = await t.call('PATCH', `/api/clients/${a.clientId}`, { token: a.preparer.token, body: { incomeSchedule: 'scheduleK' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^incomeSchedule must be one of/);
    const r = await t.ok(200, 'PATCH', `/api/clients/${a.clientId}`, { token: a.preparer.token, body: { incomeSchedule: 'scheduleC' } });
    expect(r.body.incomeSchedule).toBe('scheduleC');
    expect(await audit('client.updated')).toContainEqual(expect.objectContaining({ before: { incomeSchedule: 'schedule1' }, after: { incomeSchedule: 'scheduleC' } }));
  });

  it('taxpayer id: refused while the firm does not store ids; staff only; validated without echoing the value', async () => {
    const refused = await t.call('PUT', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.preparer.token, body: { taxpayerId: SSN } });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/does not store taxpayer ids/);
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { storeTaxpayerIds: true } });
    expect((await t.call('PUT', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.client.token, body: { taxpayerId: SSN } })).status).toBe(403);
    expect((await t.call('PUT', `/api/clients/${a.unassignedClientId}/taxpayer-id`, { token: a.preparer.token, body: { taxpayerId: SSN } })).status).toBe(404);
    expect((await t.call('PUT', `/api/clients/${a.clientId}/taxpayer-id`, { token: b.admin.token, body: { taxpayerId: SSN } })).status).toBe(404);
    for (const taxpayerId of ['12-34-5678', '1234567890', '000-12-3456', 'abc-de-fghi']) {
      const bad = await t.call('PUT', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.preparer.token, body: { taxpayerId } });
      expect({ taxpayerId, status: bad.status, message: bad.body.message }).toEqual({ taxpayerId, status: 400, message: expect.stringMatching(/^taxpayerId /) });
      expect(bad.text).not.toContain(taxpayerId);
    }
    expect(await stored()).not.toMatch(/123-?45-?6789|12-34-5678|1234567890|000-12-3456/);
  });

  it('taxpayer id: sealed at rest, shown masked only, never logged; a sealed value copied to another client does not open', async () => {
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const spies = [capture(process.stdout), capture(process.stderr)];
    let set: Json;
    let read: Json;
    try {
      set = (await t.ok(200, 'PUT', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.preparer.token, body: { taxpayerId: SSN } })).body;
      read = (await t.ok(200, 'GET', `/api/clients/${a.clientId}`, { token: a.client.token })).body;
      await t.ok(200, 'PUT', `/api/clients/${a.unassignedClientId}/taxpayer-id`, { token: a.admin.token, body: { taxpayerId: OTHER_SSN } });
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(set.taxpayerIdMasked).toBe('•••-••-6789');
    expect(read.taxpayerIdMasked).toBe('•••-••-6789');
    expect(JSON.stringify([set, read])).not.toMatch(/123-?45/);
    expect(written.join('')).not.toMatch(/123-?45-?6789|987-?65-?4320/);
    const [row] = await t.db.dataSource.query(`SELECT taxpayer_id_sealed AS sealed FROM client WHERE id = $1`, [a.clientId]);
    expect(row.sealed).toMatch(/^v1\.[0-9a-f]{12}\./);
    expect(await stored()).not.toMatch(/123-?45-?6789|987-?65-?4320/);
    expect(await audit('client.taxpayer_id_set')).toEqual([
      expect.objectContaining({ details: { replaced: false } }),
      expect.objectContaining({ details: { replaced: false } }),
    ]);
    // Bound to its client: the same sealed text on another client's row cannot be opened (shown as unknown).
    await t.db.dataSource.query(`UPDATE client SET taxpayer_id_sealed = $1 WHERE id = $2`, [row.sealed, a.pendingClientId]);
    expect((await t.ok(200, 'GET', `/api/clients/${a.pendingClientId}`, { token: a.admin.token })).body.taxpayerIdMasked).toBe('•••-••-????');
    await t.ok(200, 'DELETE', `/api/clients/${a.pendingClientId}/taxpayer-id`, { token: a.preparer.token });
  });

  it('taxpayer id: removable by staff (audited); turning the firm setting off erases every stored id (audited)', async () => {
    expect((await t.call('DELETE', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.client.token })).status).toBe(403);
    const removed = await t.ok(200, 'DELETE', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.preparer.token });
    expect(removed.body.taxpayerIdMasked).toBeNull();
    expect(await audit('client.taxpayer_id_removed')).toHaveLength(2); // the pending client's copy, then this one
    await t.ok(200, 'PUT', `/api/clients/${a.clientId}/taxpayer-id`, { token: a.preparer.token, body: { taxpayerId: SSN } });
    expect((await t.call('PUT', `/api/clients/${b.clientId}/taxpayer-id`, { token: b.admin.token, body: { taxpayerId: SSN } })).status).toBe(409); // b does not store ids
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { storeTaxpayerIds: false } });
    const left = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM client WHERE firm_id = $1 AND taxpayer_id_sealed IS NOT NULL`, [a.admin.user.firmId]);
    expect(left[0].n).toBe(0);
    expect(await audit('client.taxpayer_ids_erased')).toEqual([expect.objectContaining({ details: { erased: 2 } })]);
    expect((await t.ok(200, 'GET', `/api/clients/${a.clientId}`, { token: a.preparer.token })).body.taxpayerIdMasked).toBeNull();
    // Turning it on again brings nothing back.
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { storeTaxpayerIds: true } });
    expect((await t.ok(200, 'GET', `/api/clients/${a.unassignedClientId}`, { token: a.admin.token })).body.taxpayerIdMasked).toBeNull();
  });
});
