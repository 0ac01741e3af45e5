import type { EntityManager } from 'typeorm';
import { copyLines } from '../common/copy';
import { rows } from '../common/sql';

/** Result tables stored chunk by chunk (recon_output_chunk.part). */
export type OutputPart = 'income' | 'match';

/** One chunk of a part's rows: its key, the fingerprint of its content (fingerprint.ts) and, only if asked, its rows. */
export interface OutputChunk {
  readonly key: string;
  readonly fingerprint: string;
  /** The chunk's rows as COPY text lines (each ending in a newline); called only for a chunk that changed. */
  lines(): Iterable<string>;
}

export interface ChunkedTable {
  readonly part: OutputPart;
  readonly table: string;
  readonly columns: readonly string[];
  /** Deletes the client's rows of these chunks (keys as produced by the caller). */
  deleteChunks(m: EntityManager, firmId: string, clientId: string, keys: readonly string[]): Promise<void>;
}

export interface ChunkWriteResult {
  readonly chunks: number;
  readonly written: number;
  readonly deleted: number;
}

/**
 * Replaces the client's rows of a result table with `chunks`, writing only what changed: each chunk's fingerprint is
 * compared with the one stored for that chunk in `recon_output_chunk`; an equal chunk is left as it is (its rows are
 * never even turned into text), a changed or new one is deleted and copied in again, and a stored chunk the new
 * computation does not produce is deleted. After one resolution nearly every chunk is the same, so a 1M-event client
 * rewrites a few thousand rows instead of every row. A client without any stored fingerprint for the part (first
 * computation, or rows written before fingerprints were kept) has all its rows of the part deleted first, so nothing
 * untracked survives. Runs inside the caller's transaction.
 */
export async function writeChunked(m: EntityManager, firmId: string, clientId: string, t: ChunkedTable, chunks: Iterable<OutputChunk>): Promise<ChunkWriteResult> {
  const stored = new Map(
    (await rows<{ chunk: string; fingerprint: string }>(m, `SELECT chunk, fingerprint FROM recon_output_chunk WHERE firm_id = $1 AND client_id = $2 AND part = $3`, [firmId, clientId, t.part])).map(
      (r) => [r.chunk, r.fingerprint],
    ),
  );
  if (stored.size === 0) await m.query(`DELETE FROM ${t.table} WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
  const changed: OutputChunk[] = [];
  let count = 0;
  for (const c of chunks) {
    count++;
    const old = stored.get(c.key);
    stored.delete(c.key);
    if (old !== c.fingerprint) changed.push(c);
  }
  const gone = [...stored.keys()];
  const rewrite = changed.map((c) => c.key);
  if (gone.length + rewrite.length > 0) {
    await t.deleteChunks(m, firmId, clientId, [...gone, ...rewrite]);
    await m.query(`DELETE FROM recon_output_chunk WHERE firm_id = $1 AND client_id = $2 AND part = $3 AND chunk = ANY($4::text[])`, [firmId, clientId, t.part, [...gone, ...rewrite]]);
  }
  if (changed.length > 0) {
    await copyLines(m, t.table, t.columns, (function* () {
      for (const c of changed) yield* c.lines();
    })());
    await m.query(
      `INSERT INTO recon_output_chunk (firm_id, client_id, part, chunk, fingerprint) SELECT $1, $2, $3, k, f FROM unnest($4::text[], $5::text[]) AS u(k, f)`,
      [firmId, clientId, t.part, rewrite, changed.map((c) => c.fingerprint)],
    );
  }
  return { chunks: count, written: changed.length, deleted: gone.length };
}
