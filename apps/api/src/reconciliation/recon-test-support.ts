import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Decimal, type EventType, type IncomeKind, type LedgerEvent } from '@lotline/ledger';
import { insertLedgerEvents } from '../imports/ledger-event.repository';

/** A compact event for tests: `sent`/`received`/`fee` as "1.5 BTC". */
export interface TestEvent {
  readonly at: string;
  readonly type: EventType;
  readonly account: string;
  readonly sent?: string;
  readonly received?: string;
  readonly fee?: string;
  readonly usd?: string;
  readonly incomeKind?: IncomeKind;
  readonly txId?: string;
}

const amount = (text: string | undefined) => {
  if (text === undefined) return undefined;
  const [qty, asset] = text.split(' ');
  return { asset, amount: new Decimal(qty) };
};

/**
 * Stores events in the client's ledger through the importers' own bulk insert, as one succeeded batch per account
 * (test setup; the CSV import itself is tested in apps/api/src/imports). Returns the ledger ids in input order.
 */
export async function seedLedger(ds: DataSource, firmId: string, clientId: string, events: readonly TestEvent[], file = 'seed.csv'): Promise<string[]> {
  const byAccount = new Map<string, { e: LedgerEvent; i: number }[]>();
  events.forEach((x, i) => {
    const fp = `test:${file}:${i}:${randomUUID()}`;
    const e: LedgerEvent = {
      id: fp,
      account: x.account,
      timestamp: new Date(x.at).toISOString(),
      type: x.type,
      source: { kind: 'file', fileName: file, line: i + 2 },
      ...(x.sent ? { sent: amount(x.sent) } : {}),
      ...(x.received ? { received: amount(x.received) } : {}),
      ...(x.fee ? { fee: amount(x.fee) } : {}),
      ...(x.usd ? { usdValue: new Decimal(x.usd) } : {}),
      ...(x.incomeKind ? { incomeKind: x.incomeKind } : {}),
      ...(x.txId ? { externalId: x.txId } : {}),
    };
    byAccount.set(x.account, [...(byAccount.get(x.account) ?? []), { e, i }]);
  });
  const ids = new Array<string>(events.length);
  await ds.transaction(async (tx) => {
    for (const [name, list] of byAccount) {
      const [acc] = (await tx.query(
        `INSERT INTO account (firm_id, client_id, name, kind) VALUES ($1, $2, $3, 'wallet')
         ON CONFLICT (client_id, lower(name)) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [firmId, clientId, name],
      )) as { id: string }[];
      const [batch] = (await tx.query(
        `INSERT INTO import_batch (firm_id, client_id, account_id, source, status, finished_at) VALUES ($1, $2, $3, 'api', 'succeeded', now()) RETURNING id`,
        [firmId, clientId, acc.id],
      )) as { id: string }[];
      await insertLedgerEvents(tx, { firmId, clientId, accountId: acc.id, batchId: batch.id }, list.map((x) => x.e));
      const stored = (await tx.query(`SELECT id::text AS id, fingerprint FROM ledger_event WHERE batch_id = $1`, [batch.id])) as { id: string; fingerprint: string }[];
      const byFp = new Map(stored.map((r) => [r.fingerprint, r.id]));
      for (const x of list) ids[x.i] = byFp.get(x.e.id) ?? '';
    }
  });
  return ids;
}
