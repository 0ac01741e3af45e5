import { expect, test } from '@playwright/test';
import { signIn } from './demo-sign-in';

/**
 * Issue 6 settings journey against the built api (demo firm seeded): the firm admin changes the reconciliation policy
 * (transfer window, a non-blocking kind made blocking) and it is still there after a reload; a price CSV with a bad
 * row is refused naming the line and column, and nothing of it is imported; the corrected file imports and its
 * prices are listed. The policy is put back at the end (other journeys use the same demo firm).
 */


test('firm admin sets the reconciliation policy and imports a price table; a bad row is named and nothing is half-imported', async ({ browser }) => {
  test.setTimeout(120_000);
  const asset = `ZQ${Date.now().toString(36).toUpperCase()}`;
  const admin = await signIn(browser, 'admin@demo.lotline.test');
  await expect(admin).toHaveURL(/\/clients$/);
  await admin.goto('/settings');

  const policy = admin.locator('section[aria-labelledby=recon-policy-title]');
  const windowHours = policy.getByTestId('window-hours');
  const blocking = policy.getByTestId('blocking-kinds');
  const pick = async (kind: string) => {
    await blocking.click();
    await admin.getByRole('option', { name: kind, exact: true }).click();
    await admin.keyboard.press('Escape');
  };
  await expect(windowHours).toHaveValue('72');
  await windowHours.fill('96');
  await pick('price-outlier');
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(admin.getByText('Reconciliation policy saved; every client is being recomputed.')).toBeVisible();
  await admin.reload();
  await expect(windowHours).toHaveValue('96');
  await expect(blocking).toContainText('price-outlier');

  // Price table: line 3 has no number; the file is refused as a whole.
  const prices = admin.locator('section[aria-labelledby=price-table-title]');
  const rowsOf = () => prices.getByTestId('price-row').filter({ hasText: asset });
  await prices.getByTestId('price-file').setInputFiles({
    name: 'prices-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`date,asset,price_usd\n2024-03-01,${asset},101.5\n2024-03-02,${asset},abc\n`),
  });
  const errors = prices.getByTestId('price-import-errors');
  await expect(errors).toContainText('line 3, price_usd');
  await expect(errors).toContainText('"abc"');
  await expect(rowsOf()).toHaveCount(0);

  await prices.getByTestId('price-file').setInputFiles({
    name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(`date,asset,price_usd\n2024-03-01,${asset},101.5\n2024-03-02,${asset},99.25\n`),
  });
  await expect(prices.getByTestId('price-import-result')).toHaveText('prices.csv: 2 rows, 2 new prices, 0 already in the table.');
  await expect(errors).toHaveCount(0);
  await expect(rowsOf()).toHaveCount(2);
  await expect(rowsOf().nth(0).getByRole('cell')).toHaveText(['2024-03-01', asset, '101.5', 'day', 'csv:prices.csv']);
  await expect(rowsOf().nth(1).getByRole('cell')).toHaveText(['2024-03-02', asset, '99.25', 'day', 'csv:prices.csv']);

  // Put the demo firm's policy back.
  await windowHours.fill('72');
  await pick('price-outlier');
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(admin.getByText('Reconciliation policy saved; every client is being recomputed.').first()).toBeVisible();
  await admin.reload();
  await expect(windowHours).toHaveValue('72');
  await expect(blocking).not.toContainText('price-outlier');
});
