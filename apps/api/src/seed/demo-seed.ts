import { hash } from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { dec } from '@lotline/ledger';
import { recordAudit } from '../audit/audit-log';
import { ClientEntity, ClientPreparerEntity } from '../clients/client.entity';
import { CONSENT_VERSION } from '../clients/consent';
import { FirmEntity } from '../firms/firm.entity';
import { UserEntity } from '../firms/user.entity';

export const DEMO_PASSWORD = 'lotline-demo-2026';
export const DEMO_USERS = {
  admin: 'admin@demo.lotline.test',
  preparer: 'preparer@demo.lotline.test',
  client: 'alice@demo.lotline.test',
} as const;

/**
 * Seeds the demo firm on the first start of an empty database: a firm admin, a preparer and three clients
 * (one with a login, one preparer-managed, one assigned to nobody yet). Idempotent: does nothing if any firm exists.
 * Returns true when it seeded.
 */
export async function seedDemoFirm(dataSource: DataSource): Promise<boolean> {
  const passwordHash = await hash(DEMO_PASSWORD, { type: 2 /* argon2id */ });
  return dataSource.transaction(async (tx) => {
    await tx.query('LOCK TABLE firm IN EXCLUSIVE MODE');
    if ((await tx.count(FirmEntity)) > 0) return false;
    const firm = await tx.save(
      tx.create(FirmEntity, { name: 'Demo CPA Firm', defaultMethod: 'fifo', reportPriceUsd: dec('49.00'), payer: 'client', settings: {}, isDemo: true }),
    );
    const user = (email: string, displayName: string, role: UserEntity['role']) =>
      tx.save(tx.create(UserEntity, { firmId: firm.id, email, displayName, role, passwordHash, disabledAt: null }));
    const admin = await user(DEMO_USERS.admin, 'Dana Admin', 'firm_admin');
    const preparer = await user(DEMO_USERS.preparer, 'Pat Preparer', 'preparer');
    const aliceLogin = await user(DEMO_USERS.client, 'Alice Nakamoto', 'client');
    const client = (displayName: string, email: string | null, userId: string | null) =>
      tx.save(
        tx.create(ClientEntity, {
          firmId: firm.id,
          displayName,
          email,
          userId,
          timeZone: 'America/New_York',
          defaultMethod: null,
          reportPriceOverrideUsd: null,
        }),
      );
    const alice = await client('Alice Nakamoto', DEMO_USERS.client, aliceLogin.id);
    const bob = await client('Bob Finney (preparer-managed)', null, null);
    const carol = await client('Carol Szabo', 'carol@demo.lotline.test', null);
    // Alice accepted the data-sharing consent when she joined; Carol has a pending invitation (its link was never
    // shown: the admin uses "resend" to get one), so the dashboard shows every starting status.
    await tx.update(ClientEntity, { id: alice.id }, { consentVersion: CONSENT_VERSION, consentGivenAt: new Date() });
    await tx.query(
      `INSERT INTO invitation (firm_id, kind, email, display_name, client_id, token_hash, invited_by, created_at, expires_at)
       VALUES ($1, 'client', $2, $3, $4, $5, $6, now(), now() + make_interval(days => 14))`,
      [firm.id, carol.email, carol.displayName, carol.id, createHash('sha256').update(randomBytes(32)).digest('hex'), admin.id],
    );
    for (const c of [alice, bob]) {
      await tx.insert(ClientPreparerEntity, { firmId: firm.id, clientId: c.id, userId: preparer.id });
    }
    await recordAudit(tx, { firmId: firm.id, actorUserId: admin.id, action: 'firm.seeded', subjectType: 'firm', subjectId: firm.id });
    return true;
  });
}
