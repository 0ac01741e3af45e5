import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { CRASH_TEST_QUEUE, crashTestJob } from '../../test/crash-test-job';
import { JobQueue } from './job-queue';

const root = resolve(__dirname, '../../../..');

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('background jobs survive a crash', () => {
  let db: TestDatabase;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const q of queues) await q.stop();
    await db.drop();
  });

  it('retries a job whose worker was killed mid-job, and its effect happens exactly once', async () => {
    const producer = new JobQueue({ connectionString: db.url });
    queues.push(producer);
    producer.define(crashTestJob(db.dataSource, async () => undefined));
    await producer.start();
    const jobId = await producer.send(CRASH_TEST_QUEUE, { key: 'k1' });
    expect(jobId).toEqual(expect.any(String));

    // A separate worker process picks the job, commits its effect, then dies by SIGKILL before completing it.
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, 'apps/api/test/crash-worker.ts')], {
      cwd: root,
      env: { ...process.env, TEST_DATABASE_URL: db.url, TS_NODE_PROJECT: join(root, 'tsconfig.node.json') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await producer.state(CRASH_TEST_QUEUE, jobId as string)).toBe('active');

    // A new worker (this process) takes over: pg-boss expires the orphaned attempt and retries it.
    const attempts: { did: boolean; attempt: number }[] = [];
    const worker = new JobQueue({ connectionString: db.url, maintenanceIntervalSeconds: 1, pollingIntervalSeconds: 0.5 });
    queues.push(worker);
    worker.define(crashTestJob(db.dataSource, async (did, attempt) => void attempts.push({ did, attempt })));
    await worker.start();
    await worker.work();

    await waitFor(async () => ((await worker.state(CRASH_TEST_QUEUE, jobId as string)) === 'completed' ? true : undefined), 'job completion');
    expect(attempts).toEqual([{ did: false, attempt: 1 }]);
    const effects: { job_key: string; result: { attempt: number } }[] = await db.dataSource.query(`SELECT job_key, result FROM job_effect`);
    expect(effects).toEqual([{ job_key: 'crash-test:k1', result: { attempt: 0 } }]);
  }, 60000);
});
