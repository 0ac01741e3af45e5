import { Secret, TOTP } from 'otpauth';
import { TestApp, PASSWORD, type Firm, type Json } from '../../test/http-app';

describe('TOTP two-factor: enrol, verify, sign-in with a code or a recovery code, admin reset, firm requirement', () => {
  let t: TestApp;
  let f: Firm;
  let secret = '';
  let recoveryCodes: string[] = [];
  const code = (at = t.now) => new TOTP({ issuer: 'Lotline', algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
  const challenge = async (email: string) => {
    const r = await t.ok(200, 'POST', '/api/auth/sign-in', { body: { email, password: PASSWORD } });
    expect(r.body).toEqual({ kind: 'two_factor_required', challengeToken: expect.any(String) });
    expect(r.setCookie).toBeNull();
    return r.body.challengeToken as string;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    f = await t.createFirm('tfa');
  });
  afterAll(() => t.close());

  it('enrols: otpauth URI, SVG QR code and base32 secret; the secret is stored sealed, not in clear', async () => {
    const r = await t.ok(200, 'POST', '/api/auth/2fa/enrol', { token: f.preparer.token });
    expect(r.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Lotline:prep%40tfa\.test\?.*secret=[A-Z2-7]+/);
    expect(r.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(r.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    secret = r.body.secret;
    const [row] = await t.db.dataSource.query(`SELECT totp_secret_sealed AS s, totp_enabled_at AS e FROM app_user WHERE id = $1`, [f.preparer.user.id]);
    expect(row.s).toMatch(/^v1\./);
    expect(row.s).not.toContain(secret);
    expect(row.e).toBeNull(); // pending until verified
    // Not active yet: sign-in still needs only the password.
    expect((await t.ok(200, 'POST', '/api/auth/sign-in', { body: { email: 'prep@tfa.test', password: PASSWORD } })).body.kind).toBe('session');
  });

  it('verifies with a current code and returns 10 distinct one-time recovery codes (stored hashed)', async () => {
    expect((await t.call('POST', '/api/auth/2fa/verify', { token: f.preparer.token, body: { code: '123456' === code() ? '654321' : '123456' } })).status).toBe(400);
    const r = await t.ok(200, 'POST', '/api/auth/2fa/verify', { token: f.preparer.token, body: { code: code() } });
    recoveryCodes = r.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const stored: { code_hash: string }[] = await t.db.dataSource.query(`SELECT code_hash FROM recovery_code WHERE user_id = $1`, [f.preparer.user.id]);
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.code_hash).join()).not.toContain(recoveryCodes[0].replace('-', ''));
    expect((await t.ok(200, 'GET', '/api/auth/me', { token: f.preparer.token })).body.twoFactorEnabled).toBe(true);
    expect((await t.call('POST', '/api/auth/2fa/enrol', { token: f.preparer.token })).status).toBe(409);
  });

  it('signs in with password then TOTP; a wrong, replayed or expired-challenge code is refused', async () => {
    const ch = await challenge('prep@tfa.test');
    expect((await t.call('GET', '/api/auth/me', { token: ch })).status).toBe(401); // a challenge is not an access token
    expect((await t.call('POST', '/api/auth/sign-in/2fa', { body: { challengeToken: ch, code: '000000' === code() ? '111111' : '000000' } })).status).toBe(401);
    // The code used to verify enrolment (same time step) cannot be replayed.
    expect((await t.call('POST', '/api/auth/sign-in/2fa', { body: { challengeToken: ch, code: code() } })).status).toBe(401);
    t.advance(30_000);
    const ok = await t.ok(200, 'POST', '/api/auth/sign-in/2fa', { body: { challengeToken: ch, code: code() } });
    expect(ok.body.kind).toBe('session');
    expect(ok.refreshCookie).toBeTruthy();
    const ch2 = await challenge('prep@tfa.test');
    t.advance(301_000);
    expect((await t.call('POST', '/api/auth/sign-in/2fa', { body: { challengeToken: ch2, code: code() } })).status).toBe(401);
  });

  it('accepts each recovery code once', async () => {
    const ch = await challenge('prep@tfa.test');
    const first = await t.ok(200, 'POST', '/api/auth/sign-in/2fa', { body: { challengeToken: ch, code: recoveryCodes[0].toUpperCase() } });
    expect(first.body.kind).toBe('session');
    const again = await t.call('POST', '/api/auth/sign-in/2fa', { body: { challengeToken: await challenge('prep@tfa.test'), code: recoveryCodes[0] } });
    expect(again.status).toBe(401);
    const admin = await t.signIn('admin@tfa.test');
    const audit = await t.ok(200, 'GET', `/api/audit?action=auth.signed_in&actorId=${f.preparer.user.id}`, { token: admin.token });
    expect(audit.body.items.map((e: Json) => e.summary.method)).toEqual(expect.arrayContaining(['totp', 'recovery_code']));
  });

  it('lets exactly one of two simultaneous sign-ins with the same recovery code win', async () => {
    const [c1, c2] = [await challenge('prep@tfa.test'), await challenge('prep@tfa.test')];
    const results = await Promise.all([c1, c2].map((challengeToken) => t.call('POST', '/api/auth/sign-in/2fa', { body: { challengeToken, code: recoveryCodes[2] } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('lets a firm admin reset a member\'s 2FA (audited, sessions revoked); the member then signs in with the password', async () => {
    const member = await t.ok(200, 'POST', '/api/auth/sign-in/2fa', { body: { challengeToken: await challenge('prep@tfa.test'), code: recoveryCodes[1] } });
    const admin = await t.signIn('admin@tfa.test');
    const r = await t.ok(200, 'POST', `/api/team/${f.preparer.user.id}/reset-2fa`, { token: admin.token });
    expect(r.body).toMatchObject({ id: f.preparer.user.id, twoFactorEnabled: false });
    expect((await t.call('POST', '/api/auth/refresh', { cookie: member.refreshCookie })).status).toBe(401);
    expect((await t.ok(200, 'POST', '/api/auth/sign-in', { body: { email: 'prep@tfa.test', password: PASSWORD } })).body.kind).toBe('session');
    const audit = await t.ok(200, 'GET', '/api/audit?action=user.2fa_reset', { token: admin.token });
    expect(audit.body.items[0]).toMatchObject({ actor: { id: f.admin.user.id }, subjectId: f.preparer.user.id, summary: { before: { twoFactorEnabled: true }, after: { twoFactorEnabled: false } } });
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1`, [f.preparer.user.id]);
    expect(n).toBe(0);
  });

  it('turns one\'s own 2FA off only with a valid code', async () => {
    const admin = await t.signIn('admin@tfa.test');
    secret = (await t.ok(200, 'POST', '/api/auth/2fa/enrol', { token: admin.token })).body.secret;
    await t.ok(200, 'POST', '/api/auth/2fa/verify', { token: admin.token, body: { code: code() } });
    expect((await t.call('POST', '/api/auth/2fa/disable', { token: admin.token, body: { code: 'aaaaa-aaaaa' } })).status).toBe(400);
    t.advance(30_000);
    await t.ok(204, 'POST', '/api/auth/2fa/disable', { token: admin.token, body: { code: code() } });
    expect((await t.ok(200, 'GET', '/api/auth/me', { token: admin.token })).body.twoFactorEnabled).toBe(false);
  });

  it('when the firm requires 2FA for staff, staff without it can only enrol; clients are not affected', async () => {
    const admin = await t.signIn('admin@tfa.test');
    await t.ok(200, 'PATCH', '/api/firm', { token: admin.token, body: { requireTwoFactorForStaff: true } });
    const prep = await t.signIn('prep@tfa.test');
    const refused = await t.call('GET', '/api/clients', { token: prep.token });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/two-factor/);
    await t.ok(200, 'GET', '/api/auth/me', { token: prep.token });
    secret = (await t.ok(200, 'POST', '/api/auth/2fa/enrol', { token: prep.token })).body.secret;
    await t.ok(200, 'POST', '/api/auth/2fa/verify', { token: prep.token, body: { code: code() } });
    await t.ok(200, 'GET', '/api/clients', { token: prep.token });
    const client = await t.signIn('client@tfa.test');
    await t.ok(200, 'GET', `/api/clients/${f.clientId}`, { token: client.token });
  });
});
