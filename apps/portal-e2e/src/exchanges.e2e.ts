import { expect, test } from '@playwright/test';
import { signIn } from './demo-sign-in';

/**
 * Issue 5, exchange API sync, against the built api whose exchange calls go to the local Kraken that
 * tools/scripts/run-playwright.mjs serves: a key without the funds permission is refused inside the dialog (and the
 * secret has to be typed again), a read-only key connects, the table shows only the key's last 4 characters and the
 * balances, "Sync now" is followed until it shows its counts and lands in the import history, and removal asks first.
 */

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the journeys with tools/scripts/run-playwright.mjs`);
  return value;
}


test('connect Kraken with a read-only key, sync it, see the counts, remove it', async ({ browser }) => {
  const key = env('PORTAL_E2E_KRAKEN_KEY');
  const noFundsKey = env('PORTAL_E2E_KRAKEN_NOFUNDS_KEY');
  const secret = env('PORTAL_E2E_KRAKEN_SECRET');
  const accountName = `Kraken API ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const client = await signIn(browser, 'alice@demo.lotline.test');
  await expect(client).toHaveURL(/\/workspace$/);

  await client.getByRole('button', { name: 'Connect an exchange' }).click();
  const dialog = client.getByRole('dialog');
  await expect(dialog.getByTestId('key-note')).toContainText('read-only');
  await expect(dialog.getByRole('combobox', { name: 'Exchange' })).toContainText('Kraken');
  await dialog.getByLabel('Account name').fill(accountName);

  // A key that may not query funds: the API's reason is shown in the dialog, which stays open without the secret.
  await dialog.getByLabel('API key').fill(noFundsKey);
  await dialog.getByLabel('Secret').fill(secret);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Query Funds');
  await expect(dialog.getByLabel('Secret')).toHaveValue('');
  await expect(dialog.getByLabel('Account name')).toHaveValue(accountName);

  // The read-only key with every permission connects.
  await dialog.getByLabel('API key').fill(key);
  await dialog.getByLabel('Secret').fill(secret);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);
  const row = client.getByRole('table', { name: 'Exchange connections' }).getByRole('row').filter({ hasText: accountName });
  await expect(row.getByRole('cell')).toHaveText(['Kraken', accountName, `••••${key.slice(-4)}`, 'Never', '—', 'BTC 0.5, USD 1250', /Sync now\s*Remove/]);
  await expect(client.locator('body')).not.toContainText(key);
  await expect(client.locator('body')).not.toContainText(secret);
  // The new account is listed with the other accounts.
  await expect(client.getByRole('table', { name: 'Accounts' }).getByRole('row').filter({ hasText: accountName })).toHaveCount(1);

  // Sync now: followed until it finishes; the stub holds two trades (already known when this journey runs again).
  await row.getByRole('button', { name: `Sync ${accountName} now` }).click();
  const outcome = client.getByTestId('sync-outcome');
  await expect(outcome).toHaveText(/^\d+ new transactions?, \d+ already known$/);
  const [added, known] = ((await outcome.textContent()) ?? '').match(/\d+/g)?.map(Number) ?? [];
  expect(added + known).toBe(2);
  await expect(row.getByRole('cell').nth(3)).not.toHaveText('Never');
  await expect(row.getByRole('cell').nth(4)).toHaveText('—');
  const history = client.getByRole('table', { name: 'Import history' }).getByTestId('import-history-row').filter({ hasText: accountName });
  await expect(history.getByRole('cell').nth(1)).toHaveText('Exchange API sync');
  await expect(history.getByRole('cell').nth(4)).toHaveText('Imported');

  // Removal asks first, then the connection is gone (its transactions stay).
  await row.getByRole('button', { name: `Remove the connection of ${accountName}` }).click();
  const confirm = client.getByRole('dialog');
  await expect(confirm).toContainText(`key ending in ${key.slice(-4)}`);
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(row).toHaveCount(0);
  await expect(history).toHaveCount(1);
});
