import type { DataSource } from 'typeorm';
import type { Backoff } from '../exchanges/exchange-client';
import type { JobDefinition } from '../jobs/job-queue';
import { PriceFetchRunner, type PriceFetchOptions } from './price-fetch.runner';

export const PRICE_FETCH_JOB = 'prices.fetch';

/**
 * The price fetch job of a client. Idempotent: a finished run is left as it is; a run whose worker died runs again,
 * and days cached before the crash are not fetched again. Exchange failures finish the run as failed (no queue retry).
 */
export function priceFetchJob(ds: DataSource, options: PriceFetchOptions, backoff?: Backoff): JobDefinition<{ runId: string }> {
  const runner = new PriceFetchRunner(ds, options, backoff);
  return {
    name: PRICE_FETCH_JOB,
    expireInSeconds: 60 * 60,
    retryLimit: 3,
    handler: async ({ runId }) => {
      await runner.run(runId);
    },
  };
}
