import type { DataSource } from 'typeorm';
import type { JobDefinition, JobQueue } from '../jobs/job-queue';
import { one } from '../common/sql';
import { RECOMPUTE_JOB, RecomputeService, type RecomputeJobData } from './recompute.service';

/** The recompute service of a process, sending its jobs through `jobs`. */
export function recomputeServiceFor(ds: DataSource, jobs: Pick<JobQueue, 'send'>, engineVersion: string, now: () => Date = () => new Date()): RecomputeService {
  return new RecomputeService(ds, { now, engineVersion, send: (data) => jobs.send(RECOMPUTE_JOB, data, { singletonKey: data.clientId }) });
}

/**
 * `reconcile.recompute`: reconcile + compute every tax year of one client and store the results in one transaction.
 * Idempotent (a rerun recomputes the same thing); bursts coalesce through recon_state (see RecomputeService.request).
 */
export function recomputeJob(service: RecomputeService): JobDefinition<RecomputeJobData> {
  return {
    name: RECOMPUTE_JOB,
    expireInSeconds: 10 * 60,
    retryLimit: 2,
    handler: (data) => service.runJob(data),
  };
}

/**
 * Wraps an import or exchange-sync job so that a batch that finished as succeeded asks for a recompute of its client
 * (a failed batch stored nothing, so nothing changed).
 */
export function recomputeAfterBatch(definition: JobDefinition<{ batchId: string }>, ds: DataSource, service: Pick<RecomputeService, 'request'>): JobDefinition<{ batchId: string }> {
  return {
    ...definition,
    handler: async (data, job) => {
      await definition.handler(data, job);
      const batch = await one<{ firmId: string; clientId: string }>(
        ds.manager,
        `SELECT firm_id AS "firmId", client_id AS "clientId" FROM import_batch WHERE id = $1 AND status = 'succeeded'`,
        [data.batchId],
      );
      if (batch) await service.request(batch.firmId, batch.clientId);
    },
  };
}

/** Computes, in this process, every client that has ledger events but was never computed (the demo client on first start). */
export async function computeUncomputedClients(ds: DataSource, engineVersion: string): Promise<number> {
  const service = new RecomputeService(ds, { now: () => new Date(), engineVersion });
  const clients = (await ds.query(
    `SELECT DISTINCT e.firm_id AS "firmId", e.client_id AS "clientId" FROM ledger_event e
      WHERE NOT EXISTS (SELECT 1 FROM recon_state s WHERE s.client_id = e.client_id)`,
  )) as { firmId: string; clientId: string }[];
  for (const c of clients) await service.recomputeNow(c.firmId, c.clientId);
  return clients.length;
}
