import type { DataSource } from 'typeorm';
import type { JobDefinition } from '../src/jobs/job-queue';
import { runOnce } from '../src/jobs/job-effects';

export const CRASH_TEST_QUEUE = 'test.crash';

/** The job used by the crash test: its effect is a row in job_effect, guarded by runOnce. */
export function crashTestJob(ds: DataSource, after: (didWork: boolean, attempt: number) => Promise<void>): JobDefinition<{ key: string }> {
  return {
    name: CRASH_TEST_QUEUE,
    expireInSeconds: 1,
    retryLimit: 3,
    handler: async (data, job) => {
      const did = await runOnce(ds, `crash-test:${data.key}`, async (tx) => {
        await tx.query(`UPDATE job_effect SET result = $2 WHERE job_key = $1`, [`crash-test:${data.key}`, JSON.stringify({ attempt: job.retryCount })]);
      });
      await after(did, job.retryCount);
    },
  };
}
