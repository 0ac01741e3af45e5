import { randomBytes, randomUUID } from 'node:crypto';
import { CONSENT_VERSION } from '../clients/consent';
import { TestApp, type Firm, type Json } from '../../test/http-app';

/**
 * Every route the app registers (read from the Express router) must be classified here: either public (with what an
 * anonymous call answers) or with the exact status each role gets for a valid call on its own firm's data. A new route
 * that is not in this table fails the test until someone decides who may call it.
 */
type Role = 'admin' | 'preparer' | 'client';
type Params = Record<string, string>;

interface Protected {
  /** Expected status per role for a valid call with own-firm ids. */
  readonly expect: Readonly<Record<Role, number>>;
  /** Path parameters pointing at a firm's resource (a fresh one when the call consumes it). */
  readonly params?: (t: TestApp, f: Firm) => Promise<Params>;
  readonly body?: (f: Firm) => unknown;
  /** Same route on a resource this preparer/client is not assigned to: expected status (404, never 403 leaks). */
  readonly unassigned?: { readonly params: (f: Firm) => Params; readonly expect: Partial<Record<Role, number>> };
}

interface PublicRoute {
  readonly public: number; // status for an anonymous call without a body
}

const unique = () => randomBytes(5).toString('hex');
const clientParams = async (_: TestApp, f: Firm) => ({ id: f.clientId });
const freshStaff = async (t: TestApp, f: Firm) => ({ userId: await t.addStaff(f.admin.user.firmId) });
const freshInvitation = async (t: TestApp, f: Firm) => {
  const r = await t.ok(201, 'POST', '/api/invitations', { token: f.admin.token, body: { kind: 'client', email: `x${unique()}@inv.test`, displayName: 'Fresh', clientId: undefined } });
  await t.ok(200, 'PUT', `/api/clients/${r.body.invitation.clientId}/preparers`, { token: f.admin.token, body: { userIds: [f.preparer.user.id] } });
  return { id: r.body.invitation.id as string };
};
const ALL = { admin: 200, preparer: 200, client: 200 };
const ADMIN_ONLY = { admin: 200, preparer: 403, client: 403 };
const STAFF = { admin: 200, preparer: 200, client: 403 };
const notAssigned = (f: Firm) => ({ id: f.unassignedClientId });

const TABLE: Record<string, Protected | PublicRoute> = {
  'GET /api/docs': { public: 200 },
  'GET /api/docs/': { public: 200 },
  'GET /api/docs/index.html': { public: 200 },
  'GET /api/docs/LICENSE': { public: 404 }, // swagger-ui registers it; the file is not shipped
  'GET /api/docs/swagger-ui-init.js': { public: 200 },
  'GET /api/docs/docs/swagger-ui-init.js': { public: 200 },
  'GET /api/docs-json': { public: 200 },
  'GET /api/docs-yaml': { public: 200 },
  'GET /api/health': { public: 200 },
  'GET /api/meta': { public: 200 },
  'POST /api/auth/sign-up': { public: 400 },
  'POST /api/auth/sign-in': { public: 400 },
  'POST /api/auth/sign-in/2fa': { public: 400 },
  'POST /api/auth/refresh': { public: 401 },
  'POST /api/auth/sign-out': { public: 204 },
  'GET /api/invitations/preview/:token': { public: 404 },
  'POST /api/invitations/accept': { public: 400 },

  'GET /api/auth/me': { expect: ALL },
  // Valid requests that fail on their content (wrong password/code): what matters is that the guard let them through.
  'POST /api/auth/password': { expect: { admin: 400, preparer: 400, client: 400 }, body: () => ({ currentPassword: 'not the password', newPassword: 'a brand new passphrase' }) },
  'POST /api/auth/2fa/enrol': { expect: ALL },
  'POST /api/auth/2fa/verify': { expect: { admin: 400, preparer: 400, client: 400 }, body: () => ({ code: '000000' }) },
  'POST /api/auth/2fa/disable': { expect: { admin: 409, preparer: 409, client: 409 }, body: () => ({ code: '000000' }) },
  'GET /api/firm': { expect: ALL },
  'PATCH /api/firm': { expect: ADMIN_ONLY, body: () => ({ defaultMethod: 'hifo' }) },
  'GET /api/team': { expect: STAFF },
  'PATCH /api/team/:userId': { expect: ADMIN_ONLY, params: freshStaff, body: () => ({ role: 'firm_admin' }) },
  'POST /api/team/:userId/deactivate': { expect: ADMIN_ONLY, params: freshStaff },
  'POST /api/team/:userId/reset-2fa': { expect: ADMIN_ONLY, params: freshStaff },
  'GET /api/clients': { expect: STAFF },
  'POST /api/clients': { expect: { admin: 201, preparer: 201, client: 403 }, body: () => ({ displayName: `Direct ${unique()}` }) },
  'GET /api/clients/:id': { expect: ALL, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'PATCH /api/clients/:id': { expect: STAFF, params: clientParams, body: () => ({ timeZone: 'America/Chicago' }), unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'PUT /api/clients/:id/preparers': { expect: ADMIN_ONLY, params: clientParams, body: (f) => ({ userIds: [f.preparer.user.id] }) },
  'POST /api/clients/:id/submit': { expect: ALL, params: clientParams, body: () => ({ taxYear: 2025 }), unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/consent': { expect: { admin: 403, preparer: 403, client: 200 }, params: clientParams, body: () => ({ consentVersion: CONSENT_VERSION }) },
  'DELETE /api/clients/:id/consent': { expect: { admin: 403, preparer: 403, client: 200 }, params: clientParams },
  // Taxpayer id: staff with update on the client; the test firm does not store taxpayer ids, so setting one is a valid
  // call refused on the firm setting (409); removing is idempotent.
  'PUT /api/clients/:id/taxpayer-id': { expect: { admin: 409, preparer: 409, client: 403 }, params: clientParams, body: () => ({ taxpayerId: '123-45-6789' }), unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'DELETE /api/clients/:id/taxpayer-id': { expect: STAFF, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'GET /api/invitations': { expect: STAFF },
  'POST /api/invitations': { expect: { admin: 201, preparer: 201, client: 403 }, body: () => ({ kind: 'client', email: `n${unique()}@inv.test`, displayName: 'New Client' }) },
  'POST /api/invitations/:id/resend': { expect: STAFF, params: async (_, f) => ({ id: f.pendingInvitationId }) },
  'POST /api/invitations/:id/revoke': { expect: STAFF, params: freshInvitation },
  // Accounts and imports of a client (issue 5). Uploads are multipart; a JSON call without a file is a valid call that
  // fails on its content (400) once the guard and the record check let it through.
  'GET /api/clients/:id/accounts': { expect: ALL, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/accounts': { expect: { admin: 201, preparer: 201, client: 201 }, params: clientParams, body: () => ({ name: `Wallet ${unique()}`, kind: 'wallet' }), unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/imports': { expect: { admin: 400, preparer: 400, client: 400 }, params: clientParams, body: () => ({ accountId: randomUUID() }), unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'GET /api/clients/:id/imports': { expect: ALL, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'GET /api/clients/:id/imports/:batchId': { expect: { admin: 404, preparer: 404, client: 404 }, params: async (_, f) => ({ id: f.clientId, batchId: randomUUID() }), unassigned: { params: (f) => ({ id: f.unassignedClientId, batchId: randomUUID() }), expect: { preparer: 404, client: 404 } } },
  'GET /api/clients/:id/imports/:batchId/file': { expect: { admin: 404, preparer: 404, client: 404 }, params: async (_, f) => ({ id: f.clientId, batchId: randomUUID() }) },
  // Exchange API connections (issue 5). Connecting needs a reachable exchange; a valid call naming neither an account id
  // nor a new account name fails on its content (400) once the guard and the record check let it through.
  'GET /api/clients/:id/exchange-connections': { expect: ALL, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/exchange-connections': { expect: { admin: 400, preparer: 400, client: 400 }, params: clientParams, body: () => ({ exchange: 'kraken', apiKey: 'key-abcd', secret: 'c2VjcmV0' }), unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'DELETE /api/clients/:id/exchange-connections/:connectionId': { expect: { admin: 404, preparer: 404, client: 404 }, params: async (_, f) => ({ id: f.clientId, connectionId: randomUUID() }), unassigned: { params: (f) => ({ id: f.unassignedClientId, connectionId: randomUUID() }), expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/exchange-connections/:connectionId/sync': { expect: { admin: 404, preparer: 404, client: 404 }, params: async (_, f) => ({ id: f.clientId, connectionId: randomUUID() }), unassigned: { params: (f) => ({ id: f.unassignedClientId, connectionId: randomUUID() }), expect: { preparer: 404, client: 404 } } },
  // The firm's price table and a client's price fetch (issue 6, Pricing): staff only. A JSON import call without a file
  // fails on its content (400); the test app has no LOTLINE_PRICE_EXCHANGE, so a fetch answers 409 (offline).
  'POST /api/prices/imports': { expect: { admin: 400, preparer: 400, client: 403 } },
  'GET /api/prices': { expect: STAFF },
  'POST /api/clients/:id/prices/fetch': { expect: { admin: 409, preparer: 409, client: 403 }, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'GET /api/clients/:id/prices/fetch/:runId': { expect: { admin: 404, preparer: 404, client: 403 }, params: async (_, f) => ({ id: f.clientId, runId: randomUUID() }), unassigned: { params: (f) => ({ id: f.unassignedClientId, runId: randomUUID() }), expect: { preparer: 404 } } },
  // Final reports (issue 7). Generating an unpaid report is a valid call refused by the gate (409) once the guard and the
  // record check let it through; downloads of a version that does not exist answer 404.
  'GET /api/clients/:id/tax-years/:year/reports/gate': { expect: ALL, params: async (_, f) => ({ id: f.clientId, year: '2025' }), unassigned: { params: (f) => ({ id: f.unassignedClientId, year: '2025' }), expect: { preparer: 404, client: 404 } } },
  // A fresh client with a report price (unpaid), assigned to the preparer: the gate answers 409 whatever other routes did.
  'POST /api/clients/:id/tax-years/:year/reports': {
    expect: { admin: 409, preparer: 409, client: 403 },
    params: async (t, f) => {
      const id: string = (await t.ok(201, 'POST', '/api/clients', { token: f.admin.token, body: { displayName: `Priced ${unique()}` } })).body.id;
      await t.ok(200, 'PATCH', `/api/clients/${id}`, { token: f.admin.token, body: { reportPriceOverrideUsd: '49.00' } });
      await t.ok(200, 'PUT', `/api/clients/${id}/preparers`, { token: f.admin.token, body: { userIds: [f.preparer.user.id] } });
      return { id, year: '2025' };
    },
    unassigned: { params: (f) => ({ id: f.unassignedClientId, year: '2025' }), expect: { preparer: 404 } },
  },
  'GET /api/clients/:id/tax-years/:year/reports': { expect: ALL, params: async (_, f) => ({ id: f.clientId, year: '2025' }), unassigned: { params: (f) => ({ id: f.unassignedClientId, year: '2025' }), expect: { preparer: 404, client: 404 } } },
  'GET /api/clients/:id/reports/:versionId/files/:fileId': { expect: { admin: 404, preparer: 404, client: 404 }, params: async (_, f) => ({ id: f.clientId, versionId: randomUUID(), fileId: randomUUID() }) },
  'GET /api/clients/:id/reports/:versionId/zip': { expect: { admin: 404, preparer: 404, client: 404 }, params: async (_, f) => ({ id: f.clientId, versionId: randomUUID() }) },
  // Reconciliation (issue 6). Routes on a warning, resolution or 8949 row that does not exist answer 404 once the guard
  // and the record check let them through; a resolution with a bad payload is a valid call that fails on content (400).
  // Without a job queue (as here) a recompute request is recorded as failed to queue; the answer is still 202.
  'GET /api/warnings': { expect: STAFF },
  'GET /api/clients/:id/warnings': { expect: STAFF, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'GET /api/clients/:id/warnings/:key': { expect: { admin: 404, preparer: 404, client: 403 }, params: async (_, f) => ({ id: f.clientId, key: '0'.repeat(24) }) },
  'POST /api/clients/:id/resolutions': { expect: { admin: 400, preparer: 400, client: 403 }, params: clientParams, body: () => ({ payload: { action: 'explain' }, warningIds: ['x'], reason: 'r' }), unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'GET /api/clients/:id/resolutions': { expect: STAFF, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'GET /api/clients/:id/matches': { expect: STAFF, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'POST /api/clients/:id/resolutions/accept-suggestions': { expect: { admin: 201, preparer: 201, client: 403 }, params: clientParams, body: () => ({ minConfidence: 0.5 }), unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'POST /api/clients/:id/resolutions/mark-dust': { expect: { admin: 201, preparer: 201, client: 403 }, params: clientParams, body: () => ({ maxUsd: '1' }), unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'POST /api/clients/:id/resolutions/:resolutionId/undo': { expect: { admin: 404, preparer: 404, client: 403 }, params: async (_, f) => ({ id: f.clientId, resolutionId: randomUUID() }), body: () => ({ reason: 'r' }) },
  'GET /api/clients/:id/recompute': { expect: ALL, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/recompute': { expect: { admin: 202, preparer: 202, client: 403 }, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404 } } },
  'GET /api/clients/:id/tax-years/:year/preview': { expect: ALL, params: async (_, f) => ({ id: f.clientId, year: '2024' }), unassigned: { params: (f) => ({ id: f.unassignedClientId, year: '2024' }), expect: { preparer: 404, client: 404 } } },
  'GET /api/clients/:id/tax-years/:year/form8949': { expect: ALL, params: async (_, f) => ({ id: f.clientId, year: '2024' }), unassigned: { params: (f) => ({ id: f.unassignedClientId, year: '2024' }), expect: { preparer: 404, client: 404 } } },
  'GET /api/clients/:id/tax-years/:year/form8949/:rowNo': { expect: { admin: 404, preparer: 404, client: 404 }, params: async (_, f) => ({ id: f.clientId, year: '2024', rowNo: '1' }) },
  'GET /api/clients/:id/tax-years/:year/what-if': { expect: STAFF, params: async (_, f) => ({ id: f.clientId, year: '2024' }), unassigned: { params: (f) => ({ id: f.unassignedClientId, year: '2024' }), expect: { preparer: 404 } } },
  'PUT /api/clients/:id/tax-years/:year/method': { expect: STAFF, params: async (_, f) => ({ id: f.clientId, year: '2024' }), body: () => ({ method: 'hifo' }), unassigned: { params: (f) => ({ id: f.unassignedClientId, year: '2024' }), expect: { preparer: 404 } } },
  'GET /api/firm/reconciliation-settings': { expect: STAFF },
  'PATCH /api/firm/reconciliation-settings': { expect: ADMIN_ONLY, body: () => ({ transferWindowHours: 48 }) },
  'GET /api/clients/:id/questions': { expect: ALL, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/questions/:key/answer': { expect: { admin: 403, preparer: 403, client: 404 }, params: async (_, f) => ({ id: f.clientId, key: '0'.repeat(24) }), body: () => ({ choice: 'purchase' }), unassigned: { params: (f) => ({ id: f.unassignedClientId, key: '0'.repeat(24) }), expect: { client: 404 } } },
  // Billing (issue 7). Without Stripe keys (as here) a checkout is refused with 409 once the guard and the record check
  // let it through; recording a payment is the firm admin's (a fresh client each time: a paid report answers 409).
  'GET /api/billing/settings': { expect: ALL },
  'GET /api/clients/:id/billing': { expect: ALL, params: clientParams, unassigned: { params: notAssigned, expect: { preparer: 404, client: 404 } } },
  'POST /api/clients/:id/billing/checkout': { expect: { admin: 409, preparer: 403, client: 409 }, params: clientParams, body: () => ({ taxYear: 2025 }), unassigned: { params: notAssigned, expect: { client: 404 } } },
  'POST /api/clients/:id/billing/checkout/confirm': { expect: { admin: 409, preparer: 403, client: 409 }, params: clientParams, body: () => ({ taxYear: 2025, sessionId: 'cs_test_routeMatrix' }), unassigned: { params: notAssigned, expect: { client: 404 } } },
  'POST /api/clients/:id/billing/payments': { expect: { admin: 201, preparer: 403, client: 403 }, params: async (t, f) => ({ id: (await t.ok(201, 'POST', '/api/clients', { token: f.admin.token, body: { displayName: `Billed ${unique()}` } })).body.id }), body: () => ({ taxYear: 2025, method: 'comped', note: 'Route matrix' }) },
  'POST /api/billing/stripe/webhook': { public: 400 },
  'GET /api/audit': { expect: ADMIN_ONLY },
  'GET /api/audit.csv': { expect: ADMIN_ONLY },
};

const fill = (path: string, params: Params) => path.replace(/:(\w+)/g, (_, k: string) => params[k] ?? `missing-${k}`);
const isPublic = (e: Protected | PublicRoute): e is PublicRoute => 'public' in e;

describe('route matrix (every registered route, every role, two firms)', () => {
  let t: TestApp;
  let a: Firm;
  let b: Firm;
  let routes: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createFirm('alpha');
    b = await t.createFirm('bravo');
    routes = t.routes();
  });
  afterAll(() => t.close());

  it('has every registered route classified, and nothing stale in the table', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => !(r in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('answers 401 without a token, with a forged token and with a token of a deactivated user, except the public allow-list', async () => {
    const forged = `${a.admin.token.slice(0, -4)}AAAA`;
    const victim = await t.createFirm('victim');
    await t.ok(200, 'POST', `/api/team/${victim.preparer.user.id}/deactivate`, { token: victim.admin.token });
    for (const route of routes) {
      const entry = TABLE[route];
      const [method, path] = route.split(' ');
      const url = fill(path, { id: a.clientId, userId: a.preparer.user.id, token: 'x' });
      const anonymous = await t.call(method, url);
      if (isPublic(entry)) {
        expect({ route, status: anonymous.status }).toEqual({ route, status: entry.public });
        continue;
      }
      expect({ route, status: anonymous.status, code: anonymous.body?.code }).toEqual({ route, status: 401, code: 'UNAUTHENTICATED' });
      expect({ route, status: (await t.call(method, url, { token: forged })).status }).toEqual({ route, status: 401 });
      expect({ route, status: (await t.call(method, url, { token: victim.preparer.token })).status }).toEqual({ route, status: 401 });
    }
  });

  it('gives each role exactly its allowed actions on its own firm', async () => {
    const sessions: Record<Role, string> = { admin: a.admin.token, preparer: a.preparer.token, client: a.client.token };
    for (const route of routes) {
      const entry = TABLE[route];
      if (isPublic(entry)) continue;
      const [method, path] = route.split(' ');
      for (const role of ['admin', 'preparer', 'client'] as const) {
        const params = entry.params ? await entry.params(t, a) : {};
        const r = await t.call(method, fill(path, params), { token: sessions[role], body: entry.body?.(a) });
        expect({ route, role, status: r.status }).toEqual({ route, role, status: entry.expect[role] });
      }
      for (const [role, status] of Object.entries(entry.unassigned?.expect ?? {})) {
        const r = await t.call(method, fill(path, entry.unassigned?.params(a) ?? {}), { token: sessions[role as Role], body: entry.body?.(a) });
        expect({ route, role, unassigned: true, status: r.status }).toEqual({ route, role, unassigned: true, status });
      }
    }
  });

  it("answers 404 for every firm-B id to every firm-A role, and for ids that are not ids at all", async () => {
    for (const route of routes) {
      const entry = TABLE[route];
      if (isPublic(entry) || !entry.params) continue;
      const [method, path] = route.split(' ');
      const foreign = await entry.params(t, b);
      for (const [role, token] of [['admin', a.admin.token], ['preparer', a.preparer.token], ['client', a.client.token]] as const) {
        if (entry.expect[role] === 403) continue; // refused by the route guard before any id is looked at
        const r = await t.call(method, fill(path, foreign), { token, body: entry.body?.(a) });
        expect({ route, role, status: r.status, code: r.body?.code }).toEqual({ route, role, status: 404, code: 'NOT_FOUND' });
      }
      const allowed = (['admin', 'preparer', 'client'] as const).find((role) => entry.expect[role] !== 403) ?? 'admin';
      const token = { admin: a.admin.token, preparer: a.preparer.token, client: a.client.token }[allowed];
      const garbage = await t.call(method, fill(path, { id: "1' OR '1'='1", userId: 'not-a-uuid' }), { token, body: entry.body?.(a) });
      expect({ route, status: garbage.status }).toEqual({ route, status: 404 });
    }
  });

  it('never lists firm-B rows to firm A, and lists only assigned clients to a preparer', async () => {
    const bIds = new Set<string>([b.admin.user.id, b.preparer.user.id, b.client.user.id, b.clientId, b.unassignedClientId, b.pendingClientId, b.pendingInvitationId, b.clientInvitationId]);
    const leaks = (items: Json[]) => JSON.stringify(items).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)?.filter((id) => bIds.has(id)) ?? [];
    for (const token of [a.admin.token, a.preparer.token]) {
      const clients = await t.ok(200, 'GET', '/api/clients?pageSize=100', { token });
      expect(leaks(clients.body.items)).toEqual([]);
      expect(leaks((await t.ok(200, 'GET', '/api/team', { token })).body)).toEqual([]);
      expect(leaks((await t.ok(200, 'GET', '/api/invitations', { token })).body)).toEqual([]);
    }
    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    expect(audit.body.total).toBeGreaterThan(5);
    expect(leaks(audit.body.items)).toEqual([]);
    expect(audit.body.items.some((e: Json) => e.subjectId === a.clientId)).toBe(true);
    const csv = await t.ok(200, 'GET', '/api/audit.csv', { token: a.admin.token });
    expect(leaks([csv.text])).toEqual([]);
    expect(csv.text).toContain(a.clientId);

    const prepList = await t.ok(200, 'GET', '/api/clients?pageSize=100', { token: a.preparer.token });
    const prepIds: string[] = prepList.body.items.map((c: Json) => c.id);
    expect(prepIds).toContain(a.clientId);
    expect(prepIds).not.toContain(a.unassignedClientId);
    const adminIds: string[] = (await t.ok(200, 'GET', '/api/clients?pageSize=100', { token: a.admin.token })).body.items.map((c: Json) => c.id);
    expect(adminIds).toEqual(expect.arrayContaining([a.clientId, a.unassignedClientId, a.pendingClientId]));
    const prepInvitations = (await t.ok(200, 'GET', '/api/invitations', { token: a.preparer.token })).body as Json[];
    expect(prepInvitations.every((i) => i.kind === 'client')).toBe(true);
  });
});
