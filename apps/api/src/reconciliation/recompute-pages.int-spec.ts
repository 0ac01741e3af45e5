import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import type { StoredForm8949Row } from './recon-output.repository';
import { RecomputeService } from './recompute.service';
import { seedLedger, type TestEvent } from './recon-test-support';

/**
 * Storing only the 8949 pages and income years that changed: after a resolution that changes one row, only that row's
 * page and income year are rewritten, and what is stored equals a computation from scratch; pages and years that no
 * longer exist are deleted.
 */
describe('recompute stores only changed 8949 pages and income years', () => {
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
    const events: TestEvent[] = [
      { at: '2023-06-01T00:00:00Z', type: 'income', account: 'Wallet', received: '0.5 ETH', usd: '900', incomeKind: 'staking' },
      { at: minute(0), type: 'income', account: 'Wallet', received: '1 BTC', incomeKind: 'staking' },
    ];
    for (let i = 1; i < SALES; i++) events.push({ at: minute(i), type: 'buy', account: 'Wallet', sent: '100 USD', received: '1 BTC' });
    for (let i = 0; i < SALES; i++) events.push({ at: minute(10_000 + i), type: 'sell', account: 'Wallet', sent: '1 BTC', received: '200 USD' });
    await seedLedger(ds, firmId, clientId, events);
    service = new RecomputeService(ds, { now: () => new Date('2025-02-01T00:00:00Z'), engineVersion: 'test' });
  });
  afterAll(() => db.drop());

  const pages = async () =>
    (await db.dataSource.query(`SELECT tax_year AS year, first_row AS first, last_row AS last, xmin::text AS version, rows FROM recon_form8949_chunk WHERE client_id = $1 ORDER BY tax_year, first_row`, [clientId])) as {
      year: number; first: number; last: number; version: string; rows: StoredForm8949Row[];
    }[];

  const income = async () =>
    (await db.dataSource.query(`SELECT tax_year AS year, row_no AS "rowNo", asset, quantity, usd_value AS usd, priced, xmin::text AS version FROM recon_income_row WHERE client_id = $1 ORDER BY tax_year, row_no`, [clientId])) as {
      year: number; rowNo: number; asset: string; quantity: string; usd: string; priced: boolean; version: string;
    }[];
  const content = <T extends { version: string }>(list: readonly T[]) =>
    list.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'version')));

  it('rewrites only the page and income year of the changed row; the result equals a computation from scratch', async () => {
    const first = await service.recomputeNow(firmId, clientId);
    const before = await pages();
    const incomeBefore = await income();
    expect(content(incomeBefore)).toEqual([
      { year: 2023, rowNo: 1, asset: 'ETH', quantity: '0.5', usd: '900', priced: true },
      { year: 2024, rowNo: 1, asset: 'BTC', quantity: '1', usd: '0', priced: false },
    ]);
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
    const incomeAfter = await income();
    expect(content(incomeAfter)).toEqual([
      { year: 2023, rowNo: 1, asset: 'ETH', quantity: '0.5', usd: '900', priced: true },
      { year: 2024, rowNo: 1, asset: 'BTC', quantity: '1', usd: '123.45', priced: true },
    ]);
    expect(incomeAfter[0].version).toBe(incomeBefore[0].version);
    expect(incomeAfter[1].version).not.toBe(incomeBefore[1].version);

    await db.dataSource.query(`DELETE FROM recon_form8949_chunk WHERE client_id = $1`, [clientId]);
    await db.dataSource.query(`DELETE FROM recon_income_row WHERE client_id = $1`, [clientId]);
    await service.recomputeNow(firmId, clientId);
    expect(content(await pages())).toEqual(content(after));
    expect(content(await income())).toEqual(content(incomeAfter));
  });

  it('deletes stored pages and income rows the new computation does not have', async () => {
    await db.dataSource.query(
      `INSERT INTO recon_form8949_chunk (firm_id, client_id, tax_year, first_row, last_row, rows) VALUES ($1, $2, 2024, 2502, 2502, '[]'), ($1, $2, 2019, 1, 1, '[]')`,
      [firmId, clientId],
    );
    await db.dataSource.query(
      `INSERT INTO recon_income_row (firm_id, client_id, tax_year, row_no, event_id, date, account, kind, asset, quantity, usd_value, priced)
       VALUES ($1, $2, 2024, 2, '1', '2024-01-01', 'Wallet', 'staking', 'BTC', 1, 1, true), ($1, $2, 2019, 1, '1', '2019-01-01', 'Wallet', 'staking', 'BTC', 1, 1, true)`,
      [firmId, clientId],
    );
    await service.recomputeNow(firmId, clientId);
    expect((await pages()).map((p) => [p.year, p.first])).toEqual([[2024, 1], [2024, 1001], [2024, 2001]]);
    expect((await income()).map((r) => [r.year, r.rowNo, r.usd])).toEqual([[2023, 1, '900'], [2024, 1, '123.45']]);
  });
});
