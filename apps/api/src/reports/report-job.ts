import type { DataSource } from 'typeorm';
import type { JobDefinition } from '../jobs/job-queue';
import { ReportGenerator, type ReportGeneratorDeps } from './report-generator';

export const REPORT_GENERATE_JOB = 'report.generate';
const RETRY_LIMIT = 2;

/**
 * Generates one queued report version. Retry-safe: a finished version is left as it is; a crash before the final
 * transaction stored only content-addressed bytes (stored again as the same object) and nothing visible; the final
 * transaction runs at most once (runOnce). The last attempt marks the version failed instead of throwing.
 */
export function reportGenerateJob(ds: DataSource, deps: ReportGeneratorDeps): JobDefinition<{ versionId: string }> {
  const generator = new ReportGenerator(ds, deps);
  return {
    name: REPORT_GENERATE_JOB,
    expireInSeconds: 15 * 60,
    retryLimit: RETRY_LIMIT,
    handler: async ({ versionId }, job) => generator.run(versionId, job.retryCount >= RETRY_LIMIT),
  };
}
