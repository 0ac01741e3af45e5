import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { LocalFileStore } from '../files/local-file-store';
import { seedDemoData } from './demo-data';
import { seedDemoFirm } from './demo-seed';

describe('demo sample data', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('imports the shipped sample exports for the demo client through the real importers', async () => {
    expect(await seedDemoFirm(db.dataSource)).toBe(true);
    const stored = await seedDemoData(db.dataSource, new LocalFileStore(mkdtempSync(join(tmpdir(), 'lotline-demo-files-'))), join(__dirname, '..', 'assets', 'demo'));
    expect(stored).toBe(8);
    const rows: { name: string; format: string; events: string }[] = await db.dataSource.query(
      `SELECT a.name, b.format, count(e.id) AS events FROM account a JOIN import_batch b ON b.account_id = a.id
         LEFT JOIN ledger_event e ON e.batch_id = b.id GROUP BY a.name, b.format ORDER BY a.name`,
    );
    expect(rows).toEqual([
      { name: 'Coinbase', format: 'coinbase', events: '6' },
      { name: 'Ledger wallet', format: 'lotline-generic-v1', events: '2' },
    ]);
    const [sale]: { sent_amount: string; received_amount: string; source_line: number }[] = await db.dataSource.query(
      `SELECT sent_amount, received_amount, source_line FROM ledger_event WHERE external_id = 'demo-cb-0004'`,
    );
    expect(sale).toEqual({ sent_amount: '0.1', received_amount: '7150', source_line: 7 });
  });
});
