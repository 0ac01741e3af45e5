import { TestApp, type Json } from '../../test/http-app';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoFirm } from './demo-seed';

describe('demo firm over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await seedDemoFirm(t.db.dataSource);
  });
  afterAll(() => t.close());

  it('signs in the printed demo users with their roles and shows every starting status', async () => {
    const admin = await t.signIn(DEMO_USERS.admin, DEMO_PASSWORD);
    const preparer = await t.signIn(DEMO_USERS.preparer, DEMO_PASSWORD);
    const client = await t.signIn(DEMO_USERS.client, DEMO_PASSWORD);
    expect([admin.user.role, preparer.user.role, client.user.role]).toEqual(['firm_admin', 'preparer', 'client']);
    expect(client.user.firmName).toBe('Demo CPA Firm');
    const all = (await t.ok(200, 'GET', '/api/clients', { token: admin.token })).body;
    expect(all.items.map((c: Json) => [c.displayName, c.status])).toEqual([
      ['Alice Nakamoto', 'in_progress'],
      ['Bob Finney (preparer-managed)', 'in_progress'],
      ['Carol Szabo', 'invited'],
    ]);
    const mine = (await t.ok(200, 'GET', '/api/clients', { token: preparer.token })).body;
    expect(mine.items.map((c: Json) => c.displayName)).toEqual(['Alice Nakamoto', 'Bob Finney (preparer-managed)']);
    const alice = (await t.ok(200, 'GET', `/api/clients/${client.user.clientId}`, { token: client.token })).body;
    expect(alice.consent.given).toBe(true);
  });
});
