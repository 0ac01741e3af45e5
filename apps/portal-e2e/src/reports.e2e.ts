import { expect, test, type Page } from '@playwright/test';
import { signIn } from './demo-sign-in';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Issue 7 journey against the built api (demo firm seeded, no Stripe keys: only firm-recorded payments): a preparer
 * adds a client and imports a buy (2024) and a sale (2025). The 2025 preview shows the totals; the report card refuses
 * generation until the report is paid; the firm admin records the payment (comped); the preparer generates version 1,
 * downloads the Form 8949 and Schedule D PDFs and the zip; the PDFs contain the previewed totals.
 *
 * Expected figures (2025, FIFO): 0.5 BTC bought 2024-01-10 for $10,000; 0.1 BTC sold 2025-03-01 for $6,543.21 ->
 * basis $2,000, gain $4,543.21, long term (box L: no 1099-DA).
 */
const root = resolve(__dirname, '../../..');
const header = 'date,type,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,tx_id';

function scenario() {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const csv = [header, `2024-01-10T15:00:00Z,buy,USD,10000.00,BTC,0.5,,,,${run}-buy`, `2025-03-01T15:00:00Z,sell,BTC,0.1,USD,6543.21,,,,${run}-sell`].join('\n');
  return { run, clientName: `Reports ${run}`, csv };
}


/** The text of a downloaded PDF, read back with pdfjs in a child node process (tools/scripts/pdf-text.mjs). */
async function pdfText(path: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [resolve(root, 'tools/scripts/pdf-text.mjs'), path], { maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(stdout) as { pages: { lines: string[] }[] }).pages.flatMap((p) => p.lines).join('\n');
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path };
}

test('pay (firm-recorded), generate, download: the final PDFs carry the previewed totals', async ({ browser }) => {
  test.setTimeout(180_000);
  const { clientName, csv, run } = scenario();
  const page = await signIn(browser, 'preparer@demo.lotline.test', { acceptDownloads: true });
  await expect(page).toHaveURL(/\/clients$/);

  // A client managed by the preparer, with one exchange account and its history.
  await page.getByRole('button', { name: 'Add client without login' }).click();
  await page.getByRole('dialog').getByLabel('Client name').fill(clientName);
  await page.getByRole('dialog').getByLabel('Time zone').fill('UTC');
  await page.getByRole('dialog').getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: clientName })).toBeVisible();
  const profileUrl = page.url();
  const clientId = new URL(profileUrl).pathname.split('/').pop() ?? '';
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('dialog').getByLabel('Account name').fill('Coinbase');
  await page.getByRole('dialog').getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: `coinbase-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('combobox', { name: 'Account' }).click();
  await page.getByRole('option', { name: 'Coinbase', exact: true }).click();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByTestId('import-outcome')).toHaveText('2 new transactions, 0 already imported');
  await page.goto(profileUrl);
  await expect(page.getByTestId('recompute-status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

  // The free preview: these are the figures the final PDFs must carry.
  await page.goto(`/clients/${clientId}/preview/2025`);
  await expect(page.getByTestId('preview-open-blocking')).toHaveText('0');
  const total = page.getByTestId('totals-total').getByRole('cell');
  await expect(total).toHaveText(['1', '$6,543.21', '$2,000.00', '$0.00', '$4,543.21']);
  const previewed = (await total.allTextContents()).slice(1).map((t) => t.replace('$', ''));

  // Unpaid: the report card says why it cannot generate.
  await page.goto(profileUrl);
  const card = page.getByRole('region', { name: 'Final reports' });
  await card.getByTestId('report-year').click();
  await page.getByRole('option', { name: '2025', exact: true }).click();
  await expect(card.getByTestId('report-gate')).toContainText('not paid');
  await expect(card.getByTestId('generate-report')).toBeDisabled();

  // The firm admin records the payment in the client's Report payment card (no Stripe keys: comped, with a note).
  const admin = await signIn(browser, 'admin@demo.lotline.test', { acceptDownloads: true });
  await expect(admin).toHaveURL(/\/clients$/);
  await admin.goto(profileUrl);
  const payment = admin.getByRole('region', { name: 'Report payment' });
  await payment.getByRole('combobox', { name: 'Tax year' }).click();
  await admin.getByRole('option', { name: '2025', exact: true }).click();
  await payment.getByTestId('record-payment').click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Note').fill(`Engagement letter ${run}`);
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(payment.getByTestId('billing-status')).toHaveText('Paid');

  // Paid and clean: generate version 1 and follow it until the set is ready.
  await page.reload();
  await card.getByTestId('report-year').click();
  await page.getByRole('option', { name: '2025', exact: true }).click();
  await expect(card.getByTestId('report-gate')).toHaveText('Paid and no blocking warnings: the final set can be generated.');
  await card.getByTestId('generate-report').click();
  const v1 = card.locator('[data-testid=report-version][data-version="1"]');
  await expect(v1.getByTestId('report-status')).toHaveText('Ready', { timeout: 60_000 });

  // Download the Form 8949 and Schedule D PDFs and the zip; the PDFs show the previewed totals.
  const form8949 = await download(page, () => v1.locator('[data-kind=form8949_pdf]').click());
  expect(form8949.name).toBe('form-8949-2025.pdf');
  const f8949Text = await pdfText(form8949.path);
  for (const figure of ['6,543.21', '2,000.00', '4,543.21']) expect(f8949Text).toContain(figure);
  expect(previewed).toEqual(['6,543.21', '2,000.00', '0.00', '4,543.21']);
  const scheduleD = await download(page, () => v1.locator('[data-kind=schedule_d_pdf]').click());
  const sdText = await pdfText(scheduleD.path);
  for (const figure of ['6,543.21', '4,543.21']) expect(sdText).toContain(figure);
  const zip = await download(page, () => v1.getByTestId('download-zip').click());
  expect(zip.name).toBe('report-2025-v1.zip');
});
