import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './demo-sign-in';
import { readFile } from 'node:fs/promises';

/**
 * Issue 5 journey against the built api (demo firm seeded): the client adds an account, uploads a CSV with errors and
 * sees every error with its line and column (nothing stored), fixes the file, uploads again and sees the import
 * finish with its row counts; a second upload of the same file adds nothing; the preparer sees the same history.
 */
/** Names and files unique to one test run (the journey can repeat against the same database). */
function scenario() {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const header = 'date,type,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,tx_id';
  const broken = [
    header,
    `2024-01-05T10:00:00Z,buy,USD,1000.00,BTC,0.02,USD,1.50,${run}-1`,
    `2024-13-45T10:00:00Z,buy,USD,500.00,BTC,0.01,,,${run}-2`,
    `2024-02-01T10:00:00Z,swap,USD,500.00,ETH,0.2,,,${run}-3`,
    `2024-03-01T10:00:00Z,sell,BTC,-0.01,USD,420.00,,,${run}-4`,
  ].join('\n');
  const fixed = [
    header,
    `2024-01-05T10:00:00Z,buy,USD,1000.00,BTC,0.02,USD,1.50,${run}-1`,
    `2024-01-13T10:00:00Z,buy,USD,500.00,BTC,0.01,,,${run}-2`,
    `2024-02-01T10:00:00Z,buy,USD,500.00,ETH,0.2,,,${run}-3`,
    `2024-03-01T10:00:00Z,sell,BTC,0.01,USD,420.00,,,${run}-4`,
  ].join('\n');
  return { run, accountName: `Kraken ${run}`, fileName: `alice-${run}.csv`, broken, fixed };
}


async function upload(page: Page, { fileName, accountName }: { fileName: string; accountName: string }, csv: string): Promise<void> {
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('chosen-file')).toContainText(fileName);
  await page.getByRole('combobox', { name: 'Account' }).click();
  await page.getByRole('option', { name: accountName }).click();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
}

function cells(row: Locator): Locator {
  return row.getByRole('cell');
}

test('upload a CSV with errors, see them, fix it, import it; the preparer sees the history', async ({ browser }) => {
  const { accountName, fileName, broken, fixed } = scenario();
  const client = await signIn(browser, 'alice@demo.lotline.test');
  await expect(client).toHaveURL(/\/workspace$/);

  // An account to import into.
  await client.getByRole('button', { name: 'Add account' }).click();
  const dialog = client.getByRole('dialog');
  await expect(dialog.getByLabel('Account name')).toBeFocused();
  await dialog.getByLabel('Account name').fill(accountName);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
  const accountRow = client.getByRole('table', { name: 'Accounts' }).getByRole('row').filter({ hasText: accountName });
  await expect(cells(accountRow)).toHaveText([accountName, 'Exchange', '0']);

  // The template is offered for download.
  await expect(client.getByTestId('template-link')).toHaveAttribute('href', '/lotline-generic-template.csv');

  // A file with three bad rows: nothing is imported and every problem is listed with its line, column and value.
  await upload(client, { fileName, accountName }, broken);
  await expect(client.getByTestId('import-outcome')).toHaveText('Nothing was imported');
  await expect(client.getByTestId('import-result')).toContainText('We found 3 problems in this file');
  const problems = client.getByRole('table', { name: 'Problems in the file' }).getByTestId('import-issue');
  await expect(problems).toHaveCount(3);
  await expect(cells(problems.nth(0)).nth(0)).toHaveText('3');
  await expect(cells(problems.nth(0)).nth(1)).toHaveText('date');
  await expect(cells(problems.nth(0)).nth(2)).toHaveText('2024-13-45T10:00:00Z');
  await expect(cells(problems.nth(1)).nth(0)).toHaveText('4');
  await expect(cells(problems.nth(1)).nth(1)).toHaveText('type');
  await expect(cells(problems.nth(1)).nth(2)).toHaveText('swap');
  await expect(cells(problems.nth(2)).nth(0)).toHaveText('5');
  await expect(cells(problems.nth(2)).nth(1)).toHaveText('sent_amount');
  await expect(cells(problems.nth(2)).nth(2)).toHaveText('-0.01');
  for (const i of [0, 1, 2]) await expect(cells(problems.nth(i)).nth(3)).not.toBeEmpty();
  await expect(cells(accountRow).nth(2)).toHaveText('0');

  // Fixed and uploaded again: the progress runs to the end and the rows are counted.
  await upload(client, { fileName, accountName }, fixed);
  await expect(client.getByTestId('import-outcome')).toHaveText('4 new transactions, 0 already imported');
  await expect(client.getByRole('progressbar', { name: 'Import progress' })).toHaveCount(0);
  await expect(client.getByTestId('import-result')).toContainText('4 rows read as Lotline generic CSV v1');
  await expect(client.getByTestId('import-issue')).toHaveCount(0);
  await expect(cells(accountRow).nth(2)).toHaveText('4');

  // The same file once more: recognised, nothing counted twice.
  await upload(client, { fileName, accountName }, fixed);
  await expect(client.getByTestId('import-outcome')).toHaveText('0 new transactions, 4 already imported');
  await expect(cells(accountRow).nth(2)).toHaveText('4');

  const clientHistory = client.getByRole('table', { name: 'Import history' }).getByTestId('import-history-row').filter({ hasText: fileName });
  await expect(clientHistory).toHaveCount(3);
  await expect(cells(clientHistory.nth(0)).nth(4)).toHaveText('Imported');
  await expect(cells(clientHistory.nth(2)).nth(4)).toHaveText('Failed');

  // The preparer sees the same imports on the client's profile, newest first, and can fetch the original file.
  const preparer = await signIn(browser, 'preparer@demo.lotline.test');
  await expect(preparer).toHaveURL(/\/clients$/);
  await preparer.getByRole('link', { name: 'Alice Nakamoto' }).click();
  await expect(preparer.getByRole('heading', { level: 1, name: 'Alice Nakamoto' })).toBeVisible();
  const history = preparer.getByRole('table', { name: 'Import history' }).getByTestId('import-history-row').filter({ hasText: fileName });
  await expect(history).toHaveCount(3);
  // when, file, account, format, status, rows, new, already imported, 1099-DA lines, problems
  await expect(cells(history.nth(0)).nth(1)).toHaveText(fileName);
  await expect(cells(history.nth(0)).nth(2)).toHaveText(accountName);
  await expect(cells(history.nth(0)).nth(4)).toHaveText('Imported');
  await expect(cells(history.nth(0)).nth(6)).toHaveText('0');
  await expect(cells(history.nth(0)).nth(7)).toHaveText('4');
  await expect(cells(history.nth(1)).nth(6)).toHaveText('4');
  await expect(cells(history.nth(2)).nth(4)).toHaveText('Failed');
  await expect(cells(history.nth(0)).nth(8)).toHaveText('0');
  await expect(cells(history.nth(2)).nth(9)).toHaveText('3');
  await expect(preparer.getByRole('table', { name: 'Accounts' }).getByRole('row').filter({ hasText: accountName })).toContainText('4');

  // The failed upload's problems are there for the preparer too.
  await history.nth(2).getByRole('button', { name: `Show problems in ${fileName}` }).click();
  await expect(preparer.getByTestId('import-issue')).toHaveCount(3);

  const download = preparer.waitForEvent('download');
  await history.nth(1).getByRole('button', { name: `Download original ${fileName}` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(fileName);
  expect(await readFile(await file.path(), 'utf8')).toBe(fixed);
});

test('the generic CSV template downloads and imports as it is', async ({ browser }) => {
  const client = await signIn(browser, 'alice@demo.lotline.test');
  await expect(client).toHaveURL(/\/workspace$/);
  const downloading = client.waitForEvent('download');
  await client.getByTestId('template-link').click();
  const template = await readFile(await (await downloading).path(), 'utf8');
  expect(template.split('\n')[0]).toBe(
    'date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note',
  );

  const wallet = `Template wallet ${scenario().run}`;
  await client.getByRole('button', { name: 'Add account' }).click();
  const dialog = client.getByRole('dialog');
  await dialog.getByLabel('Account name').fill(wallet);
  await dialog.getByRole('combobox', { name: 'Kind' }).click();
  await client.getByRole('option', { name: 'Wallet' }).click();
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cells(client.getByRole('table', { name: 'Accounts' }).getByRole('row').filter({ hasText: wallet }))).toHaveText([wallet, 'Wallet', '0']);

  await client.getByLabel('Choose a CSV file').setInputFiles({ name: 'template.csv', mimeType: 'text/csv', buffer: Buffer.from(template) });
  await client.getByRole('combobox', { name: 'Account' }).click();
  await client.getByRole('option', { name: wallet }).click();
  await client.getByRole('combobox', { name: 'Format' }).click();
  await client.getByRole('option', { name: 'Lotline generic CSV v1' }).click();
  await client.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(client.getByTestId('import-outcome')).toHaveText('2 new transactions, 0 already imported');
});
