import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { credentialContext, type ExchangeSyncRunner } from '../src/exchanges/exchange-sync.runner';
import type { SecretBox } from '../src/secrets/secret-box';

export interface SyncIds {
  readonly firm: string;
  readonly client: string;
  readonly account: string;
  readonly credential: string;
}

/** A firm, a client, one exchange account and its sealed API credential, inserted directly (the runner's own tests). */
export async function seedExchangeCredential(
  ds: DataSource,
  box: SecretBox,
  o: { readonly exchange: string; readonly accountName: string; readonly clientName: string; readonly apiKey: string; readonly secret: string; readonly keyHint: string },
): Promise<SyncIds> {
  const [firm]: { id: string }[] = await ds.query(`INSERT INTO firm (name) VALUES ('Sync LLP') RETURNING id`);
  const [client]: { id: string }[] = await ds.query(`INSERT INTO client (firm_id, display_name) VALUES ($1, $2) RETURNING id`, [firm.id, o.clientName]);
  const [account]: { id: string }[] = await ds.query(`INSERT INTO account (firm_id, client_id, name, kind, exchange) VALUES ($1, $2, $3, 'exchange', $4) RETURNING id`, [firm.id, client.id, o.accountName, o.exchange]);
  const credential = randomUUID();
  await ds.query(`INSERT INTO exchange_credential (id, firm_id, client_id, account_id, exchange, sealed_secret, key_hint) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    credential, firm.id, client.id, account.id, o.exchange, box.seal(JSON.stringify({ apiKey: o.apiKey, secret: o.secret }), credentialContext(credential)), o.keyHint,
  ]);
  return { firm: firm.id, client: client.id, account: account.id, credential };
}

/** Runs one sync batch of the seeded credential, as the job would. */
export async function syncOnce(ds: DataSource, runner: ExchangeSyncRunner, ids: SyncIds): Promise<{ batchId: string; outcome: Awaited<ReturnType<ExchangeSyncRunner['run']>> }> {
  const [b]: { id: string }[] = await ds.query(`INSERT INTO import_batch (firm_id, client_id, account_id, source, exchange_credential_id) VALUES ($1, $2, $3, 'api', $4) RETURNING id`, [ids.firm, ids.client, ids.account, ids.credential]);
  return { batchId: b.id, outcome: await runner.run(b.id) };
}
