import type { Browser, BrowserContextOptions, Page } from '@playwright/test';

/** Password of every seeded demo user (apps/api seed). */
export const DEMO_PASSWORD = 'lotline-demo-2026';

/** Signs a demo user in through the sign-in form, in a fresh browser context of its own. */
export async function signIn(browser: Browser, email: string, context: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(context)).newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).and(page.locator('[type=submit]')).click();
  return page;
}
