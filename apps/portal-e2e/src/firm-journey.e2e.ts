import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * Issue 3 journey in a real Chromium against the built api (demo firm seeded): a new firm signs up, invites a
 * preparer and a client, both accept in their own browsers, the admin assigns the client to the preparer; the
 * preparer sees only that client (not the unassigned one, not the demo firm's), the client only their workspace.
 */
const run = Date.now().toString(36);
const password = `journey-${run}-Long-Pass!`;
const firmName = `Journey CPA ${run}`;
const admin = { name: 'Ada Admin', email: `ada.${run}@journey.test` };
const preparer = { name: 'Pete Preparer', email: `pete.${run}@journey.test` };
const client = { name: 'Cleo Client', email: `cleo.${run}@journey.test` };
const unassigned = 'Uma Unassigned';

function navLinks(page: Page) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link');
}

/** The link shown to copy, followed on this server (the api builds it from PUBLIC_URL). */
async function invitationPath(page: Page): Promise<string> {
  const link = await page.getByTestId('invitation-link').inputValue();
  expect(link).toMatch(/\/accept-invitation\?token=[^&]+$/);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

async function invite(page: Page, button: string, who: { name: string; email: string }): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  // The dialog focuses its first field once open; typing before that could land in the wrong field.
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill(who.name);
  await dialog.getByLabel('Email').fill(who.email);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByText(`Invitation for ${who.email} created.`)).toBeVisible();
  const path = await invitationPath(page);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
  return path;
}

async function accept(browser: Browser, path: string, opts: { consent: boolean }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByTestId('invitation-firm')).toContainText(firmName);
  await page.getByLabel('Choose a password').fill(password);
  await page.getByLabel('Repeat password').fill(password);
  const submit = page.getByRole('button', { name: 'Accept and sign in' });
  if (opts.consent) {
    await expect(submit).toBeDisabled();
    await page.getByRole('checkbox', { name: /I agree to share my data/ }).check();
  }
  await submit.click();
  return page;
}

test('firm sign-up, invitations, assignment and what each role sees', async ({ page, browser }) => {
  // The firm signs up; its first user is the firm admin.
  await page.goto('/sign-up');
  await page.getByLabel('Firm name').fill(firmName);
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat password').fill(password);
  await page.getByRole('button', { name: 'Create firm' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await expect(navLinks(page)).toHaveText(['Clients', 'Warnings', 'Reports', 'Team', 'Audit log', 'Settings']);

  // A client added directly (no login) and never assigned: the preparer must not see it.
  await page.getByRole('button', { name: 'Add client without login' }).click();
  await expect(page.getByRole('dialog').getByLabel('Client name')).toBeFocused();
  await page.getByRole('dialog').getByLabel('Client name').fill(unassigned);
  await page.getByRole('dialog').getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: unassigned })).toBeVisible();
  const unassignedUrl = new URL(page.url()).pathname;

  // Invite a preparer (team page) and a client (dashboard); the links are shown to copy.
  await navLinks(page).filter({ hasText: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  const preparerPath = await invite(page, 'Invite preparer', preparer);
  await expect(page.getByRole('table', { name: 'Invitations' })).toContainText(preparer.email);
  await navLinks(page).filter({ hasText: 'Clients' }).click();
  const clientPath = await invite(page, 'Invite client', client);

  // Both accept in fresh browsers.
  const preparerPage = await accept(browser, preparerPath, { consent: false });
  await expect(preparerPage).toHaveURL(/\/clients$/);
  await expect(navLinks(preparerPage)).toHaveText(['Clients', 'Warnings', 'Reports']);
  await expect(preparerPage.getByRole('table', { name: 'Clients' })).toContainText('No clients match.');

  const clientPage = await accept(browser, clientPath, { consent: true });
  await expect(clientPage).toHaveURL(/\/workspace$/);
  await expect(clientPage.getByRole('heading', { level: 1, name: 'Your workspace' })).toBeVisible();

  // The admin assigns the invited client to the preparer.
  await page.getByRole('table', { name: 'Clients' }).getByRole('link', { name: client.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: client.name })).toBeVisible();
  await page.getByRole('combobox', { name: 'Preparers' }).click();
  await page.getByRole('option', { name: new RegExp(preparer.name) }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save assignment' }).click();
  await expect(page.getByTestId('client-preparers')).toHaveText(preparer.name);

  // The preparer sees exactly the assigned client: not the unassigned one, not the demo firm's clients.
  await preparerPage.reload();
  const rows = preparerPage.getByRole('table', { name: 'Clients' }).getByRole('row');
  await expect(rows.nth(1)).toContainText(client.name);
  await expect(rows).toHaveCount(2); // header + that one client
  await expect(preparerPage.getByRole('table', { name: 'Clients' })).not.toContainText(unassigned);
  await expect(preparerPage.getByRole('table', { name: 'Clients' })).not.toContainText('Alice Nakamoto');
  await preparerPage.goto(unassignedUrl);
  await expect(preparerPage.getByRole('heading', { level: 1, name: 'Client not found' })).toBeVisible();
  await preparerPage.goto('/team');
  await expect(preparerPage).toHaveURL(/\/clients$/);

  // The client sees only their own workspace: no firm navigation, firm pages send them back.
  await clientPage.reload();
  await expect(navLinks(clientPage)).toHaveText(['Workspace']);
  await expect(clientPage.getByTestId('consent-status')).toContainText('You agreed');
  await expect(clientPage.getByRole('main').getByText(firmName, { exact: true })).toBeVisible();
  for (const path of ['/clients', '/team', '/audit', '/settings', unassignedUrl]) {
    await clientPage.goto(path);
    await expect(clientPage).toHaveURL(/\/workspace$/);
  }
  await expect(clientPage.getByRole('heading', { level: 1, name: 'Your workspace' })).toBeVisible();

  // "I'm done uploading" moves the client to Client submitted, which the preparer's dashboard shows.
  await expect(clientPage.getByTestId('workspace-status')).toHaveText('In progress');
  await clientPage.getByRole('button', { name: "I'm done uploading" }).click();
  await expect(clientPage.getByTestId('workspace-status')).toHaveText('Client submitted');
  await preparerPage.reload();
  await expect(preparerPage.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1)).toContainText('Client submitted');

  // The client can revoke the data-sharing consent (after confirming).
  await clientPage.getByRole('button', { name: 'Revoke consent' }).click();
  await clientPage.getByRole('dialog').getByRole('button', { name: 'Revoke consent' }).click();
  await expect(clientPage.getByTestId('consent-status')).toContainText('You revoked your consent');
});
