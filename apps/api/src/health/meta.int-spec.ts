import { TestApp } from '../../test/http-app';

describe('GET /api/meta', () => {
  it.each([
    [{}, false],
    [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, true],
  ])('tells the portal whether invitation emails are sent (%p)', async (env, smtpEnabled) => {
    const t = await TestApp.start(env);
    try {
      const r = await t.ok(200, 'GET', '/api/meta');
      expect(r.body).toMatchObject({ product: 'Lotline', smtpEnabled, paymentsEnabled: false });
    } finally {
      await t.close();
    }
  });
});
