import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { MIGRATIONS } from './migrations';

describe('database schema (migrated template)', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it('has applied every committed migration and nothing else', async () => {
    const rows: { name: string }[] = await db.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await db.dataSource.showMigrations()).toBe(false);
  });

  it('stores no money or quantity in a float column', async () => {
    const floats: unknown[] = await db.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')`,
    );
    expect(floats).toEqual([]);
  });

  it('carries firm_id on every tenant-owned table', async () => {
    const tables: { table_name: string }[] = await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'firm', 'job_effect', 'sign_in_throttle')`,
    );
    expect(tables.length).toBeGreaterThan(0);
    for (const { table_name } of tables) {
      const cols: unknown[] = await db.dataSource.query(
        `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'firm_id' AND is_nullable = 'NO'`,
        [table_name],
      );
      expect({ table: table_name, hasFirmId: cols.length === 1 }).toEqual({ table: table_name, hasFirmId: true });
    }
  });

  it('keeps NUMERIC values exact through the entity transformer', async () => {
    await db.dataSource.query(`INSERT INTO firm (name, report_price_usd) VALUES ('Exact', 1234567890.12)`);
    const [row]: { report_price_usd: string }[] = await db.dataSource.query(`SELECT report_price_usd FROM firm WHERE name = 'Exact'`);
    expect(row.report_price_usd).toBe('1234567890.12');
  });
});
