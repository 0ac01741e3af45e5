import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { computeTaxes, type LotMethod } from '@lotline/tax-engine';
import { generateLedger } from './synthetic-ledger-generator';

/**
 * npm run bench:engine -- --events N --method fifo|lifo|hifo --scope universal|per-account [--seed S]
 * Times computeTaxes only (generation excluded); the last stdout line is one JSON object.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const SEMI_SPACE_FLAG = '--max-semi-space-size=64';
const CHILD_FLAGS = [SEMI_SPACE_FLAG, '--expose-gc'];

function main(): void {
  const events = Number(arg('events', '100000'));
  const method = arg('method', 'fifo') as LotMethod;
  const scope = arg('scope', 'universal');
  const seed = Number(arg('seed', '1'));
  if (!['fifo', 'lifo', 'hifo'].includes(method)) throw new Error(`--method must be fifo|lifo|hifo, got ${method}`);
  if (scope !== 'universal' && scope !== 'per-account') throw new Error(`--scope must be universal|per-account, got ${scope}`);
  if (!Number.isInteger(events) || events <= 0) throw new Error(`--events must be a positive integer`);
  const ledger = generateLedger({ events, seed });
  // Collect the generator's garbage first so that only computeTaxes' own work is timed (peak RSS stays whole-process).
  (globalThis as { gc?: () => void }).gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = computeTaxes({
    events: ledger,
    settings: { timeZone: 'America/New_York', defaultMethod: method, scope, transferFee: 'dispose' },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stderr.write(
    `rows=${result.disposals.length} lots=${result.lots.length} income=${result.income.length} warnings=${result.warnings.length} ` +
      `cpuSeconds=${((cpu.user + cpu.system) / 1e6).toFixed(3)} load=${loadavg()[0].toFixed(2)}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ events, method, scope, seconds: Number(seconds.toFixed(3)), eventsPerSecond: Math.round(events / seconds), peakRssMb })}\n`,
  );
}

/**
 * The engine allocates many long-lived values (rows, lots); a larger V8 young generation avoids copying them through
 * repeated scavenges. Since the engine computes in scaled integers it allocates far less short-lived garbage, and
 * 64 MB semi-spaces take the same CPU time as 128 MB with about 110 MB less peak RSS at 1M events. The bench re-runs
 * itself with that flag (and --expose-gc, to collect the generator's garbage before timing) unless BENCH_DEFAULT_GC
 * is set; the worker and CLI should run with NODE_OPTIONS=--max-semi-space-size=64 as well.
 */
if (process.env['BENCH_DEFAULT_GC'] === undefined && !process.execArgv.includes(SEMI_SPACE_FLAG)) {
  const child = spawnSync(process.execPath, [...CHILD_FLAGS, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
} else {
  main();
}
