// Runs the portal journeys with Playwright in the Chromium that @sparticuz/chromium unpacks (no download, no apt),
// against the built api on a free port with a throwaway embedded database, removed afterwards. The api's exchange
// calls go to the api's own test Kraken (apps/api/test/kraken-stub.ts, transpiled with esbuild and served from this
// process on a free port), which knows the keys the journeys use.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import chromium from '@sparticuz/chromium';
import { build } from 'esbuild';

const port = await new Promise((ok, fail) => {
  const s = createServer();
  s.on('error', fail);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'lotline-portal-e2e-'));

/** Keys the stub accepts: one with every read permission, one that may not query funds (refused at connect). */
const KRAKEN = { key: 'E2E-KRAKEN-KEY-7e2e', noFundsKey: 'E2E-KRAKEN-NOFUNDS-5150', secret: Buffer.from('lotline-e2e-kraken-secret-0123456789').toString('base64') };
const stubFile = join(dataDir, 'kraken-stub.mjs');
const { outputFiles } = await build({ entryPoints: [resolve('apps/api/test/kraken-stub.ts')], platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'error' });
writeFileSync(stubFile, outputFiles[0].text);
const { KrakenStub, krakenTrade } = await import(pathToFileURL(stubFile).href);
const kraken = await new KrakenStub().start();
const ALL = ['BalanceEx', 'TradesHistory', 'Ledgers', 'DepositStatus', 'WithdrawStatus'];
kraken.keys.set(KRAKEN.key, { secret: KRAKEN.secret, allowed: ALL });
kraken.keys.set(KRAKEN.noFundsKey, { secret: KRAKEN.secret, allowed: ['TradesHistory'] });
kraken.balances = { XXBT: { balance: '0.5000000000', hold_trade: '0' }, ZUSD: { balance: '1250.0000', hold_trade: '0' } };
kraken.trades = [
  krakenTrade('TE2E01-AAAAA-BBBBB1', 1704067300.25, 'XXBTZUSD', 'buy', '42000.1', '0.1000000000', '4200.01000', '10.92000'),
  krakenTrade('TE2E02-AAAAA-BBBBB2', 1706745600.5, 'XETHZUSD', 'buy', '2300.00', '1.0000000000', '2300.00000', '5.98000'),
];

const env = {
  ...process.env,
  CHROMIUM_PATH: process.env.CHROMIUM_PATH || (await chromium.executablePath()),
  PORTAL_E2E_PORT: String(port),
  PORTAL_E2E_DATA_DIR: dataDir,
  PORTAL_E2E_EXCHANGE_URL: kraken.baseUrl,
  PORTAL_E2E_KRAKEN_KEY: KRAKEN.key,
  PORTAL_E2E_KRAKEN_NOFUNDS_KEY: KRAKEN.noFundsKey,
  PORTAL_E2E_KRAKEN_SECRET: KRAKEN.secret,
};
// Asynchronous: the stub answers from this process while Playwright runs.
const child = spawn(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', 'apps/portal-e2e/playwright.config.ts', ...process.argv.slice(2)], { stdio: 'inherit', env });
const status = await new Promise((ok) => {
  child.on('error', () => ok(1));
  child.on('exit', (code) => ok(code ?? 1));
});
await kraken.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
