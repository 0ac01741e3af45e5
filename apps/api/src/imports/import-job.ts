import type { DataSource } from 'typeorm';
import type { JobDefinition } from '../jobs/job-queue';
import { CsvImportRunner } from './csv-import.runner';
import type { FileStore } from '../files/file-store';

export const IMPORT_CSV_JOB = 'import.csv';

/**
 * The CSV import job. Idempotent: a finished batch is left as it is; a batch whose worker crashed stored nothing
 * (one transaction) and runs again from the start.
 */
export function importCsvJob(ds: DataSource, files: FileStore): JobDefinition<{ batchId: string }> {
  const runner = new CsvImportRunner(ds, files);
  return {
    name: IMPORT_CSV_JOB,
    expireInSeconds: 30 * 60,
    retryLimit: 3,
    handler: async ({ batchId }) => {
      await runner.run(batchId);
    },
  };
}
