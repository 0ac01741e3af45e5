import { expect, test, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it. */
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? []);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).and(page.locator('[type=submit]')).click();
}

test('a preparer enrols 2FA, keeps the recovery codes, and signs in with the second step', async ({ page }) => {
  const email = 'preparer@demo.lotline.test';
  const password = 'lotline-demo-2026';
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/clients$/);

  // Enrol: the QR is an image (our API's SVG as a data URL), the secret is shown for manual entry.
  await page.getByRole('link', { name: 'My account' }).click();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toHaveAttribute('src', /^data:image\/svg\+xml/);
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on 2FA' }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())?.trim() ?? '';
  expect(recovery.length).toBeGreaterThan(5);
  const spare = (await codes.nth(1).textContent())?.trim() ?? '';
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByText('Two-factor authentication is on.')).toBeVisible();

  // Sign out: the session is gone, a reload does not bring it back.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/clients');
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fclients$/);

  // Sign in again: the password alone is not enough; a recovery code works once.
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).and(page.locator('[type=submit]')).click();
  await expect(page.getByText('Enter the 6-digit code from your authenticator app')).toBeVisible();
  await page.getByLabel('Authentication code').fill(recovery);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole('link', { name: 'My account' })).toContainText('Pat Preparer');

  // A reload restores the session from the refresh cookie (the access token lived only in memory).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Clients' })).toContainText('Alice Nakamoto');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).toBe('{}');

  // Leave the shared demo preparer as found (later journeys sign in as them): turn 2FA off with another recovery code.
  // The portal has no "turn off" button yet, so through the API with this browser's session.
  const status = await page.evaluate(async (code) => {
    const refreshed = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    return (await fetch('/api/auth/2fa/disable', { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify({ code }) })).status;
  }, spare);
  expect(status).toBe(204);
});
