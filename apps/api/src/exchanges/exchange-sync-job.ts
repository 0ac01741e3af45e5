import type { DataSource } from 'typeorm';
import type { JobDefinition } from '../jobs/job-queue';
import type { SecretBox } from '../secrets/secret-box';
import type { Backoff, ExchangeClientOptions } from './exchange-client';
import { ExchangeSyncRunner } from './exchange-sync.runner';

export const EXCHANGE_SYNC_JOB = 'exchange.sync';

/**
 * The exchange sync job. Idempotent: a finished batch is left as it is; a sync whose worker crashed stored nothing
 * (one transaction) and runs again. Exchange failures (bad keys, missing permission, exchange down after the bounded
 * backoff) finish the batch as failed and are not retried by the queue.
 */
export function exchangeSyncJob(ds: DataSource, secrets: Pick<SecretBox, 'open'>, options: ExchangeClientOptions, backoff?: Backoff): JobDefinition<{ batchId: string }> {
  const runner = new ExchangeSyncRunner(ds, secrets, options, backoff);
  return {
    name: EXCHANGE_SYNC_JOB,
    expireInSeconds: 60 * 60,
    retryLimit: 3,
    handler: async ({ batchId }) => {
      await runner.run(batchId);
    },
  };
}
