import { TestApp, PASSWORD, type Firm } from '../../test/http-app';

describe('bad input: emails, unknown fields, oversized bodies, long strings, unicode, SQL/HTML stored verbatim', () => {
  let t: TestApp;
  let f: Firm;
  beforeAll(async () => {
    t = await TestApp.start();
    f = await t.createFirm('bad');
  });
  afterAll(() => t.close());

  it.each(['not-an-email', 'a@', '@b.test', 'a b@c.test', 'a@b', '"><script>@x.test', ''])('refuses the malformed email %j with 400 VALIDATION_FAILED', async (email) => {
    for (const [path, body, token] of [
      ['/api/auth/sign-up', { firmName: 'F', displayName: 'D', email, password: PASSWORD }, undefined],
      ['/api/auth/sign-in', { email, password: PASSWORD }, undefined],
      ['/api/invitations', { kind: 'client', email, displayName: 'D' }, f.admin.token],
      ['/api/clients', { displayName: 'D', email }, f.admin.token],
    ] as const) {
      const r = await t.call('POST', path, { body, token });
      expect({ path, status: r.status, code: r.body?.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('refuses unknown fields (mass assignment) with 400, e.g. a role on sign-up or a firmId on a client', async () => {
    const signUp = await t.call('POST', '/api/auth/sign-up', { body: { firmName: 'F', displayName: 'D', email: 'new@bad.test', password: PASSWORD, role: 'firm_admin' } });
    expect(signUp.status).toBe(400);
    expect(signUp.body.message).toMatch(/role should not exist/);
    const signIn = await t.call('POST', '/api/auth/sign-in', { body: { email: 'admin@bad.test', password: PASSWORD, admin: true } });
    expect(signIn.status).toBe(400);
    const client = await t.call('POST', '/api/clients', { token: f.admin.token, body: { displayName: 'C', firmId: f.admin.user.firmId } });
    expect(client.status).toBe(400);
    const firm = await t.call('PATCH', '/api/firm', { token: f.admin.token, body: { id: 'x' } });
    expect(firm.status).toBe(400);
    const money = await t.call('PATCH', '/api/firm', { token: f.admin.token, body: { reportPriceUsd: 49.5 } });
    expect(money.status).toBe(400); // money is a decimal string, never a JSON number
  });

  it('answers 413 with the stable error body for a JSON body over 1 MB, and 400 for malformed JSON', async () => {
    const big = await t.call('POST', '/api/clients', { token: f.admin.token, rawBody: JSON.stringify({ displayName: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringContaining('1mb'), correlationId: expect.any(String) });
    const broken = await t.call('POST', '/api/auth/sign-in', { rawBody: '{"email": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses very long strings with 400 and stores nothing', async () => {
    const long = 'y'.repeat(201);
    expect((await t.call('POST', '/api/clients', { token: f.admin.token, body: { displayName: long } })).status).toBe(400);
    expect((await t.call('POST', '/api/auth/sign-in', { body: { email: 'admin@bad.test', password: 'p'.repeat(10_000) } })).status).toBe(400);
    expect((await t.call('GET', `/api/clients?search=${'s'.repeat(500)}`, { token: f.admin.token })).status).toBe(400);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM client WHERE display_name = $1`, [long]);
    expect(n).toBe(0);
  });

  it('stores SQL- and HTML-looking and unicode text verbatim, returns it as JSON data, and finds it by literal search', async () => {
    const names = ["Robert'); DROP TABLE client;--", '<img src=x onerror=alert(1)>', 'Zoë Ōtani 山田 🧾', '100% _real_ \\ name'];
    for (const displayName of names) {
      const r = await t.ok(201, 'POST', '/api/clients', { token: f.admin.token, body: { displayName } });
      expect(r.body.displayName).toBe(displayName);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      const back = await t.ok(200, 'GET', `/api/clients/${r.body.id}`, { token: f.admin.token });
      expect(back.body.displayName).toBe(displayName);
    }
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM client`);
    expect(n).toBeGreaterThan(4); // the table is still there
    const pct = await t.ok(200, 'GET', `/api/clients?search=${encodeURIComponent('100%')}`, { token: f.admin.token });
    expect(pct.body.items.map((c: { displayName: string }) => c.displayName)).toEqual(['100% _real_ \\ name']);
    const under = await t.ok(200, 'GET', `/api/clients?search=${encodeURIComponent('_')}`, { token: f.admin.token });
    expect(under.body.items.map((c: { displayName: string }) => c.displayName)).toEqual(['100% _real_ \\ name']);
    const uni = await t.ok(200, 'GET', `/api/clients?search=${encodeURIComponent('山田')}`, { token: f.admin.token });
    expect(uni.body.total).toBe(1);
  });

  it('refuses bad query values, a bad time zone and an unknown preparer id', async () => {
    for (const q of ['status=done', 'sort=password', 'page=0', 'pageSize=1000', 'taxYear=1999', 'preparerId=abc']) {
      expect({ q, status: (await t.call('GET', `/api/clients?${q}`, { token: f.admin.token })).status }).toEqual({ q, status: 400 });
    }
    expect((await t.call('PATCH', `/api/clients/${f.clientId}`, { token: f.admin.token, body: { timeZone: 'Mars/Olympus' } })).status).toBe(400);
    const assign = await t.call('PUT', `/api/clients/${f.clientId}/preparers`, { token: f.admin.token, body: { userIds: [f.client.user.id] } });
    expect(assign.status).toBe(400); // a client login is not staff
  });
});

describe('client IP behind a trusted proxy (TRUST_PROXY)', () => {
  it('takes the audit/throttle IP from X-Forwarded-For only when the proxy is trusted', async () => {
    for (const [trust, expected] of [['loopback', '203.0.113.7'], ['', '127.0.0.1']] as const) {
      const t = await TestApp.start({ TRUST_PROXY: trust });
      try {
        const f = await t.createFirm('proxy');
        await t.call('POST', '/api/auth/sign-in', { body: { email: 'admin@proxy.test', password: 'wrong password here' }, headers: { 'x-forwarded-for': '203.0.113.7' } });
        const audit = await t.ok(200, 'GET', '/api/audit?action=auth.sign_in_failed', { token: f.admin.token });
        expect({ trust, ip: audit.body.items[0].ip.replace(/^::ffff:/, '') }).toEqual({ trust, ip: expected });
      } finally {
        await t.close();
      }
    }
  });
});
