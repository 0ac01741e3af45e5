import { readFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ROOT, removeDataDirs, startApi, stopApi } from './support/api-process';

const base = () => process.env['E2E_BASE_URL'] ?? '';

describe('api platform (HTTP against the started api)', () => {
  it('reports health with the database up', async () => {
    const res = await fetch(`${base()}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', version: expect.any(String) });
  });

  it('tells the portal it runs the demo without payments', async () => {
    expect(await (await fetch(`${base()}/api/meta`)).json()).toMatchObject({ product: 'Lotline', demo: true, paymentsEnabled: false, smtpEnabled: false });
  });

  it('answers unknown API routes with the stable JSON error body, never the portal', async () => {
    const res = await fetch(`${base()}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body).toEqual({ code: 'NOT_FOUND', message: expect.any(String), correlationId: expect.any(String) });
    expect(res.headers.get('x-correlation-id')).toBe(body.correlationId);
  });

  it('serves the portal at / and at deep links, with security headers', async () => {
    for (const path of ['/', '/clients', '/settings']) {
      const res = await fetch(`${base()}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<ll-root');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('publishes the OpenAPI document', async () => {
    const res = await fetch(`${base()}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.info.title).toBe('Lotline API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/meta']));
  });
});

describe('api process lifecycle on the embedded database', () => {
  afterAll(removeDataDirs);

  it('reuses its data across restarts, seeds once, keeps the master key 0600, and stops cleanly on Ctrl-C', async () => {
    const first = await startApi();
    const dataDir = first.dataDir;
    expect(first.output()).toContain('Seeded the demo firm');
    expect(first.output()).toContain('Demo sign-in: admin@demo.lotline.test');
    expect(first.output()).toContain('Imported 8 sample transactions for the demo client');
    expect(await stopApi(first)).toBe(0);
    expect(postgresProcessesOn(dataDir)).toEqual([]);

    const second = await startApi({ LOTLINE_DATA_DIR: dataDir });
    try {
      expect(second.output()).not.toContain('Initialised a new PostgreSQL cluster');
      expect(second.output()).not.toContain('Seeded the demo firm');
      expect((await fetch(`${second.baseUrl}/api/health`)).status).toBe(200);
      const mode = execFileSync('stat', ['-c', '%a', join(dataDir, 'master.key')]).toString().trim();
      expect(mode).toBe('600');
      expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    } finally {
      expect(await stopApi(second)).toBe(0);
    }
    expect(postgresProcessesOn(dataDir)).toEqual([]);
  });

  it('recovers after a crash that left PostgreSQL running', async () => {
    const first = await startApi();
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(postgresProcessesOn(first.dataDir).length).toBe(1); // the orphan

    const second = await startApi({ LOTLINE_DATA_DIR: first.dataDir });
    try {
      expect(second.output()).toContain('still runs on');
      expect((await fetch(`${second.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      expect(await stopApi(second)).toBe(0);
    }
    expect(postgresProcessesOn(first.dataDir)).toEqual([]);
  });

  it('never takes the embedded database away from a running api (a second process on the same data dir refuses)', async () => {
    const first = await startApi();
    try {
      const second = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', LOTLINE_DATA_DIR: first.dataDir, LOTLINE_ROLE: 'worker' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      second.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      second.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const [code] = (await once(second, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(out).toContain('Another Lotline process');
      expect((await fetch(`${first.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      expect(await stopApi(first)).toBe(0);
    }
  });

  it('refuses bad configuration with a clear message', async () => {
    await expect(startApi({ LOTLINE_ROLE: 'everything' })).rejects.toThrow(/LOTLINE_ROLE must be one of all, api, worker/);
  });
});

function postgresProcessesOn(dataDir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args']).toString();
  return out.split('\n').filter((line) => line.includes('postgres -D') && line.includes(join(dataDir, 'pg')));
}
