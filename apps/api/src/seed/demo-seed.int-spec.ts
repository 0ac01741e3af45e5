import { verify } from 'argon2';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoFirm } from './demo-seed';

describe('demo seed', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it('seeds one demo firm with an admin, a preparer and three clients, once', async () => {
    expect(await seedDemoFirm(db.dataSource)).toBe(true);
    expect(await seedDemoFirm(db.dataSource)).toBe(false);
    const q = async (sql: string) => ((await db.dataSource.query(sql)) as { n: string }[])[0].n;
    expect(await q(`SELECT count(*) AS n FROM firm WHERE is_demo`)).toBe('1');
    expect(await q(`SELECT count(*) AS n FROM app_user WHERE role = 'firm_admin'`)).toBe('1');
    expect(await q(`SELECT count(*) AS n FROM app_user WHERE role = 'preparer'`)).toBe('1');
    expect(await q(`SELECT count(*) AS n FROM client`)).toBe('3');
    expect(await q(`SELECT count(*) AS n FROM client_preparer`)).toBe('2');
    expect(await q(`SELECT count(*) AS n FROM audit_event WHERE action = 'firm.seeded'`)).toBe('1');
  });

  it('stores argon2id hashes that verify the printed demo password', async () => {
    const [admin]: { password_hash: string }[] = await db.dataSource.query(`SELECT password_hash FROM app_user WHERE email = $1`, [DEMO_USERS.admin]);
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(admin.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verify(admin.password_hash, 'wrong-password-123')).toBe(false);
  });

  it('does not seed a database that already has a firm', async () => {
    const other = await createTestDatabase();
    try {
      await other.dataSource.query(`INSERT INTO firm (name) VALUES ('Real Firm LLP')`);
      expect(await seedDemoFirm(other.dataSource)).toBe(false);
      const [{ n }]: { n: string }[] = await other.dataSource.query(`SELECT count(*) AS n FROM app_user`);
      expect(n).toBe('0');
    } finally {
      await other.drop();
    }
  });
});
