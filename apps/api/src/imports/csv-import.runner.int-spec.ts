import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { CsvImportRunner } from './csv-import.runner';
import { LocalFileStore } from '../files/local-file-store';

const HEADER = 'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note';
const enc = (s: string) => new TextEncoder().encode(s);
function buys(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `2024-01-01T00:${String(Math.floor((i + from) / 60) % 60).padStart(2, '0')}:${String((i + from) % 60).padStart(2, '0')}Z,buy,,,USD,${100 + i + from}.25,BTC,0.${'0'.repeat(17)}${(i % 9) + 1},,,,,,tx-${i + from},`);
}

describe('CSV import into the ledger (real PostgreSQL)', () => {
  let db: TestDatabase;
  let runner: CsvImportRunner;
  let ids: { firm: string; client: string; account: string };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
    runner = new CsvImportRunner(db.dataSource, new LocalFileStore(mkdtempSync(join(tmpdir(), 'lotline-files-'))), 1);
    const [firm]: { id: string }[] = await db.dataSource.query(`INSERT INTO firm (name) VALUES ('Imports LLP') RETURNING id`);
    const [client]: { id: string }[] = await db.dataSource.query(`INSERT INTO client (firm_id, display_name) VALUES ($1, 'Ivy') RETURNING id`, [firm.id]);
    const [account]: { id: string }[] = await db.dataSource.query(`INSERT INTO account (firm_id, client_id, name, kind) VALUES ($1, $2, 'Coinbase', 'exchange') RETURNING id`, [firm.id, client.id]);
    ids = { firm: firm.id, client: client.id, account: account.id };
  });
  afterAll(() => db.drop());

  const importText = async (fileName: string, text: string) => {
    const batchId = await runner.createBatch({ firmId: ids.firm, clientId: ids.client, accountId: ids.account, fileName, bytes: enc(text), createdBy: null });
    return { batchId, outcome: await runner.run(batchId) };
  };
  const count = async () => Number(((await db.dataSource.query(`SELECT count(*) AS n FROM ledger_event WHERE client_id = $1`, [ids.client])) as { n: string }[])[0].n);

  it('stores every event with its source file and line, exact decimals', async () => {
    const { outcome } = await importText('coinbase-2024.csv', [HEADER, ...buys(3)].join('\n') + '\n');
    expect(outcome).toMatchObject({ status: 'succeeded', format: 'lotline-generic-v1', rowCount: 3, eventsAdded: 3, duplicatesSkipped: 0, issueCount: 0 });
    const rows: { source_file_name: string; source_line: number; sent_amount: string; received_amount: string; account_name: string }[] = await db.dataSource.query(
      `SELECT source_file_name, source_line, sent_amount, received_amount, account_name FROM ledger_event WHERE client_id = $1 ORDER BY source_line`,
      [ids.client],
    );
    expect(rows).toEqual([
      { source_file_name: 'coinbase-2024.csv', source_line: 2, sent_amount: '100.25', received_amount: '0.000000000000000001', account_name: 'Coinbase' },
      { source_file_name: 'coinbase-2024.csv', source_line: 3, sent_amount: '101.25', received_amount: '0.000000000000000002', account_name: 'Coinbase' },
      { source_file_name: 'coinbase-2024.csv', source_line: 4, sent_amount: '102.25', received_amount: '0.000000000000000003', account_name: 'Coinbase' },
    ]);
  });

  it('adds nothing when the same data is imported again (another file name) and says so', async () => {
    const { outcome } = await importText('coinbase-2024 (1).csv', [HEADER, ...buys(3)].join('\n') + '\n');
    expect(outcome).toMatchObject({ status: 'succeeded', eventsAdded: 0, duplicatesSkipped: 3 });
    expect(await count()).toBe(3);
  });

  it('stores nothing when any row is bad, even after earlier rows were written, and lists every problem', async () => {
    const rows = [...buys(25, 100)];
    rows[3] = rows[3].replace(',buy,', ',purchase,');
    rows.push('2024-02-01T00:00:00Z,sell,,,BTC,abc,USD,10,,,,,,tx-bad,');
    const { outcome, batchId } = await importText('broken.csv', [HEADER, ...rows].join('\r\n'));
    expect(outcome.status).toBe('failed');
    expect(outcome.eventsAdded).toBe(0);
    expect(outcome.issues.map((i) => [i.file, i.line, i.column, i.code])).toEqual([
      ['broken.csv', 5, 'type', 'UNKNOWN_TYPE'],
      ['broken.csv', 27, 'sent_amount', 'INVALID_DECIMAL'],
    ]);
    expect(await count()).toBe(3);
    const [b]: { status: string; issue_count: number }[] = await db.dataSource.query(`SELECT status, issue_count FROM import_batch WHERE id = $1`, [batchId]);
    expect(b).toEqual({ status: 'failed', issue_count: 2 });
  });

  it('refuses a file that is not CSV', async () => {
    const { outcome } = await importText('statement.pdf', '%PDF-1.7\n\u0000\u0001binary');
    expect(outcome.status).toBe('failed');
    expect(outcome.issues[0].code).toBe('NOT_CSV');
    expect(await count()).toBe(3);
  });

  it('running a finished batch again changes nothing (job retries are safe)', async () => {
    const { batchId, outcome } = await importText('more.csv', [HEADER, ...buys(2, 500)].join('\n'));
    expect(outcome.eventsAdded).toBe(2);
    expect(await runner.run(batchId)).toEqual(outcome);
    expect(await count()).toBe(5);
  });

  it('keeps the original file once, content-addressed', async () => {
    const files: { n: string }[] = await db.dataSource.query(`SELECT count(*) AS n FROM stored_file WHERE firm_id = $1`, [ids.firm]);
    const batches: { n: string }[] = await db.dataSource.query(`SELECT count(*) AS n FROM import_batch WHERE firm_id = $1`, [ids.firm]);
    expect(Number(batches[0].n)).toBe(5);
    expect(Number(files[0].n)).toBe(4); // the re-import with another name shares the stored bytes
  });
});
