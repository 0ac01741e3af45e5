import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { RecomputeService } from './recompute.service';
import { seedLedger, type TestEvent } from './recon-test-support';

/**
 * Income rows (chunks of 1,000 row numbers per tax year) and applied matches (buckets of ~1,000 by withdrawal id) are
 * rewritten only where they changed; what is stored always equals a computation from scratch, and rows stored
 * without chunk hashes (written before hashes were kept) are replaced, never duplicated.
 */
describe('recompute rewrites only changed income and match chunks', () => {
  let db: TestDatabase;
  let firmId: string;
  let clientId: string;
  let userId: string;
  let service: RecomputeService;
  let ids: string[];
  const INCOME = 2100; // chunks 2024:0 (rows 1-1000), 2024:1 (1001-2000), 2024:2 (2001-2100)
  const PAIRS = 1100; // exact matches: two buckets ("2:0", "2:1")

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
    const ds = db.dataSource;
    [{ id: firmId }] = await ds.query(`INSERT INTO firm (name) VALUES ('Chunks') RETURNING id`);
    [{ id: clientId }] = await ds.query(`INSERT INTO client (firm_id, display_name, time_zone) VALUES ($1, 'Chunks client', 'UTC') RETURNING id`, [firmId]);
    [{ id: userId }] = await ds.query(`INSERT INTO app_user (firm_id, email, display_name, role) VALUES ($1, 'p@chunks.test', 'Preparer', 'preparer') RETURNING id`, [firmId]);
    const minute = (n: number) => new Date(Date.UTC(2024, 2, 1) + n * 60_000).toISOString();
    const events: TestEvent[] = [{ at: '2024-01-02T00:00:00Z', type: 'buy', account: 'Coinbase', sent: '60000 USD', received: '2 BTC' }];
    // Exact matches (same tx hash) in January and February: events 1..2*PAIRS, withdrawal then deposit.
    for (let i = 0; i < PAIRS; i++) {
      const at = Date.UTC(2024, 0, 10) + i * 3_600_000;
      events.push({ at: new Date(at).toISOString(), type: 'withdrawal', account: 'Coinbase', sent: '0.001 BTC', txId: `0x${i}` });
      events.push({ at: new Date(at + 60_000).toISOString(), type: 'deposit', account: 'Ledger', received: '0.001 BTC', txId: `0x${i}` });
    }
    // Staking rewards from March on, all priced except the last one (income row 2100).
    for (let i = 0; i < INCOME; i++) events.push({ at: minute(i), type: 'income', account: 'Ledger', received: '0.001 ETH', incomeKind: 'staking', ...(i < INCOME - 1 ? { usd: '3' } : {}) });
    ids = await seedLedger(ds, firmId, clientId, events);
    service = new RecomputeService(ds, { now: () => new Date('2025-02-01T00:00:00Z'), engineVersion: 'test' });
  });
  afterAll(() => db.drop());

  const incomeRows = async () =>
    (await db.dataSource.query(
      `SELECT row_no AS "rowNo", xmin::text AS version, event_id AS "eventId", usd_value::text AS usd FROM recon_income_row WHERE client_id = $1 AND tax_year = 2024 ORDER BY row_no`,
      [clientId],
    )) as { rowNo: number; version: string; eventId: string; usd: string }[];
  const matchRows = async () =>
    (await db.dataSource.query(`SELECT withdrawal_id AS w, deposit_id AS d, chunk, xmin::text AS version FROM recon_match WHERE client_id = $1 ORDER BY withdrawn_at`, [clientId])) as {
      w: string; d: string; chunk: string; version: string;
    }[];
  const chunkKeys = async () =>
    ((await db.dataSource.query(`SELECT part, chunk FROM recon_output_chunk WHERE client_id = $1 ORDER BY part, chunk`, [clientId])) as { part: string; chunk: string }[]).map(
      (r) => `${r.part}:${r.chunk}`,
    );
  const versionsOf = (rows: { rowNo: number; version: string }[], from: number, to: number) => [...new Set(rows.filter((r) => r.rowNo >= from && r.rowNo <= to).map((r) => r.version))];
  const resolve = (warningIds: string[], payload: Record<string, unknown>) =>
    db.dataSource.query(
      `INSERT INTO resolution (id, firm_id, client_id, warning_ids, action, payload, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'test', $7, now())`,
      [randomUUID(), firmId, clientId, warningIds, payload['action'], JSON.stringify(payload), userId],
    );

  it('a price entered for one income event rewrites only that chunk of income rows and no match', async () => {
    const first = await service.recomputeNow(firmId, clientId);
    expect(await chunkKeys()).toEqual(['income:2024:0', 'income:2024:1', 'income:2024:2', 'match:2:0', 'match:2:1']);
    const before = await incomeRows();
    const matchesBefore = await matchRows();
    expect(before).toHaveLength(INCOME);
    expect(before[INCOME - 1]).toMatchObject({ rowNo: INCOME, eventId: ids[ids.length - 1], usd: '0' });
    expect(matchesBefore.map((r) => [r.w, r.d])).toEqual(Array.from({ length: PAIRS }, (_, i) => [ids[1 + 2 * i], ids[2 + 2 * i]]));
    expect(new Set(matchesBefore.map((r) => r.chunk))).toEqual(new Set(['2:0', '2:1']));

    const warning = first.warnings.find((w) => w.kind === 'missing-price' && w.status === 'open');
    expect(warning?.eventIds).toEqual([ids[ids.length - 1]]);
    await resolve([warning?.id ?? ''], { action: 'enter-price', eventId: ids[ids.length - 1], usdValue: '123.45', source: 'test' });
    await service.recomputeNow(firmId, clientId);

    const after = await incomeRows();
    expect(after).toHaveLength(INCOME);
    expect(after[INCOME - 1]).toMatchObject({ rowNo: INCOME, usd: '123.45' });
    expect(versionsOf(after, 1, 2000)).toEqual(versionsOf(before, 1, 2000)); // chunks 0 and 1 untouched
    expect(versionsOf(after, 2001, INCOME)).not.toEqual(versionsOf(before, 2001, INCOME));
    expect(await matchRows()).toEqual(matchesBefore);
  });

  it('undoing one match rewrites only its bucket', async () => {
    const before = await matchRows();
    const gone = before[PAIRS - 1];
    await resolve([], { action: 'unmatch', withdrawalId: gone.w, depositId: gone.d });
    await service.recomputeNow(firmId, clientId);
    const after = await matchRows();
    expect(after.map((r) => [r.w, r.d])).toEqual(before.slice(0, -1).map((r) => [r.w, r.d]));
    const other = before.filter((r) => r.chunk !== gone.chunk);
    expect(other.length).toBeGreaterThan(100);
    expect(after.filter((r) => r.chunk !== gone.chunk)).toEqual(other); // same rows, same versions
    const sameBucket = after.filter((r) => r.chunk === gone.chunk);
    expect(new Set(sameBucket.map((r) => r.version)).size).toBe(1);
    expect(before.some((r) => r.chunk === gone.chunk && r.version === sameBucket[0].version)).toBe(false); // rewritten
    expect(await chunkKeys()).toEqual(['income:2024:0', 'income:2024:1', 'income:2024:2', 'match:2:0', 'match:2:1']);
  });

  it('rows stored without chunk fingerprints are replaced, not duplicated, and equal a computation from scratch', async () => {
    const strip = <T extends { version: string }>(rows: T[]) => rows.map((r) => ({ ...r, version: 'ignored' }));
    const income = strip(await incomeRows());
    const matches = strip(await matchRows());
    await db.dataSource.query(`DELETE FROM recon_output_chunk WHERE client_id = $1`, [clientId]);
    await service.recomputeNow(firmId, clientId);
    expect(strip(await incomeRows())).toEqual(income);
    expect(strip(await matchRows())).toEqual(matches);
    expect(await chunkKeys()).toEqual(['income:2024:0', 'income:2024:1', 'income:2024:2', 'match:2:0', 'match:2:1']);

    await db.dataSource.query(`DELETE FROM recon_income_row WHERE client_id = $1`, [clientId]);
    await db.dataSource.query(`DELETE FROM recon_match WHERE client_id = $1`, [clientId]);
    await db.dataSource.query(`DELETE FROM recon_output_chunk WHERE client_id = $1`, [clientId]);
    await service.recomputeNow(firmId, clientId);
    expect(strip(await incomeRows())).toEqual(income);
    expect(strip(await matchRows())).toEqual(matches);
  });
});
