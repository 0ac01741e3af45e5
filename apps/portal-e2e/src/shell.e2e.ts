import { expect, test } from '@playwright/test';

test.describe('portal shell served by the api', () => {
  test('loads, talks to the api, and shows the demo banner', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The signed-out start-up refresh answers 401 by design; the browser logs that as a failed resource.
    page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/api/auth/refresh') && errors.push(m.text()));
    await page.goto('/');
    await expect(page).toHaveTitle('Lotline');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crypto tax reports your firm can sign');
    await expect(page.getByTestId('api-status')).toHaveText(/Connected to Lotline \d+\.\d+\.\d+/);
    await expect(page.getByRole('note')).toContainText('Demo installation');
    expect(errors).toEqual([]);
  });

  test('navigates lazily to sign-in, guards deep links and handles unknown pages', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).or(page.locator('mat-toolbar').getByRole('link', { name: 'Sign in' })).first().click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fsettings$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });

  test('shows a readable notice when the api fails', async ({ page }) => {
    await page.route('**/api/meta', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'INTERNAL', message: 'Something went wrong on our side. Quote abc-123 to support.', correlationId: 'abc-123' }) }),
    );
    await page.goto('/');
    await expect(page.getByRole('alert')).toContainText('Quote abc-123 to support.');
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
