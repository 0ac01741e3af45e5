import { ConfigError, loadConfig } from './app-config';

describe('auth configuration', () => {
  it('has safe defaults', () => {
    expect(loadConfig({}, '/srv').auth).toEqual({
      jwtSecret: undefined,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlDays: 30,
      slowAfter: 5,
      lockAfter: 10,
      ipLockAfter: 50,
      lockMinutes: 15,
      signUpsPerIp: 20,
      smtpUrl: undefined,
      smtpFrom: 'Lotline <no-reply@localhost>',
    });
    expect(loadConfig({}, '/srv').trustProxy).toBe(false);
  });

  it('reads every variable', () => {
    const c = loadConfig(
      { JWT_SECRET: 'x'.repeat(32), ACCESS_TOKEN_TTL_SECONDS: '60', REFRESH_TOKEN_TTL_DAYS: '7', SIGN_IN_SLOW_AFTER: '2', SIGN_IN_LOCK_AFTER: '4', SIGN_IN_IP_LOCK_AFTER: '9', SIGN_IN_LOCK_MINUTES: '5', SIGN_UPS_PER_IP: '3', SMTP_URL: 'smtps://u:p@mail.test:465', SMTP_FROM: 'Firm <a@b.test>', TRUST_PROXY: '2' },
      '/srv',
    );
    expect(c.auth).toMatchObject({ jwtSecret: 'x'.repeat(32), accessTokenTtlSeconds: 60, refreshTokenTtlDays: 7, slowAfter: 2, lockAfter: 4, ipLockAfter: 9, lockMinutes: 5, signUpsPerIp: 3, smtpUrl: 'smtps://u:p@mail.test:465', smtpFrom: 'Firm <a@b.test>' });
    expect(c.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, '/srv').trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
  });

  it.each([
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    [{ ACCESS_TOKEN_TTL_SECONDS: '5' }, /ACCESS_TOKEN_TTL_SECONDS must be between/],
    [{ SIGN_IN_SLOW_AFTER: '8', SIGN_IN_LOCK_AFTER: '4' }, /SIGN_IN_LOCK_AFTER must be at least SIGN_IN_SLOW_AFTER/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL must start with smtp/],
    [{ TRUST_PROXY: 'everyone; rm -rf' }, /TRUST_PROXY must be/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig(env, '/srv')).toThrow(message);
  });
});
