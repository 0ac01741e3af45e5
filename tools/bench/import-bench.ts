/**
 * End-to-end CSV import benchmark: a deterministic N-row Lotline generic CSV is parsed, normalised, deduplicated and
 * persisted into PostgreSQL in one transaction, exactly as the import job does it.
 *   npm run bench:import -- --rows 1000000 [--seed 7]
 * Uses the embedded PostgreSQL (a throwaway data dir) unless DATABASE_URL is set. Last stdout line: one JSON object.
 */
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { migrate } from '../../apps/api/src/bootstrap';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { startEmbeddedDatabase } from '../../apps/api/src/database/embedded-database';
import { CsvImportRunner } from '../../apps/api/src/imports/csv-import.runner';
import { LocalFileStore } from '../../apps/api/src/imports/file-store';
import { createPrng } from './synthetic-ledger-generator';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function writeCsv(path: string, rows: number, seed: number): Promise<void> {
  const rand = createPrng(seed);
  const out = createWriteStream(path);
  const assets = ['BTC', 'ETH', 'SOL', 'ADA', 'DOT', 'USDC'];
  out.write('date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note\n');
  const start = Date.UTC(2021, 0, 1) / 1000;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const ts = new Date((start + i * 97) * 1000).toISOString();
    const asset = assets[Math.floor(rand() * assets.length)];
    const qty = (rand() * 2 + 0.00000001).toFixed(8);
    const usd = (rand() * 5000 + 1).toFixed(2);
    const r = rand();
    if (r < 0.45) buf += `${ts},buy,,,USD,${usd},${asset},${qty},USD,${(rand() * 5).toFixed(2)},,,,b-${i},\n`;
    else if (r < 0.8) buf += `${ts},sell,,,${asset},${qty},USD,${usd},USD,${(rand() * 5).toFixed(2)},,,,s-${i},\n`;
    else if (r < 0.92) buf += `${ts},income,,,,,${asset},${qty},,,${usd},,staking,i-${i},\n`;
    else buf += `${ts},trade,,,${asset},${qty},ETH,${(rand() + 0.001).toFixed(6)},,,${usd},,,t-${i},\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const rows = arg('rows', 100000);
  const seed = arg('seed', 7);
  const work = mkdtempSync(join(tmpdir(), 'lotline-import-bench-'));
  chmodSync(work, 0o755); // the embedded PostgreSQL may run as another OS user
  const csv = join(work, 'generic.csv');
  await writeCsv(csv, rows, seed);
  const embedded = process.env['DATABASE_URL'] ? undefined : await startEmbeddedDatabase(join(work, 'data'), 'bench');
  const url = process.env['DATABASE_URL'] ?? embedded?.url ?? '';
  await migrate(url);
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const [firm]: { id: string }[] = await ds.query(`INSERT INTO firm (name) VALUES ('Bench') RETURNING id`);
    const [client]: { id: string }[] = await ds.query(`INSERT INTO client (firm_id, display_name) VALUES ($1, 'Bench client') RETURNING id`, [firm.id]);
    const [account]: { id: string }[] = await ds.query(`INSERT INTO account (firm_id, client_id, name, kind) VALUES ($1, $2, 'Exchange', 'exchange') RETURNING id`, [firm.id, client.id]);
    const runner = new CsvImportRunner(ds, new LocalFileStore(join(work, 'files')));
    const bytes = readFileSync(csv);
    const batchId = await runner.createBatch({ firmId: firm.id, clientId: client.id, accountId: account.id, fileName: 'generic.csv', bytes, createdBy: null });
    const started = process.hrtime.bigint();
    const outcome = await runner.run(batchId);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (outcome.status !== 'succeeded' || outcome.eventsAdded !== rows) throw new Error(`import did not store every row: ${JSON.stringify(outcome).slice(0, 500)}`);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`file ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${rows} rows stored`);
    console.log(JSON.stringify({ rows, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds), peakRssMb }));
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
