import { TestApp, PASSWORD, type Firm } from '../../test/http-app';

describe('sessions: access-token expiry, refresh rotation, reuse detection, sign-out', () => {
  let t: TestApp;
  let f: Firm;
  beforeAll(async () => {
    t = await TestApp.start({ ACCESS_TOKEN_TTL_SECONDS: '900' });
    f = await t.createFirm('sess');
  });
  afterAll(() => t.close());

  it('sets the refresh cookie httpOnly, SameSite=Strict, path /api/auth, not Secure over http', async () => {
    const r = await t.ok(200, 'POST', '/api/auth/sign-in', { body: { email: 'admin@sess.test', password: PASSWORD } });
    expect(r.setCookie).toMatch(/^lotline_refresh=[A-Za-z0-9_-]{43};/);
    expect(r.setCookie).toMatch(/HttpOnly/);
    expect(r.setCookie).toMatch(/SameSite=Strict/);
    expect(r.setCookie).toMatch(/Path=\/api\/auth/);
    expect(r.setCookie).not.toMatch(/Secure/);
    expect(r.body).toEqual({ kind: 'session', accessToken: expect.any(String), accessTokenExpiresAt: new Date(t.now.getTime() + 900_000).toISOString(), user: expect.objectContaining({ email: 'admin@sess.test', role: 'firm_admin', clientId: null, twoFactorEnabled: false, firmName: 'sess Tax LLP' }) });
    expect(JSON.stringify(r.body)).not.toContain(r.refreshCookie);
  });

  it('rejects an access token after its expiry (clock moved, no sleeping) and refreshes into a new one', async () => {
    const s = await t.signIn('prep@sess.test');
    await t.ok(200, 'GET', '/api/auth/me', { token: s.token });
    t.advance(899_000);
    await t.ok(200, 'GET', '/api/auth/me', { token: s.token });
    t.advance(2_000);
    const expired = await t.call('GET', '/api/auth/me', { token: s.token });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('UNAUTHENTICATED');
    const refreshed = await t.ok(200, 'POST', '/api/auth/refresh', { cookie: s.cookie });
    expect(refreshed.refreshCookie).toBeTruthy();
    expect(refreshed.refreshCookie).not.toBe(s.cookie);
    const me = await t.ok(200, 'GET', '/api/auth/me', { token: refreshed.body.accessToken });
    expect(me.body.email).toBe('prep@sess.test');
  });

  it('rotates on every refresh; reusing a rotated token revokes the whole family (even the newest token)', async () => {
    const s = await t.signIn('client@sess.test');
    const r1 = await t.ok(200, 'POST', '/api/auth/refresh', { cookie: s.cookie });
    const r2 = await t.ok(200, 'POST', '/api/auth/refresh', { cookie: r1.refreshCookie });
    // The attacker replays the first (rotated) token:
    const replay = await t.call('POST', '/api/auth/refresh', { cookie: s.cookie });
    expect(replay.status).toBe(401);
    // ...and the legitimate newest token is dead too: the family is revoked.
    expect((await t.call('POST', '/api/auth/refresh', { cookie: r2.refreshCookie })).status).toBe(401);
    // Another sign-in (another family) is unaffected.
    const other = await t.signIn('client@sess.test');
    await t.ok(200, 'POST', '/api/auth/refresh', { cookie: other.cookie });
    const audit = await t.ok(200, 'GET', '/api/audit?action=auth.refresh_reuse_detected', { token: (await t.signIn('admin@sess.test')).token });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ subjectId: f.client.user.id, actor: { id: f.client.user.id } });
  });

  it('expires refresh tokens after REFRESH_TOKEN_TTL_DAYS', async () => {
    const s = await t.signIn('prep@sess.test');
    t.advance(31 * 86_400_000);
    expect((await t.call('POST', '/api/auth/refresh', { cookie: s.cookie })).status).toBe(401);
  });

  it('signs out: clears the cookie and revokes the refresh family; no cookie means 401 on refresh', async () => {
    const s = await t.signIn('admin@sess.test');
    const out = await t.ok(204, 'POST', '/api/auth/sign-out', { cookie: s.cookie });
    expect(out.setCookie).toMatch(/lotline_refresh=;/);
    expect((await t.call('POST', '/api/auth/refresh', { cookie: s.cookie })).status).toBe(401);
    expect((await t.call('POST', '/api/auth/refresh')).status).toBe(401);
    expect((await t.call('POST', '/api/auth/refresh', { cookie: 'made-up-token' })).status).toBe(401);
  });

  it('changing the password signs out the other sessions, keeps this one, and refuses weak passwords', async () => {
    const here = await t.signIn('prep@sess.test');
    const elsewhere = await t.signIn('prep@sess.test');
    const weak = await t.call('POST', '/api/auth/password', { token: here.token, cookie: here.cookie, body: { currentPassword: PASSWORD, newPassword: 'password1234' } });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/too common/);
    const short = await t.call('POST', '/api/auth/password', { token: here.token, body: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(short.body.message).toMatch(/at least 12/);
    await t.ok(204, 'POST', '/api/auth/password', { token: here.token, cookie: here.cookie, body: { currentPassword: PASSWORD, newPassword: 'a new and longer passphrase' } });
    expect((await t.call('POST', '/api/auth/refresh', { cookie: elsewhere.cookie })).status).toBe(401);
    await t.ok(200, 'POST', '/api/auth/refresh', { cookie: here.cookie });
    expect((await t.call('POST', '/api/auth/sign-in', { body: { email: 'prep@sess.test', password: PASSWORD } })).status).toBe(401);
    await t.signIn('prep@sess.test', 'a new and longer passphrase');
  });

  it('gives the same generic answer for a wrong password and an unknown email, and audits the known-account failure', async () => {
    const wrong = await t.call('POST', '/api/auth/sign-in', { body: { email: 'admin@sess.test', password: 'not the right one' } });
    const unknown = await t.call('POST', '/api/auth/sign-in', { body: { email: 'nobody@sess.test', password: 'not the right one' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(unknown.body.code).toBe(wrong.body.code);
    const audit = await t.ok(200, 'GET', '/api/audit?action=auth.sign_in_failed', { token: (await t.signIn('admin@sess.test')).token });
    expect(audit.body.items[0]).toMatchObject({ action: 'auth.sign_in_failed', subjectId: f.admin.user.id, ip: expect.stringContaining('127.0.0.1'), correlationId: expect.any(String) });
    const ok = await t.ok(200, 'GET', '/api/audit?action=auth.signed_in', { token: (await t.signIn('admin@sess.test')).token });
    expect(ok.body.total).toBeGreaterThan(0);
  });

  it('refuses a sign-up with an email that already has an account, without creating anything', async () => {
    const r = await t.call('POST', '/api/auth/sign-up', { body: { firmName: 'Dup', displayName: 'Dup', email: 'ADMIN@sess.test', password: PASSWORD } });
    expect(r.status).toBe(409);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM firm WHERE name = 'Dup'`);
    expect(n).toBe(0);
  });

  it('derives the same signing key from the same master key (several processes / restarts), unless JWT_SECRET is set', async () => {
    const { SecretBox } = await import('../secrets/secret-box');
    const key = Buffer.alloc(32, 7);
    expect(new SecretBox(key).deriveKey('jwt-signing-v1').equals(new SecretBox(key).deriveKey('jwt-signing-v1'))).toBe(true);
    expect(new SecretBox(key).deriveKey('jwt-signing-v1').equals(new SecretBox(Buffer.alloc(32, 8)).deriveKey('jwt-signing-v1'))).toBe(false);
  });
});

describe('refresh cookie over https', () => {
  it('is Secure when PUBLIC_URL is https', async () => {
    const t = await TestApp.start({ PUBLIC_URL: 'https://tax.example.com' });
    try {
      const r = await t.ok(201, 'POST', '/api/auth/sign-up', { body: { firmName: 'Secure LLP', displayName: 'Sam', email: 'sam@secure.test', password: PASSWORD } });
      expect(r.setCookie).toMatch(/; Secure/);
      expect(r.setCookie).toMatch(/HttpOnly/);
      expect(r.setCookie).toMatch(/SameSite=Strict/);
    } finally {
      await t.close();
    }
  });
});
