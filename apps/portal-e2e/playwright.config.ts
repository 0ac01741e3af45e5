import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const port = Number(process.env['PORTAL_E2E_PORT'] ?? 4300);

/** Chromium arrives through npm (@sparticuz/chromium): no browser download, no apt. */
function chromiumPath(): string {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  const script = "import('@sparticuz/chromium').then(async (m) => process.stdout.write(await m.default.executablePath()))";
  const path = execFileSync(process.execPath, ['-e', script], { cwd: root }).toString().trim();
  process.env['CHROMIUM_PATH'] = path; // workers inherit it
  return path;
}

export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: join(root, 'test-output/portal-e2e.json') }]],
  outputDir: join(root, 'test-output/portal-e2e'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--disable-background-networking', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The built api serving the built portal, on the embedded database in a throwaway data directory.
    command: `node ${join(root, 'dist/apps/api/main.js')}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 90_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGINT', timeout: 15_000 },
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      LOTLINE_DATA_DIR: process.env['PORTAL_E2E_DATA_DIR'] ?? join(root, 'test-output/portal-e2e-data'),
      // The local Kraken that tools/scripts/run-playwright.mjs serves (exchange journeys); unset, the api talks to no exchange.
      ...(process.env['PORTAL_E2E_EXCHANGE_URL'] ? { LOTLINE_EXCHANGE_API_BASE_URL: process.env['PORTAL_E2E_EXCHANGE_URL'] } : {}),
    },
  },
});
