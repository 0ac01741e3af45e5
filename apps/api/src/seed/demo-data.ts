import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CsvImportRunner } from '../imports/csv-import.runner';
import type { FileStore } from '../files/file-store';
import { DEMO_USERS } from './demo-seed';

/** Sample exports shipped with the api (apps/api/src/assets/demo), imported for the demo client on first start. */
const SAMPLES = [
  { account: 'Coinbase', kind: 'exchange', exchange: 'coinbase', file: 'coinbase.csv' },
  { account: 'Ledger wallet', kind: 'wallet', exchange: null, file: 'ledger-wallet.csv' },
] as const;

/**
 * Gives the demo client (Alice) two accounts and imports the shipped sample files through the real importers, so a
 * fresh install has numbers to look at. Runs only right after the demo firm was seeded. Returns the events stored.
 */
export async function seedDemoData(ds: DataSource, files: FileStore, sampleDir: string): Promise<number> {
  const [alice]: { id: string; firm_id: string; user_id: string }[] = await ds.query(
    `SELECT c.id, c.firm_id, c.user_id FROM client c JOIN app_user u ON u.id = c.user_id WHERE lower(u.email) = $1`,
    [DEMO_USERS.client],
  );
  if (!alice) return 0;
  const runner = new CsvImportRunner(ds, files);
  let stored = 0;
  for (const s of SAMPLES) {
    const [account]: { id: string }[] = await ds.query(
      `INSERT INTO account (firm_id, client_id, name, kind, exchange) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [alice.firm_id, alice.id, s.account, s.kind, s.exchange],
    );
    const batchId = await runner.createBatch({
      firmId: alice.firm_id,
      clientId: alice.id,
      accountId: account.id,
      fileName: s.file,
      bytes: new Uint8Array(readFileSync(join(sampleDir, s.file))),
      createdBy: alice.user_id,
    });
    const outcome = await runner.run(batchId);
    if (outcome.status !== 'succeeded') throw new Error(`demo sample ${s.file} did not import: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
    stored += outcome.eventsAdded;
  }
  return stored;
}
