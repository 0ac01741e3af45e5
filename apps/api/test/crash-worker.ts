/**
 * A worker process for the crash test: it works the test queue, records the job's effect (exactly once), and on the
 * first attempt kills itself with SIGKILL before pg-boss can mark the job done: a real crash, mid-job.
 */
import { DataSource } from 'typeorm';
import { JobQueue } from '../src/jobs/job-queue';
import { crashTestJob } from './crash-test-job';
import { dataSourceOptions } from '../src/database/data-source-options';

async function main(): Promise<void> {
  const url = process.env['TEST_DATABASE_URL'] ?? '';
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  const jobs = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
  jobs.define(
    crashTestJob(ds, async (_did, attempt) => {
      if (attempt === 0) process.kill(process.pid, 'SIGKILL');
    }),
  );
  await jobs.start();
  await jobs.work();
  process.stdout.write('ready\n');
}

void main();
