// `npm test`: lint, build, unit + integration (real PostgreSQL), api-e2e (HTTP against a started api) and
// portal-e2e (Playwright in an npm-supplied Chromium). Runs every step, then prints one summary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-output';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
const nx = ['node_modules/nx/dist/bin/nx.js'];
const jest = ['node_modules/jest/bin/jest.js'];

const steps = [
  { name: 'lint', cmd: [...nx, 'run-many', '-t', 'lint', '--outputStyle=static'] },
  { name: 'build', cmd: [...nx, 'run-many', '-t', 'build', '-p', 'api', 'portal', 'cli', '--outputStyle=static'] },
  { name: 'unit + integration', cmd: [...jest, '-c', 'jest.config.ts', '--maxWorkers=2', '--ci', '--json', `--outputFile=${out}/jest.json`], jest: `${out}/jest.json` },
  { name: 'api-e2e', cmd: [...jest, '-c', 'apps/api-e2e/jest.config.cts', '--runInBand', '--ci', '--json', `--outputFile=${out}/api-e2e.json`], jest: `${out}/api-e2e.json`, needs: 'build' },
  { name: 'portal-e2e', cmd: ['tools/scripts/run-playwright.mjs'], playwright: `${out}/portal-e2e.json`, needs: 'build' },
];

const results = [];
for (const step of steps) {
  if (step.needs && results.find((r) => r.name === step.needs)?.ok === false) {
    results.push({ name: step.name, ok: false, seconds: 0, passed: 0, failed: 0, note: `not run: ${step.needs} failed` });
    continue;
  }
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const res = spawnSync(process.execPath, step.cmd, { stdio: 'inherit', env });
  const r = { name: step.name, ok: res.status === 0, seconds: (Date.now() - started) / 1000, passed: 0, failed: 0, note: '' };
  if (step.jest && existsSync(step.jest)) {
    const j = JSON.parse(readFileSync(step.jest, 'utf8'));
    r.passed = j.numPassedTests;
    r.failed = j.numFailedTests + j.numRuntimeErrorTestSuites;
    r.note = `${j.numTotalTestSuites} suites`;
  }
  if (step.playwright && existsSync(step.playwright)) {
    const s = JSON.parse(readFileSync(step.playwright, 'utf8')).stats;
    r.passed = s.expected;
    r.failed = s.unexpected + s.flaky;
  }
  if (!r.ok && r.failed === 0 && (step.jest || step.playwright)) r.failed = 1;
  results.push(r);
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const allOk = results.every((r) => r.ok);
console.log('\n=== Summary ===');
for (const r of results) {
  const counts = r.passed || r.failed ? `${r.passed} passed, ${r.failed} failed` : '';
  console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(20)} ${r.seconds.toFixed(1).padStart(6)} s  ${counts} ${r.note}`.trimEnd());
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(allOk && failed === 0 ? 0 : 1);
