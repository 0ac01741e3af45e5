import { expect, test, type Page } from '@playwright/test';
import { signIn } from './demo-sign-in';

/**
 * Issue 7 billing journey against the built api (demo firm seeded, no Stripe keys: the embedded default). Settings say
 * online payment is off and why; the client sees the price and that only the firm can record a payment; the firm admin
 * records the client's 2024 report as comped (note required); the client then sees it Paid.
 */


async function chooseYear(page: Page, year: string): Promise<void> {
  const section = page.getByRole('region', { name: 'Report payment' });
  await section.getByRole('combobox', { name: 'Tax year' }).click();
  await page.getByRole('option', { name: year, exact: true }).click();
}

test('without Stripe keys, a firm admin records a comped payment and the client sees the report Paid', async ({ browser }) => {
  const note = `Pro bono e2e ${Date.now().toString(36)}`;
  const admin = await signIn(browser, 'admin@demo.lotline.test');
  await expect(admin).toHaveURL(/\/clients$/);

  // Settings: online payment is off, and the page says why.
  await admin.goto('/settings');
  await expect(admin.getByTestId('stripe-status')).toContainText('Off.');
  await expect(admin.getByTestId('stripe-status')).toContainText('only payments a firm admin records');

  // The client, before: the price, not paid, and why there is no Pay button.
  const client = await signIn(browser, 'alice@demo.lotline.test');
  await expect(client).toHaveURL(/\/workspace$/);
  await chooseYear(client, '2024');
  const mine = client.getByRole('region', { name: 'Report payment' });
  await expect(mine.getByTestId('billing-price')).toContainText('$49.00');
  await expect(mine.getByTestId('billing-status')).toContainText('Not paid: Not paid yet: the 2024 report costs $49.00.');
  await expect(mine.getByTestId('checkout-unavailable')).toContainText('Online payment is not set up on this server');
  await expect(mine.getByTestId('pay-button')).toHaveCount(0);

  // The firm admin records the 2024 report as comped; the note is required.
  await admin.goto('/clients');
  await admin.getByRole('table', { name: 'Clients' }).getByRole('link', { name: 'Alice Nakamoto' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Alice Nakamoto' })).toBeVisible();
  await chooseYear(admin, '2024');
  const section = admin.getByRole('region', { name: 'Report payment' });
  await section.getByTestId('record-payment').click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog).toContainText('The 2024 report of Alice Nakamoto ($49.00)');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByText('A note is required.')).toBeVisible();
  await dialog.getByLabel('Note').fill(note);
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(section.getByTestId('billing-status')).toHaveText('Paid');
  await expect(section).toContainText('Comped by the firm');
  await expect(section).toContainText(note);
  await expect(section.getByTestId('record-payment')).toHaveCount(0);

  // The client, after: Paid.
  await client.reload();
  await chooseYear(client, '2024');
  await expect(client.getByRole('region', { name: 'Report payment' }).getByTestId('billing-status')).toHaveText('Paid');
  await expect(client.getByRole('region', { name: 'Report payment' })).toContainText('Comped by the firm');
});
