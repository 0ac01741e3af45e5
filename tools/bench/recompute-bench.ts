/**
 * One resolution followed by a recompute of an N-event client, on a real PostgreSQL, exactly as the api does it
 * (RecomputeService.recomputeNow: load ledger (one COPY) + resolutions + sources in one transaction, reconcile, compute
 * every tax year, store warnings / per-year results / income rows with COPY and only the changed 8949 pages, update
 * statuses).
 *   npm run bench:recompute -- --events 100000 [--seed 1] [--profile recompute.cpuprofile]
 * Ledger: the engine bench's generator, every own transfer split into a withdrawal and a deposit 1-60 min later (half
 * share a tx hash), 10% of income without a USD value (missing-price warnings to resolve). Setup (insert + first
 * computation) is not timed. Events with a zero sent/received amount (the table and every importer refuse them) are
 * left out. Uses the embedded PostgreSQL (a throwaway data dir) unless DATABASE_URL is set.
 * Last stdout line: {"events","seconds","peakRssMb",...} where seconds = resolution stored -> results stored.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerEvent } from '@lotline/ledger';
import { migrate } from '../../apps/api/src/bootstrap';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { startEmbeddedDatabase } from '../../apps/api/src/database/embedded-database';
import { insertLedgerEvents } from '../../apps/api/src/imports/ledger-event.repository';
import { RecomputeService, type RecomputeTimings } from '../../apps/api/src/reconciliation/recompute.service';
import { runPipeline } from '../../apps/api/src/reconciliation/recon-pipeline';
import { createPrng, generateLedger } from './synthetic-ledger-generator';

/** `--profile <file>`: a V8 CPU profile of the timed part only (open it in Chrome DevTools or speedscope). */
function profileFile(): string | null {
  const i = process.argv.indexOf('--profile');
  return i > 0 ? process.argv[i + 1] ?? null : null;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function ledgerFor(events: number, seed: number): LedgerEvent[] {
  const base = generateLedger({ events: Math.max(1, Math.round(events / 1.12)), seed });
  const rnd = createPrng(seed + 7);
  const out: LedgerEvent[] = [];
  for (const e of base) {
    if (out.length >= events) break;
    // The generator can emit a zero amount (a 1M ledger does); an import refuses such a row and so does the table.
    if (e.sent?.amount.isZero() || e.received?.amount.isZero()) continue;
    if (e.type === 'transfer' && e.sent !== undefined && e.received !== undefined && e.toAccount !== undefined) {
      const { toAccount, received, ...rest } = e;
      const hash = rnd() < 0.5 ? `0x${e.id}` : undefined;
      out.push({ ...rest, type: 'withdrawal', ...(hash ? { externalId: hash } : {}) });
      const at = new Date(Date.parse(e.timestamp) + 60_000 * (1 + Math.floor(rnd() * 60))).toISOString();
      out.push({ id: `${e.id}-in`, account: toAccount, timestamp: at, type: 'deposit', received, ...(hash ? { externalId: hash } : {}), source: { kind: 'file', fileName: `${toAccount}.csv`, line: 1 } });
    } else if (e.type === 'income' && e.usdValue !== undefined && rnd() < 0.1) {
      const copy: { -readonly [K in keyof LedgerEvent]: LedgerEvent[K] } = { ...e };
      delete copy.usdValue;
      out.push(copy);
    } else out.push(e);
  }
  return out;
}

const seconds = (t0: bigint) => Number(((Number(process.hrtime.bigint() - t0) / 1e9)).toFixed(3));

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const events = arg('events', 100000);
  const seed = arg('seed', 1);
  const work = mkdtempSync(join(tmpdir(), 'lotline-recompute-bench-'));
  chmodSync(work, 0o755); // the embedded PostgreSQL may run as another OS user
  const embedded = process.env['DATABASE_URL'] ? undefined : await startEmbeddedDatabase(join(work, 'data'), 'bench');
  const url = process.env['DATABASE_URL'] ?? embedded?.url ?? '';
  await migrate(url);
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    let ledger: LedgerEvent[] | null = ledgerFor(events, seed);
    const eventCount = ledger.length;
    const [firm]: { id: string }[] = await ds.query(`INSERT INTO firm (name) VALUES ('Bench') RETURNING id`);
    const [client]: { id: string }[] = await ds.query(`INSERT INTO client (firm_id, display_name) VALUES ($1, 'Bench client') RETURNING id`, [firm.id]);
    const [user]: { id: string }[] = await ds.query(`INSERT INTO app_user (firm_id, email, display_name, role) VALUES ($1, $2, 'Bench preparer', 'preparer') RETURNING id`, [firm.id, `bench-${randomUUID()}@bench.test`]);
    const [account]: { id: string }[] = await ds.query(`INSERT INTO account (firm_id, client_id, name, kind) VALUES ($1, $2, 'Bench', 'exchange') RETURNING id`, [firm.id, client.id]);
    const [batch]: { id: string }[] = await ds.query(`INSERT INTO import_batch (firm_id, client_id, account_id, source, status) VALUES ($1, $2, $3, 'api', 'succeeded') RETURNING id`, [firm.id, client.id, account.id]);
    await ds.transaction(async (tx) => {
      for (let i = 0; i < eventCount; i += 20000) await insertLedgerEvents(tx, { firmId: firm.id, clientId: client.id, accountId: account.id, batchId: batch.id }, (ledger ?? []).slice(i, i + 20000));
    });
    ledger = null; // the job process holds neither the generated ledger nor the setup computation
    let phases: RecomputeTimings | null = null;
    const service = new RecomputeService(ds, { now: () => new Date(), engineVersion: 'bench', onTimings: (t) => (phases = t) });
    let t0 = process.hrtime.bigint();
    const target = (await service.recomputeNow(firm.id, client.id)).warnings.find((w) => w.kind === 'missing-price' && w.status === 'open');
    const initialSeconds = seconds(t0);
    if (!target) throw new Error('no missing-price warning to resolve');
    (globalThis as { gc?: () => void }).gc?.();

    // Timed: the preparer enters a price (one resolution row), then the client is recomputed and stored.
    const profile = profileFile();
    const inspector = profile ? new Session() : null;
    if (inspector) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    // Garbage collection during the timed part: pauses by kind (ms) on the main thread.
    const gcMs: Record<string, number> = {};
    const gcKinds: Record<number, string> = {
      [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
      [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
    };
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const kind = gcKinds[(e.detail as { kind: number }).kind] ?? 'other';
        gcMs[kind] = Math.round((gcMs[kind] ?? 0) + e.duration);
      }
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    t0 = process.hrtime.bigint();
    await ds.query(
      `INSERT INTO resolution (id, firm_id, client_id, warning_ids, action, payload, reason, created_by, created_at) VALUES ($1, $2, $3, $4, 'enter-price', $5, 'bench', $6, now())`,
      [randomUUID(), firm.id, client.id, [target.id], JSON.stringify({ action: 'enter-price', eventId: target.eventIds[0], usdValue: '123.45', source: 'bench' }), user.id],
    );
    const stillOpen = (await service.recomputeNow(firm.id, client.id)).warnings.some((w) => w.id === target.id && w.status === 'open');
    const total = seconds(t0);
    gcObserver.disconnect();
    const timed = phases as RecomputeTimings | null;
    if (inspector && profile) {
      const { profile: data } = await inspector.post('Profiler.stop');
      writeFileSync(profile, JSON.stringify(data));
      inspector.disconnect();
    }
    if (stillOpen) throw new Error('the resolution did not apply');
    (globalThis as { gc?: () => void }).gc?.();

    // Where the time goes: the same load and pipeline, untimed above, measured separately.
    t0 = process.hrtime.bigint();
    const loaded = await ds.transaction('REPEATABLE READ', (m) => service.load(m, firm.id, client.id));
    const loadSeconds = seconds(t0);
    t0 = process.hrtime.bigint();
    if (loaded) runPipeline(loaded.input);
    const pipelineSeconds = seconds(t0);
    const [counts]: { rows: string; warnings: string }[] = await ds.query(
      `SELECT (SELECT COALESCE(sum(json_array_length(rows)), 0) FROM recon_form8949_chunk WHERE client_id = $1) AS rows, (SELECT count(*) FROM recon_warning WHERE client_id = $1) AS warnings`,
      [client.id],
    );
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stderr.write(`timed phases: ${JSON.stringify(timed)} gc pauses (ms): ${JSON.stringify(gcMs)}\n`);
    process.stderr.write(`initialSeconds=${initialSeconds} loadSeconds=${loadSeconds} pipelineSeconds=${pipelineSeconds} rows8949=${counts.rows} warnings=${counts.warnings} load=${loadavg()[0].toFixed(2)}\n`);
    console.log(JSON.stringify({ events: eventCount, seconds: total, phases: timed, gcMs, peakRssMb, initialSeconds, loadSeconds, pipelineSeconds, rows8949: Number(counts.rows), warnings: Number(counts.warnings), loadAvg: Number(loadavg()[0].toFixed(2)) }));
  } finally {
    await ds.destroy();
    await embedded?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
