import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { storedRow, type StoredForm8949Row } from './recon-output.repository';
import { RecomputeService } from './recompute.service';
import { seedLedger, type TestEvent } from './recon-test-support';

/**
 * Storing only the 8949 pages that changed: after a resolution that changes one row, only that row's page is
 * rewritten, and what is stored equals a computation from scratch; pages that no longer exist are deleted.
 */
describe('recompute stores only changed 8949 pages', () => {
  let db: TestDatabase;
  let firmId: string;
  let clientId: string;
  let userId: string;
  let service: RecomputeService;
  const SALES = 2501; // three pages of 1000 rows

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
    const ds = db.dataSource;
    [{ id: firmId }] = await ds.query(`INSERT INTO firm (name) VALUES ('Pages') RETURNING id`);
    [{ id: clientId }] = await ds.query(`INSERT INTO client (firm_id, display_name, time_zone) VALUES ($1, 'Pages client', 'UTC') RETURNING id`, [firmId]);
    [{ id: userId }] = await ds.query(`INSERT INTO app_user (firm_id, email, display_name, role) VALUES ($1, 'p@pages.test', 'Preparer', 'preparer') RETURNING id`, [firmId]);
    const minute = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
    // FIFO: the first sale disposes of the unpriced staking reward, every other sale of a $100 purchase.
    const events: TestEvent[] = [{ at: minute(0), type: 'income', account: 'Wallet', received: '1 BTC', incomeKind: 'staking' }];
    for (let i = 1; i < SALES; i++) events.push({ at: minute(i), type: 'buy', account: 'Wallet', sent: '100 USD', received: '1 BTC' });
    for (let i = 0; i < SALES; i++) events.push({ at: minute(10_000 + i), type: 'sell', account: 'Wallet', sent: '1 BTC', received: '200 USD' });
    await seedLedger(ds, firmId, clientId, events);
    service = new RecomputeService(ds, { now: () => new Date('2025-02-01T00:00:00Z'), engineVersion: 'test' });
  });
  afterAll(() => db.drop());

  const pages = async () =>
    ((await db.dataSource.query(`SELECT tax_year AS year, first_row AS first, last_row AS last, xmin::text AS version, rows FROM recon_form8949_chunk WHERE client_id = $1 ORDER BY tax_year, first_row`, [clientId])) as {
      year: number; first: number; last: number; version: string; rows: unknown[];
    }[]).map((p) => ({ ...p, rows: p.rows.map(storedRow) as StoredForm8949Row[] }));

  it('rewrites only the page of the changed row; the result equals a computation from scratch', async () => {
    const first = await service.recomputeNow(firmId, clientId);
    const before = await pages();
    expect(before.map((p) => [p.year, p.first, p.last])).toEqual([[2024, 1, 1000], [2024, 1001, 2000], [2024, 2001, 2501]]);
    expect(before[0].rows[0]).toMatchObject({ rowNo: 1, proceeds: '200', costBasis: '0', missingBasis: false });

    const warning = first.warnings.find((w) => w.kind === 'missing-price' && w.status === 'open');
    if (!warning) throw new Error('expected a missing-price warning');
    await db.dataSource.query(
      `INSERT INTO resolution (id, firm_id, client_id, warning_ids, action, payload, reason, created_by, created_at) VALUES ($1, $2, $3, $4, 'enter-price', $5, 'test', $6, now())`,
      [randomUUID(), firmId, clientId, [warning.id], JSON.stringify({ action: 'enter-price', eventId: warning.eventIds[0], usdValue: '123.45', source: 'test' }), userId],
    );
    await service.recomputeNow(firmId, clientId);
    const after = await pages();
    expect(after.map((p) => [p.year, p.first, p.last])).toEqual([[2024, 1, 1000], [2024, 1001, 2000], [2024, 2001, 2501]]);
    expect(after[0].version).not.toBe(before[0].version);
    expect(after.slice(1).map((p) => p.version)).toEqual(before.slice(1).map((p) => p.version));
    expect(after[0].rows[0]).toMatchObject({ rowNo: 1, proceeds: '200', costBasis: '123.45', gain: '76.55' });
    expect(after[0].rows.slice(1)).toEqual(before[0].rows.slice(1));

    await db.dataSource.query(`DELETE FROM recon_form8949_chunk WHERE client_id = $1`, [clientId]);
    await service.recomputeNow(firmId, clientId);
    expect((await pages()).map(({ year, first, last, rows }) => ({ year, first, last, rows }))).toEqual(after.map(({ year, first, last, rows }) => ({ year, first, last, rows })));
  });

  it('deletes stored pages the new computation does not have', async () => {
    await db.dataSource.query(
      `INSERT INTO recon_form8949_chunk (firm_id, client_id, tax_year, first_row, last_row, rows) VALUES ($1, $2, 2024, 2502, 2502, '[]'), ($1, $2, 2019, 1, 1, '[]')`,
      [firmId, clientId],
    );
    await service.recomputeNow(firmId, clientId);
    expect((await pages()).map((p) => [p.year, p.first])).toEqual([[2024, 1], [2024, 1001], [2024, 2001]]);
  });
});
