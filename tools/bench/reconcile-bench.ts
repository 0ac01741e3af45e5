import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { compactDecimal, type Decimal, type LedgerEvent } from '@lotline/ledger';
import { mergeEngineWarnings, reconcile, type PriceQuote } from '@lotline/reconciliation';
import { computeTaxes, type LotMethod } from '@lotline/tax-engine';
import { createPrng, generateLedger } from './synthetic-ledger-generator';

/**
 * npm run bench:reconcile -- --events N [--method fifo|lifo|hifo] [--scope universal|per-account|rev-proc-2024-28]
 *   [--seed S] [--skip-engine]
 * Synthetic ledger from the engine bench's generator, reshaped for reconciliation: every own transfer becomes a
 * withdrawal + a deposit 1-60 min later (half share a tx hash), 10% of income events lose their USD value and are
 * priced from a daily price table (the last buy price of each asset at the start of each day). Times reconcile, then computeTaxes (+ merging warnings);
 * generation excluded. The last stdout line is one JSON object.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const SEMI_SPACE_FLAG = '--max-semi-space-size=128';

function reconciliationLedger(events: number, seed: number): { ledger: LedgerEvent[]; table: PriceQuote[] } {
  const base = generateLedger({ events: Math.max(1, Math.round(events / 1.12)), seed });
  const rnd = createPrng(seed + 7);
  const ledger: LedgerEvent[] = [];
  const table: PriceQuote[] = [];
  const lastPrice = new Map<string, Decimal>();
  let lastDay = '';
  for (const e of base) {
    if (ledger.length >= events) break;
    if (e.type === 'transfer' && e.sent !== undefined && e.received !== undefined && e.toAccount !== undefined) {
      const { toAccount, received, ...rest } = e;
      const hash = rnd() < 0.5 ? `0x${e.id}` : undefined;
      ledger.push({ ...rest, type: 'withdrawal', ...(hash ? { externalId: hash } : {}) });
      const at = new Date(Date.parse(e.timestamp) + 60_000 * (1 + Math.floor(rnd() * 60))).toISOString();
      ledger.push({ id: `${e.id}-in`, account: toAccount, timestamp: at, type: 'deposit', received, ...(hash ? { externalId: hash } : {}), source: { kind: 'file', fileName: `${toAccount}.csv`, line: 1 } });
    } else if (e.type === 'income' && e.usdValue !== undefined && rnd() < 0.1) {
      const { usdValue: _drop, ...rest } = e;
      void _drop;
      ledger.push(rest);
    } else {
      if (e.type === 'buy' && e.sent !== undefined && e.received !== undefined) lastPrice.set(e.received.asset, e.sent.amount.div(e.received.amount));
      ledger.push(e);
    }
    const day = e.timestamp.slice(0, 10);
    if (day !== lastDay) {
      lastDay = day;
      for (const [asset, usd] of lastPrice) table.push({ asset, at: day, usd: compactDecimal(usd), source: 'synthetic daily' });
    }
  }
  return { ledger, table };
}

function main(): void {
  const events = Number(arg('events', '100000'));
  const method = arg('method', 'fifo') as LotMethod;
  const scope = arg('scope', 'universal');
  const seed = Number(arg('seed', '1'));
  const skipEngine = process.argv.includes('--skip-engine');
  if (!['fifo', 'lifo', 'hifo'].includes(method)) throw new Error(`--method must be fifo|lifo|hifo, got ${method}`);
  if (scope !== 'universal' && scope !== 'per-account' && scope !== 'rev-proc-2024-28') throw new Error(`--scope must be universal|per-account|rev-proc-2024-28, got ${scope}`);
  if (!Number.isInteger(events) || events <= 0) throw new Error('--events must be a positive integer');
  const { ledger, table } = reconciliationLedger(events, seed);
  (globalThis as { gc?: () => void }).gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const recon = reconcile({ events: ledger, priceTable: table, settings: { timeZone: 'America/New_York' } });
  const t1 = process.hrtime.bigint();
  const reconcileCpu = process.cpuUsage(cpu0);
  let engineSeconds = 0;
  let rows = 0;
  let warnings = recon.warnings.length;
  if (!skipEngine) {
    const tax = computeTaxes({ events: recon.events, brokerLines: recon.brokerLines, settings: { timeZone: 'America/New_York', defaultMethod: method, scope, transferFee: 'dispose' } });
    warnings = mergeEngineWarnings(recon, tax).length;
    rows = tax.disposals.length;
    engineSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  }
  const reconcileSeconds = Number(t1 - t0) / 1e9;
  const seconds = reconcileSeconds + engineSeconds;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stderr.write(
    `reconcileCpuSeconds=${((reconcileCpu.user + reconcileCpu.system) / 1e6).toFixed(3)} events=${ledger.length} matches=${recon.matches.length} suggestions=${recon.suggestions.length} priceQuotes=${table.length} ` +
      `reconWarnings=${JSON.stringify(byKind(recon.warnings))} warnings=${warnings} rows=${rows} load=${loadavg()[0].toFixed(2)}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      events: ledger.length,
      seconds: Number(seconds.toFixed(3)),
      eventsPerSecond: Math.round(ledger.length / seconds),
      peakRssMb,
      reconcileSeconds: Number(reconcileSeconds.toFixed(3)),
      engineSeconds: Number(engineSeconds.toFixed(3)),
      method,
      scope,
    })}\n`,
  );
}

if (process.env['BENCH_DEFAULT_GC'] === undefined && !process.execArgv.includes(SEMI_SPACE_FLAG)) {
  const child = spawnSync(process.execPath, [SEMI_SPACE_FLAG, '--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
} else {
  main();
}

function byKind(list: readonly { readonly kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const w of list) counts[w.kind] = (counts[w.kind] ?? 0) + 1;
  return counts;
}
