import { TestApp, type Firm, type Json } from '../../test/http-app';

describe('clients: list with status, search, filter, sort, pagination and status counts; submit; direct add; team', () => {
  let t: TestApp;
  let f: Firm;
  const list = async (q: string, token = f.admin.token) => (await t.ok(200, 'GET', `/api/clients?${q}`, { token })).body;
  const names = (body: Json) => body.items.map((c: Json) => c.displayName);

  beforeAll(async () => {
    t = await TestApp.start();
    f = await t.createFirm('cli');
    for (const n of ['Mallory', 'alice', 'Zed', 'Bob']) await t.ok(201, 'POST', '/api/clients', { token: f.admin.token, body: { displayName: n, email: `${n.toLowerCase()}@mail.test` } });
  });
  afterAll(() => t.close());

  it('sorts by name case-insensitively both ways and paginates on the server', async () => {
    const all = await list('sort=name&pageSize=100');
    expect(all.total).toBe(7);
    expect(names(all)).toEqual(['alice', 'Bob', 'cli Client', 'cli Direct', 'cli Pending', 'Mallory', 'Zed']);
    expect(names(await list('sort=-name&pageSize=100'))).toEqual(['Zed', 'Mallory', 'cli Pending', 'cli Direct', 'cli Client', 'Bob', 'alice']);
    const p2 = await list('sort=name&pageSize=3&page=2');
    expect(p2).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(names(p2)).toEqual(['cli Direct', 'cli Pending', 'Mallory']);
    const beyond = await list('sort=name&pageSize=3&page=9');
    expect(beyond).toMatchObject({ items: [], total: 7 });
  });

  it('searches name and email, case-insensitively', async () => {
    expect(names(await list('search=MALL'))).toEqual(['Mallory']);
    expect(names(await list('search=bob%40mail'))).toEqual(['Bob']);
    expect((await list('search=nobody')).total).toBe(0);
  });

  it('derives statuses per tax year, filters by status and preparer, and counts statuses over the role-scoped list', async () => {
    const before = await list('taxYear=2025');
    expect(before.taxYear).toBe(2025);
    expect(before.statusCounts).toEqual({ invited: 1, in_progress: 6, client_submitted: 0, in_review: 0, ready: 0, paid: 0, report_generated: 0 });
    // The client says "I'm done uploading" for 2025 only.
    const submitted = await t.ok(200, 'POST', `/api/clients/${f.clientId}/submit`, { token: f.client.token, body: { taxYear: 2025 } });
    expect(submitted.body.status).toBe('client_submitted');
    const after = await list('taxYear=2025&status=client_submitted');
    expect(names(after)).toEqual(['cli Client']);
    expect(after.statusCounts.client_submitted).toBe(1);
    expect(after.statusCounts.in_progress).toBe(5);
    expect((await list('taxYear=2024&status=client_submitted')).total).toBe(0);
    expect((await t.ok(200, 'GET', `/api/clients/${f.clientId}?taxYear=2024`, { token: f.client.token })).body.status).toBe('in_progress');
    expect((await t.ok(200, 'GET', `/api/clients/${f.clientId}?taxYear=2025`, { token: f.client.token })).body.status).toBe('client_submitted');
    expect((await t.call('GET', `/api/clients/${f.clientId}?taxYear=1990`, { token: f.client.token })).status).toBe(400);
    expect(names(await list('status=invited'))).toEqual(['cli Pending']);
    expect(names(await list(`preparerId=${f.preparer.user.id}`))).toEqual(['cli Client', 'cli Pending']);
    // Sorted by status: journey order.
    expect(names(await list('taxYear=2025&sort=-status&pageSize=2'))).toEqual(['cli Client', 'alice']);
    // The preparer's counts cover only their clients.
    const prep = await list('taxYear=2025', f.preparer.token);
    expect(prep.total).toBe(2);
    expect(prep.statusCounts).toMatchObject({ invited: 1, client_submitted: 1, in_progress: 0 });
    const audit = await t.ok(200, 'GET', '/api/audit?action=client.submitted', { token: f.admin.token });
    expect(audit.body.items[0]).toMatchObject({ actor: { id: f.client.user.id }, summary: { taxYear: 2025, before: { status: 'in_progress' }, after: { status: 'client_submitted' } } });
  });

  it('sorts by last activity, newest first, nulls last', async () => {
    t.advance(60_000);
    await t.ok(200, 'PATCH', `/api/clients/${f.unassignedClientId}`, { token: f.admin.token, body: { timeZone: 'America/Denver' } });
    expect(names(await list('sort=-lastActivity&pageSize=1'))).toEqual(['cli Direct']);
  });

  it('lets only a firm admin set the report price override (decimal string, exact)', async () => {
    const prep = await t.call('PATCH', `/api/clients/${f.clientId}`, { token: f.preparer.token, body: { reportPriceOverrideUsd: '10.00' } });
    expect(prep.status).toBe(403);
    const admin = await t.ok(200, 'PATCH', `/api/clients/${f.clientId}`, { token: f.admin.token, body: { reportPriceOverrideUsd: '1234567890.12', defaultMethod: 'hifo' } });
    expect(admin.body).toMatchObject({ reportPriceOverrideUsd: '1234567890.12', defaultMethod: 'hifo' });
    const cleared = await t.ok(200, 'PATCH', `/api/clients/${f.clientId}`, { token: f.admin.token, body: { reportPriceOverrideUsd: null } });
    expect(cleared.body.reportPriceOverrideUsd).toBeNull();
  });

  it('shows a client login only its own client record, and no team', async () => {
    expect((await t.call('GET', `/api/clients/${f.unassignedClientId}`, { token: f.client.token })).status).toBe(404);
    const me = await t.ok(200, 'GET', `/api/clients/${f.clientId}`, { token: f.client.token });
    expect(me.body.id).toBe(f.clientId);
    expect((await t.call('GET', '/api/team', { token: f.client.token })).status).toBe(403);
  });

  it('team: changes roles, keeps at least one admin, deactivates (sign-in refused), and never targets client logins', async () => {
    const team = await t.ok(200, 'GET', '/api/team', { token: f.preparer.token });
    expect(team.body.map((m: Json) => m.role).sort()).toEqual(['firm_admin', 'preparer']);
    expect(team.body.find((m: Json) => m.id === f.preparer.user.id)).toMatchObject({ assignedClientCount: 2, active: true, twoFactorEnabled: false });
    const lastAdmin = await t.call('PATCH', `/api/team/${f.admin.user.id}`, { token: f.admin.token, body: { role: 'preparer' } });
    expect(lastAdmin.status).toBe(409);
    expect((await t.call('POST', `/api/team/${f.admin.user.id}/deactivate`, { token: f.admin.token })).status).toBe(409);
    expect((await t.call('PATCH', `/api/team/${f.client.user.id}`, { token: f.admin.token, body: { role: 'firm_admin' } })).status).toBe(404);
    expect((await t.call('PATCH', `/api/team/${f.preparer.user.id}`, { token: f.admin.token, body: { role: 'client' } })).status).toBe(400);
    const promoted = await t.ok(200, 'PATCH', `/api/team/${f.preparer.user.id}`, { token: f.admin.token, body: { role: 'firm_admin' } });
    expect(promoted.body.role).toBe('firm_admin');
    // The role change applies on the next request (the user is reloaded every time).
    await t.ok(200, 'GET', '/api/audit', { token: f.preparer.token });
    await t.ok(200, 'PATCH', `/api/team/${f.preparer.user.id}`, { token: f.admin.token, body: { role: 'preparer' } });
    expect((await t.call('GET', '/api/audit', { token: f.preparer.token })).status).toBe(403);
    const gone = await t.ok(200, 'POST', `/api/team/${f.preparer.user.id}/deactivate`, { token: f.admin.token });
    expect(gone.body.active).toBe(false);
    expect((await t.call('GET', '/api/auth/me', { token: f.preparer.token })).status).toBe(401);
    const signIn = await t.call('POST', '/api/auth/sign-in', { body: { email: 'prep@cli.test', password: 'correct horse battery staple' } });
    expect(signIn.status).toBe(401);
    const assign = await t.call('PUT', `/api/clients/${f.clientId}/preparers`, { token: f.admin.token, body: { userIds: [f.preparer.user.id] } });
    expect(assign.status).toBe(400); // deactivated members cannot be assigned
  });
});
