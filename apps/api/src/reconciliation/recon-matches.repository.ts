import type { EntityManager } from 'typeorm';
import type { AppliedMatchView } from '@lotline/contracts';
import { toWire, type LedgerEvent } from '@lotline/ledger';
import { activeResolutions, type Resolution, type TransferMatch } from '@lotline/reconciliation';
import { copyLine } from '../common/copy';
import { one, rows } from '../common/sql';
import { Fingerprint } from './fingerprint';
import { writeChunked, type ChunkedTable, type OutputChunk } from './output-chunks';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const MATCHES_PER_BUCKET = 1000;

/** Bucket (0..buckets-1, buckets a power of two) of a withdrawal id: from its fingerprint, stable across runs. */
function bucketOf(withdrawalId: string, buckets: number): number {
  return new Fingerprint().str(withdrawalId).first32() & (buckets - 1);
}

/** recon_match rows, chunked in buckets of the withdrawal id ("<bucket count>:<bucket>", stored in recon_match.chunk). */
const MATCH_TABLE: ChunkedTable = {
  part: 'match',
  table: 'recon_match',
  columns: ['firm_id', 'client_id', 'withdrawal_id', 'deposit_id', 'asset', 'from_account', 'to_account', 'sent', 'received', 'fee', 'tier', 'confidence', 'automatic', 'resolution_id', 'withdrawn_at', 'deposited_at', 'reason', 'chunk'],
  async deleteChunks(m, firmId, clientId, keys) {
    await m.query(`DELETE FROM recon_match WHERE firm_id = $1 AND client_id = $2 AND chunk = ANY($3::text[])`, [firmId, clientId, keys]);
  },
};

export interface MatchFilter {
  readonly firmId: string;
  readonly clientId: string;
  /** true: automatic only; false: from resolutions only; undefined: both. */
  readonly automatic?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** The applied transfer matches of a client's latest computation (`recon_match`). */
export class ReconMatchesRepository {
  /**
   * Replaces the client's stored matches with `matches` (inside the recompute's transaction) through writeChunked:
   * matches go into buckets by their withdrawal id (about 1,000 per bucket; the bucket count doubles as the client's
   * matches grow), and only buckets whose matches changed are rewritten. A bucket's fingerprint covers every stored
   * value except the two times, which are the ledger rows' own and never change for a row id. Times come from the
   * input ledger; a manual match names the active match-pair resolution that forced it. `computed_at` is when the row
   * was last written (the list shows the latest computation's time from recon_state).
   */
  async replace(m: EntityManager, firmId: string, clientId: string, matches: readonly TransferMatch[], events: readonly LedgerEvent[], resolutions: readonly Resolution[]): Promise<void> {
    const forcedBy = new Map<string, string>();
    for (const r of activeResolutions(resolutions)) {
      if (r.payload.action === 'match-pair') forcedBy.set(`${r.payload.withdrawalId}>${r.payload.depositId}`, r.id);
    }
    let buckets = 1;
    while (buckets * MATCHES_PER_BUCKET < matches.length) buckets *= 2;
    const byBucket = new Map<string, { x: TransferMatch; resolution: string | null }[]>();
    for (const x of matches) {
      const key = `${buckets}:${bucketOf(x.withdrawalId, buckets)}`;
      let list = byBucket.get(key);
      if (!list) byBucket.set(key, (list = []));
      list.push({ x, resolution: x.origin === 'manual' ? (forcedBy.get(`${x.withdrawalId}>${x.depositId}`) ?? null) : null });
    }
    // Times only for the matches of changed buckets (looked up when their lines are made).
    let at: Map<string, string> | null = null;
    const timeOf = (id: string): string => {
      if (!at) {
        at = new Map();
        const wanted = new Set(matches.flatMap((x) => [x.withdrawalId, x.depositId]));
        // Matched events are withdrawals and deposits (checked first: far cheaper than hashing every id of a 1M ledger);
        // anything else a resolution may have turned into one is found by the full pass.
        for (const e of events) if ((e.type === 'withdrawal' || e.type === 'deposit') && wanted.has(e.id)) at.set(e.id, e.timestamp);
        if (at.size < wanted.size) for (const e of events) if (wanted.has(e.id)) at.set(e.id, e.timestamp);
      }
      const t = at.get(id);
      if (t === undefined) throw new Error(`a match names event ${id}, missing from the ledger`);
      return t;
    };
    const line = (x: TransferMatch, resolution: string | null, key: string): string =>
      copyLine([
        firmId, clientId, x.withdrawalId, x.depositId, x.asset, x.fromAccount, x.toAccount, toWire(x.sent), toWire(x.received), toWire(x.fee), x.tier,
        x.confidence.toFixed(4), resolution === null, resolution, timeOf(x.withdrawalId), timeOf(x.depositId), x.reason, key,
      ]);
    const chunks: OutputChunk[] = [];
    for (const [key, list] of byBucket) {
      list.sort((a, b) => cmp(a.x.withdrawalId, b.x.withdrawalId) || cmp(a.x.depositId, b.x.depositId));
      const fp = new Fingerprint();
      for (const { x, resolution } of list) {
        fp.str(x.withdrawalId).str(x.depositId).str(x.asset).str(x.fromAccount).str(x.toAccount).dec(x.sent).dec(x.received).dec(x.fee).str(x.tier)
          .int(Math.round(x.confidence * 10_000)).str(resolution).str(x.reason);
      }
      chunks.push({ key, fingerprint: fp.digest(), lines: () => list.map(({ x, resolution }) => line(x, resolution, key)) });
    }
    await writeChunked(m, firmId, clientId, MATCH_TABLE, chunks);
  }

  /** One page of the client's applied matches, oldest withdrawal first. */
  async list(m: EntityManager, f: MatchFilter): Promise<{ items: AppliedMatchView[]; total: number }> {
    const params: unknown[] = [f.firmId, f.clientId];
    let where = `firm_id = $1 AND client_id = $2`;
    if (f.automatic !== undefined) {
      params.push(f.automatic);
      where += ` AND automatic = $${params.length}`;
    }
    const total = await one<{ n: number }>(m, `SELECT count(*)::int AS n FROM recon_match WHERE ${where}`, params);
    const items = await rows<AppliedMatchView & { confidence: string }>(
      m,
      `SELECT withdrawal_id AS "withdrawalId", deposit_id AS "depositId", asset, from_account AS "fromAccount", to_account AS "toAccount",
              sent::text AS sent, received::text AS received, fee::text AS fee, confidence::text AS confidence, tier, automatic,
              resolution_id AS "resolutionId", withdrawn_at AS "withdrawnAt", deposited_at AS "depositedAt", reason,
              (SELECT s.computed_at FROM recon_state s WHERE s.client_id = recon_match.client_id) AS "computedAt"
         FROM recon_match WHERE ${where}
        ORDER BY withdrawn_at, withdrawal_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: items.map((r) => ({ ...r, confidence: Number(r.confidence), withdrawnAt: iso(r.withdrawnAt), depositedAt: iso(r.depositedAt), computedAt: iso(r.computedAt) })), total: total?.n ?? 0 };
  }

  /** The pair if it is an applied match of the client's latest computation. */
  find(m: EntityManager, firmId: string, clientId: string, withdrawalId: string, depositId: string): Promise<{ automatic: boolean; resolutionId: string | null } | null> {
    return one(
      m,
      `SELECT automatic, resolution_id AS "resolutionId" FROM recon_match WHERE firm_id = $1 AND client_id = $2 AND withdrawal_id = $3 AND deposit_id = $4`,
      [firmId, clientId, withdrawalId, depositId],
    );
  }
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
