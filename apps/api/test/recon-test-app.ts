import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { JobQueue } from '../src/jobs/job-queue';
import { recomputeJob, recomputeServiceFor } from '../src/reconciliation/recompute-job';
import { TestApp } from './http-app';

export interface ReconTestApp {
  readonly t: TestApp;
  /** Stops the job queue, its connection and the app (drops the test database). */
  close(): Promise<void>;
}

/** A TestApp whose real pg-boss queue works `reconcile.recompute` jobs on the test database. */
export async function startReconTestApp(): Promise<ReconTestApp> {
  let jobsDb: DataSource | undefined;
  let queue: JobQueue | undefined;
  const t = await TestApp.start({}, undefined, async (url) => {
    jobsDb = await new DataSource(dataSourceOptions(url)).initialize();
    queue = new JobQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
    queue.define(recomputeJob(recomputeServiceFor(jobsDb, queue, 'test')));
    await queue.start();
    await queue.work();
    return queue;
  });
  return {
    t,
    close: async () => {
      await queue?.stop();
      await jobsDb?.destroy();
      await t.close();
    },
  };
}
