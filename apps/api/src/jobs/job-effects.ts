import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `effect` at most once for `jobKey`, in one transaction with the marker row: a job retried after a crash
 * (even one that crashed after committing its work) does its work exactly once.
 * Returns false when the effect had already been done.
 */
export async function runOnce(dataSource: DataSource, jobKey: string, effect: (tx: EntityManager) => Promise<void>): Promise<boolean> {
  return dataSource.transaction(async (tx) => {
    const inserted: unknown[] = await tx.query(
      'INSERT INTO job_effect (job_key) VALUES ($1) ON CONFLICT (job_key) DO NOTHING RETURNING job_key',
      [jobKey],
    );
    if (inserted.length === 0) return false;
    await effect(tx);
    return true;
  });
}
