import { TestApp, PASSWORD, type Firm } from '../../test/http-app';

const MIN = 60_000;

describe('sign-in throttling and lockout (PostgreSQL-backed, injectable clock and thresholds)', () => {
  let t: TestApp;
  let f: Firm;
  const attempt = (email: string, password: string) => t.call('POST', '/api/auth/sign-in', { body: { email, password } });
  const statuses = async (email: string, password: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await attempt(email, password)).status);
    return out;
  };

  beforeAll(async () => {
    t = await TestApp.start({ SIGN_IN_SLOW_AFTER: '3', SIGN_IN_LOCK_AFTER: '5', SIGN_IN_IP_LOCK_AFTER: '12', SIGN_IN_LOCK_MINUTES: '15' });
    f = await t.createFirm('thr');
  });
  afterAll(() => t.close());

  it('slows an account down after 3 failures, locks it at 5 for 15 minutes, then lets the right password in', async () => {
    const email = f.admin.user.email;
    expect(await statuses(email, 'wrong password 1', 3)).toEqual([401, 401, 401]);
    // Slow-down: even the right password must wait 1 s after the 3rd failure.
    const slowed = await attempt(email, PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.not.stringContaining(email) });
    t.advance(1_001);
    expect((await attempt(email, 'wrong password 4')).status).toBe(401);
    expect((await attempt(email, 'wrong password 4b')).status).toBe(429); // now 2 s to wait
    t.advance(2_001);
    expect((await attempt(email, 'wrong password 5')).status).toBe(401); // 5th failure: locked
    t.advance(3 * MIN);
    expect((await attempt(email, PASSWORD)).status).toBe(429);
    t.advance(12 * MIN + 1_000);
    expect((await attempt(email, PASSWORD)).status).toBe(200);
    // Success cleared the account's counter.
    expect((await attempt(email, 'wrong again')).status).toBe(401);
    expect((await attempt(email, PASSWORD)).status).toBe(200);
  });

  it('answers an unknown email exactly like a known one (no account enumeration through throttling)', async () => {
    t.advance(16 * MIN);
    const known = await statuses(f.preparer.user.email, 'nope nope nope', 4);
    const unknown = await statuses('ghost@thr.test', 'nope nope nope', 4);
    expect(unknown).toEqual(known);
    expect(known).toEqual([401, 401, 401, 429]);
    const rows: { key: string }[] = await t.db.dataSource.query(`SELECT key FROM sign_in_throttle`);
    expect(rows.some((r) => r.key.includes('ghost'))).toBe(false); // keyed by a hash, the typed email is not stored
  });

  it('locks an IP that fails across many accounts, and lifts the lock after the period', async () => {
    t.advance(16 * MIN);
    for (let i = 0; i < 12; i++) expect((await attempt(`spray${i}@thr.test`, 'Winter2026!!x')).status).toBe(401);
    expect((await attempt(f.client.user.email, PASSWORD)).status).toBe(429); // right password, locked IP
    t.advance(16 * MIN);
    expect((await attempt(f.client.user.email, PASSWORD)).status).toBe(200);
  });

  it('counts failed second-factor codes against the account too', async () => {
    t.advance(16 * MIN);
    const s = await t.signIn(f.preparer.user.email);
    const { secret } = (await t.ok(200, 'POST', '/api/auth/2fa/enrol', { token: s.token })).body;
    const { TOTP, Secret } = await import('otpauth');
    await t.ok(200, 'POST', '/api/auth/2fa/verify', { token: s.token, body: { code: new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: t.now.getTime() }) } });
    const ch = (await t.ok(200, 'POST', '/api/auth/sign-in', { body: { email: f.preparer.user.email, password: PASSWORD } })).body.challengeToken;
    const codes: number[] = [];
    for (const code of ['aaaaa-aaaaa', 'bbbbb-bbbbb', 'ccccc-ccccc', 'ddddd-ddddd']) codes.push((await t.call('POST', '/api/auth/sign-in/2fa', { body: { challengeToken: ch, code } })).status);
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});

describe('firm sign-up throttling per IP', () => {
  it('allows SIGN_UPS_PER_IP (here 10) sign-ups per IP per lock period (successful or not), then 429 until the period ends', async () => {
    const t = await TestApp.start({ SIGN_IN_LOCK_MINUTES: '15', SIGN_UPS_PER_IP: '10' });
    try {
      const signUp = (i: number, password = PASSWORD) =>
        t.call('POST', '/api/auth/sign-up', { body: { firmName: `Firm ${i}`, displayName: 'Owner', email: `owner${i}@signup.test`, password } });
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) statuses.push((await signUp(i)).status);
      statuses.push((await signUp(9, 'password1234')).status); // refused password still counts
      statuses.push((await signUp(10)).status);
      expect(statuses).toEqual([...Array(9).fill(201), 400, 429]);
      t.advance(16 * MIN);
      expect((await signUp(11)).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});
