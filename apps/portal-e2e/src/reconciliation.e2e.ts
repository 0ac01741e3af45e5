import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './demo-sign-in';

/**
 * Issue 6 journey against the built api (demo firm seeded): a preparer adds a client, imports two accounts whose
 * data has an unmatched transfer between them (no shared tx hash, 60 h apart: only a medium-confidence suggestion)
 * and a fee paid in ETH with no USD price. The client is In review; the preparer matches the pair from the
 * suggestion and enters the fee's price; after the recompute the client is Ready and the preview totals change to
 * the expected figures.
 *
 * Expected figures (2024, universal scope, FIFO): 1 ETH bought for $2,000 on Coinbase and moved to the Ledger. After
 * the match it keeps its $2,000 basis: fee 0.01 ETH at $30 -> proceeds $30, basis $20, gain $10; sale of 0.9 ETH for
 * $2,700 -> basis $1,800, gain $900. Total: proceeds $2,730, basis $1,820, gain $910.
 */
const header = 'date,type,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,tx_id';

function scenario() {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const coinbase = [
    header,
    `2024-01-10T15:00:00Z,buy,USD,2000.00,ETH,1,,,,${run}-buy`,
    `2024-03-01T12:00:00Z,withdrawal,ETH,1,,,,,,${run}-out`,
  ].join('\n');
  const ledger = [
    header,
    `2024-03-04T00:00:00Z,deposit,,,ETH,1,,,,${run}-in`,
    `2024-04-01T09:00:00Z,fee,,,,,ETH,0.01,,${run}-fee`,
    `2024-05-01T10:00:00Z,sell,ETH,0.9,USD,2700.00,,,,${run}-sell`,
  ].join('\n');
  return { run, clientName: `Reconcile ${run}`, coinbase, ledger };
}


async function addAccount(page: Page, name: string, kind: 'Exchange account' | 'Wallet'): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Account name').fill(name);
  if (kind === 'Wallet') {
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Wallet' }).click();
  }
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
}

async function upload(page: Page, fileName: string, accountName: string, csv: string, added: number): Promise<void> {
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('chosen-file')).toContainText(fileName);
  await page.getByRole('combobox', { name: 'Account' }).click();
  await page.getByRole('option', { name: accountName, exact: true }).click();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByTestId('import-outcome')).toHaveText(`${added} new transactions, 0 already imported`);
}

/** The client's warning rows of one kind (open ones, the default filter). */
function rows(page: Page, kind: string): Locator {
  return page.getByRole('table', { name: 'Warnings' }).locator(`[data-testid=warning-row][data-kind=${kind}]`);
}

/** The recompute shows "Up to date" (the status component polls the job with backoff; no fixed waits). */
async function upToDate(page: Page): Promise<void> {
  await expect(page.getByTestId('recompute-status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
}

test('unmatched transfer and missing price: the preparer resolves both, the client becomes Ready and the totals change', async ({ browser }) => {
  test.setTimeout(180_000);
  const { clientName, coinbase, ledger, run } = scenario();
  const page = await signIn(browser, 'preparer@demo.lotline.test');
  await expect(page).toHaveURL(/\/clients$/);

  // A client managed by the preparer, with an exchange account and a wallet.
  await page.getByRole('button', { name: 'Add client without login' }).click();
  await page.getByRole('dialog').getByLabel('Client name').fill(clientName);
  await page.getByRole('dialog').getByLabel('Time zone').fill('UTC');
  await page.getByRole('dialog').getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: clientName })).toBeVisible();
  const profileUrl = page.url();
  await addAccount(page, 'Coinbase', 'Exchange account');
  await addAccount(page, 'Ledger', 'Wallet');
  await upload(page, `coinbase-${run}.csv`, 'Coinbase', coinbase, 2);
  await upload(page, `ledger-${run}.csv`, 'Ledger', ledger, 3);

  // The imports ask for a recompute; the preparer also asks for one (harmless when one already ran), and the queue
  // shows the warnings once the job is done.
  await page.goto(profileUrl);
  await expect(page.getByTestId('recompute-status')).toHaveAttribute('data-state', /^(done|never|failed)$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Recalculate now' }).click();
  await upToDate(page);
  await expect(rows(page, 'unmatched-withdrawal')).toHaveCount(1);
  await expect(rows(page, 'unmatched-deposit')).toHaveCount(1);
  // The deposit (not yet known as a transfer) and the fee have no USD value.
  await expect(rows(page, 'missing-price')).toHaveCount(2);
  await expect(page.getByTestId('open-blocking')).toHaveText('4 open blocking warnings');

  // Before: In review.
  await page.getByRole('link', { name: '2024', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tax preview 2024' })).toBeVisible();
  await expect(page.getByTestId('preview-banner')).toHaveText('Preview — final reports are available after payment');
  await expect(page.getByTestId('preview-status')).toHaveText('In review');
  // Before: the ETH reached the Ledger as a deposit of unknown value (no basis) and the fee has no price:
  // fee proceeds $0, sale proceeds $2,700 with $0 basis.
  await expect(page.getByTestId('totals-total').getByRole('cell')).toHaveText(['2', '$2,700.00', '$0.00', '$0.00', '$2,700.00']);
  // The firm-wide queue has them too, filtered to this client.
  await page.getByRole('link', { name: 'Warnings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Warnings' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Client' }).click();
  await page.getByRole('option', { name: clientName }).click();
  const firmWide = page.getByRole('table', { name: 'Warnings' }).getByTestId('warning-row');
  await expect(firmWide).toHaveCount(4);
  await expect(firmWide.filter({ hasText: clientName })).toHaveCount(4);

  await page.goto(profileUrl);
  await upToDate(page);

  // The transfer: pick the suggested deposit (medium confidence: 60 h of a 72 h window).
  await rows(page, 'unmatched-withdrawal').getByRole('button', { name: /^Resolve/ }).click();
  let dialog = page.getByRole('dialog');
  // The withdrawal and the suggested deposit, each with its source row.
  await expect(dialog.getByTestId('warning-event')).toHaveCount(2);
  await expect(dialog.getByTestId('warning-event').nth(0)).toContainText(`coinbase-${run}.csv line 3`);
  await expect(dialog.getByTestId('warning-event').nth(1)).toContainText(`ledger-${run}.csv line 2`);
  await expect(dialog.getByRole('combobox', { name: 'Resolution' })).toHaveText('Matched a transfer');
  const suggestion = dialog.getByTestId('match-suggestion');
  await expect(suggestion).toHaveCount(1);
  await expect(suggestion).toContainText('1 ETH Coinbase → 1 ETH Ledger');
  await expect(suggestion).toContainText('78% (medium) · 60 h apart');
  await expect(suggestion.getByRole('radio')).toBeChecked();
  await dialog.getByLabel('Note (optional)').fill('Own Ledger wallet, confirmed with the client');
  await dialog.getByRole('button', { name: 'Resolve' }).click();
  await expect(dialog).toHaveCount(0);
  await upToDate(page);
  // The pair is a transfer now: both unmatched warnings and the deposit's missing price are gone.
  await expect(rows(page, 'unmatched-withdrawal')).toHaveCount(0);
  await expect(rows(page, 'unmatched-deposit')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Resolution history' }).getByTestId('resolution-row').first()).toContainText('Matched a transfer');

  // The fee's price, with its source.
  await expect(rows(page, 'missing-price')).toHaveCount(1);
  await rows(page, 'missing-price').getByRole('button', { name: /^Resolve/ }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: 'Resolution' })).toHaveText('Entered a price');
  await expect(dialog.getByTestId('warning-event')).toContainText(`ledger-${run}.csv line 3`);
  await dialog.getByLabel('USD value of the transaction').fill('30.00');
  await dialog.getByLabel('Price source').fill('CoinGecko daily close, 2024-04-01');
  await dialog.getByRole('button', { name: 'Resolve' }).click();
  await expect(dialog).toHaveCount(0);
  await upToDate(page);
  await expect(page.getByTestId('open-blocking')).toHaveText('0 open blocking warnings');

  // After: Ready, and the figures above.
  await page.getByRole('link', { name: '2024', exact: true }).click();
  await expect(page.getByTestId('preview-status')).toHaveText('Ready');
  await expect(page.getByTestId('preview-open-blocking')).toHaveText('0');
  const total = page.getByTestId('totals-total').getByRole('cell');
  // rows, proceeds, basis, adjustment, gain
  await expect(total).toHaveText(['2', '$2,730.00', '$1,820.00', '$0.00', '$910.00']);
  await expect(page.getByTestId('totals-short').getByTestId('gain')).toHaveText('$910.00');
  await expect(page.getByTestId('totals-long').getByTestId('gain')).toHaveText('$0.00');

  // The sale's 8949 row opens to its lot and the source rows behind it (bought on Coinbase, moved to the Ledger).
  const sale = page.getByTestId('f8949-row').filter({ hasText: '$2,700.00' });
  await expect(sale).toHaveCount(1);
  await expect(sale.getByRole('cell').nth(8)).toHaveText('$900.00');
  await sale.getByRole('button', { name: /Show sources/ }).click();
  const sources = page.getByTestId('f8949-detail').getByTestId('f8949-source');
  await expect(page.getByTestId('f8949-detail')).toContainText('Lot acquired 2024-01-10');
  await expect(sources.filter({ hasText: `coinbase-${run}.csv line 2` })).toHaveCount(1);
  await expect(sources.filter({ hasText: `ledger-${run}.csv line 4` })).toHaveCount(1);

  // What-if: the three methods side by side (one lot: the same figures).
  await expect(page.getByTestId('whatif-total-fifo')).toHaveText('$910.00');
  await expect(page.getByTestId('whatif-total-hifo')).toHaveText('$910.00');

  // Undo the price from the resolution history: the warning is back, the client is In review again and the fee is
  // unpriced again (proceeds $0, basis $20): gain $900 - $20 = $880.
  await page.goto(profileUrl);
  await upToDate(page);
  const history = page.getByRole('table', { name: 'Resolution history' }).getByTestId('resolution-row');
  const priced = history.filter({ hasText: 'Entered a price' }).filter({ hasNotText: 'Undo of' });
  await priced.getByRole('button', { name: 'Undo Entered a price' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo' }).click();
  await expect(priced).toContainText('Undone');
  await expect(history.filter({ hasText: 'Undo of Entered a price' })).toHaveCount(1);
  await upToDate(page);
  await expect(rows(page, 'missing-price')).toHaveCount(1);
  await expect(page.getByTestId('open-blocking')).toHaveText('1 open blocking warning');
  await page.getByRole('link', { name: '2024', exact: true }).click();
  await expect(page.getByTestId('preview-status')).toHaveText('In review');
  await expect(page.getByTestId('totals-total').getByRole('cell')).toHaveText(['2', '$2,700.00', '$1,820.00', '$0.00', '$880.00']);
});

test('a client sees their questions and their own preview, without the staff tools', async ({ browser }) => {
  const client = await signIn(browser, 'alice@demo.lotline.test');
  await expect(client).toHaveURL(/\/workspace$/);
  await expect(client.getByRole('heading', { level: 2, name: 'Questions from your firm' })).toBeVisible();
  await client.getByRole('link', { name: /^See your \d{4} tax preview$/ }).click();
  await expect(client).toHaveURL(/\/workspace\/preview\/\d{4}$/);
  await expect(client.getByTestId('preview-banner')).toHaveText('Preview — final reports are available after payment');
  await expect(client.getByTestId('preview-status')).not.toBeEmpty();
  await expect(client.getByRole('table', { name: 'Form 8949 rows' })).toBeVisible();
  await expect(client.getByRole('heading', { name: 'Compare methods' })).toHaveCount(0);
  await expect(client.getByRole('button', { name: 'Recalculate now' })).toHaveCount(0);
});
