import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');

export interface ApiProcess {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

const createdDirs = new Set<string>();

/** Deletes the throwaway data directories of stopped api processes. */
export function removeDataDirs(): void {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
  createdDirs.clear();
}

/** Starts the built api as a user would (`node dist/apps/api/main.js`), embedded database in a fresh data dir. */
export async function startApi(extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const main = join(ROOT, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build the api first (npx nx build api)`);
  const port = await freePort();
  const dataDir = extraEnv['LOTLINE_DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'lotline-e2e-'));
  createdDirs.add(dataDir);
  let out = '';
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOTLINE_DATA_DIR: dataDir, DATABASE_URL: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`api did not become healthy in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, dataDir, child, output: () => out };
}

/** Ctrl-C: SIGINT, then the exit code. */
export async function stopApi(api: ApiProcess): Promise<number | null> {
  if (api.child.exitCode !== null) return api.child.exitCode;
  const exited = new Promise<number | null>((r) => api.child.once('exit', (code) => r(code)));
  api.child.kill('SIGINT');
  return exited;
}
