// Runs the portal journeys with Playwright in the Chromium that @sparticuz/chromium unpacks (no download, no apt),
// against the built api on a free port with a throwaway embedded database, removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';

const port = await new Promise((ok, fail) => {
  const s = createServer();
  s.on('error', fail);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'lotline-portal-e2e-'));
const env = {
  ...process.env,
  CHROMIUM_PATH: process.env.CHROMIUM_PATH || (await chromium.executablePath()),
  PORTAL_E2E_PORT: String(port),
  PORTAL_E2E_DATA_DIR: dataDir,
};
const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', 'apps/portal-e2e/playwright.config.ts', ...process.argv.slice(2)], { stdio: 'inherit', env });
rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
