import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { ReconInputRepository } from './recon-input.repository';
import { seedLedger } from './recon-test-support';

/** The loader hands the libraries the ledger in time order (ties by row id), whatever order rows were imported in. */
describe('ReconInputRepository.events (real PostgreSQL)', () => {
  let db: TestDatabase;
  afterAll(() => db.drop());

  it('returns the client\'s events oldest first, equal times by row id, and nothing of another client', async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
    const ds = db.dataSource;
    const [{ id: firmId }] = await ds.query(`INSERT INTO firm (name) VALUES ('Order') RETURNING id`);
    const [{ id: clientId }] = await ds.query(`INSERT INTO client (firm_id, display_name, time_zone) VALUES ($1, 'Order client', 'UTC') RETURNING id`, [firmId]);
    const [{ id: otherId }] = await ds.query(`INSERT INTO client (firm_id, display_name, time_zone) VALUES ($1, 'Other client', 'UTC') RETURNING id`, [firmId]);
    const at = (day: number) => `2024-01-${String(day).padStart(2, '0')}T00:00:00Z`;
    // Imported newest first, with two events at the same instant.
    const ids = await seedLedger(ds, firmId, clientId, [
      { at: at(9), type: 'sell', account: 'Wallet', sent: '1 BTC', received: '50000 USD' },
      { at: at(5), type: 'buy', account: 'Wallet', sent: '40000 USD', received: '1 BTC' },
      { at: at(1), type: 'buy', account: 'Wallet', sent: '100 USD', received: '1 ETH' },
      { at: at(5), type: 'buy', account: 'Wallet', sent: '200 USD', received: '2 ETH' },
    ]);
    await seedLedger(ds, firmId, otherId, [{ at: at(3), type: 'buy', account: 'Wallet', sent: '1 USD', received: '1 DOGE' }]);
    const loaded = await ds.transaction((m) => new ReconInputRepository().events(m, firmId, clientId));
    const sameInstant = [ids[1], ids[3]].sort((a, b) => Number(a) - Number(b));
    expect(loaded.map((e) => e.id)).toEqual([ids[2], ...sameInstant, ids[0]]);
    expect(loaded.map((e) => e.timestamp)).toEqual([at(1), at(5), at(5), at(9)].map((t) => new Date(t).toISOString()));
  });
});
