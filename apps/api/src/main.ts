import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHttpApp, migrate } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded-database';
import { dataSourceOptions } from './database/data-source-options';
import { JobQueue } from './jobs/job-queue';
import { exchangeSyncJob } from './exchanges/exchange-sync-job';
import { importCsvJob } from './imports/import-job';
import { computeUncomputedClients, recomputeAfterBatch, recomputeJob, recomputeServiceFor } from './reconciliation/recompute-job';
import { PdfRenderer } from './reports/pdf/pdf-renderer';
import { reportGenerateJob } from './reports/report-job';
import { reportJobDeps } from './reports/report-job-deps';
import { priceFetchJob } from './reconcile-sources/price-fetch-job';
import { createFileStore } from './files/create-file-store';
import { loadSecretBox } from './secrets/secret-box';
import { seedDemoData } from './seed/demo-data';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoFirm } from './seed/demo-seed';

const VERSION = process.env['npm_package_version'] ?? '0.1.0';

async function main(): Promise<void> {
  const logger = new Logger('Lotline');
  const startedAt = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  Logger.overrideLogger(['error', 'warn', 'log', 'debug'].slice(0, ['error', 'warn', 'log', 'debug'].indexOf(config.logLevel) + 1) as never);

  // What is running, in start order; shutdown stops it in reverse.
  const running: { embedded?: EmbeddedDatabase; jobs?: JobQueue; jobsDb?: DataSource; pdf?: PdfRenderer; app?: INestApplication } = {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, stopping`);
    try {
      await running.app?.close();
      await running.jobs?.stop();
      await running.pdf?.close();
      await running.jobsDb?.destroy();
      await running.embedded?.stop();
    } catch (e) {
      logger.error(`error while stopping: ${String(e)}`);
    }
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));

  const files = createFileStore(config);
  try {
    await files.check();
  } catch (e) {
    console.error(`Configuration error: ${(e as Error).message}`);
    process.exit(2);
  }

  if (!config.databaseUrl) running.embedded = await startEmbeddedDatabase(config.dataDir);
  const embedded = running.embedded;
  const databaseUrl = config.databaseUrl ?? embedded?.url ?? '';
  const applied = await migrate(databaseUrl);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);

  let seeded = false;
  if (config.seedDemo && config.role !== 'worker') {
    const ds = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
    try {
      seeded = await seedDemoFirm(ds);
      if (seeded) {
        const events = await seedDemoData(ds, files, join(__dirname, 'assets', 'demo'));
        logger.log(`Imported ${events} sample transactions for the demo client`);
        logger.log(`Computed ${await computeUncomputedClients(ds, VERSION)} demo client(s)`);
      }
    } finally {
      await ds.destroy();
    }
    if (seeded) logger.log('Seeded the demo firm');
  }

  const jobs = (running.jobs = new JobQueue({ connectionString: databaseUrl }));
  // Job handlers get their own small connection pool (a worker-only process has no HTTP app).
  const jobsDb = (running.jobsDb = await new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 4 } }).initialize());
  const recompute = recomputeServiceFor(jobsDb, jobs, VERSION);
  jobs.define(recomputeJob(recompute));
  jobs.define(recomputeAfterBatch(importCsvJob(jobsDb, files), jobsDb, recompute));
  const secretBox = loadSecretBox(config.masterKey, process.env['LOTLINE_PREVIOUS_MASTER_KEYS'], config.dataDir);
  jobs.define(recomputeAfterBatch(exchangeSyncJob(jobsDb, secretBox, { apiBaseUrl: config.exchangeApiBaseUrl }), jobsDb, recompute));
  jobs.define(priceFetchJob(jobsDb, { apiBaseUrl: config.priceApiBaseUrl }));
  const runtime = { config, databaseUrl, secretBox, jobs, version: VERSION };
  jobs.define(reportGenerateJob(jobsDb, reportJobDeps(jobsDb, runtime, files, (running.pdf = new PdfRenderer()))));
  await jobs.start();
  if (config.role !== 'api') await jobs.work();

  if (config.role === 'worker') {
    logger.log(`Worker ready in ${Date.now() - startedAt} ms`);
    return;
  }
  const app = (running.app = await createHttpApp(runtime));
  await app.listen(config.port, config.host);
  const url = config.publicUrl;
  logger.log(`Lotline ready in ${Date.now() - startedAt} ms`);
  console.log(
    [
      '',
      `  Lotline is running at ${url}`,
      `  API docs: ${url}/api/docs`,
      config.seedDemo
        ? `  Demo sign-in: ${DEMO_USERS.admin} (firm admin), ${DEMO_USERS.preparer} (preparer), ${DEMO_USERS.client} (client); password ${DEMO_PASSWORD}`
        : '',
      `  Database: ${embedded ? `embedded PostgreSQL (data in ${config.dataDir}/pg)` : 'DATABASE_URL'}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
