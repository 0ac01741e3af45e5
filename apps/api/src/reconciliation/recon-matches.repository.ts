import type { EntityManager } from 'typeorm';
import type { AppliedMatchView } from '@lotline/contracts';
import { toWire, type LedgerEvent } from '@lotline/ledger';
import { activeResolutions, type Resolution, type TransferMatch } from '@lotline/reconciliation';
import { copyLine } from '../common/copy';
import { one, rows } from '../common/sql';
import { writeChunked, type ChunkedTable } from './output-chunks';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** recon_match rows, chunked by month (UTC) of the withdrawal ("YYYY-MM"). */
const MATCH_TABLE: ChunkedTable = {
  part: 'match',
  table: 'recon_match',
  columns: ['firm_id', 'client_id', 'withdrawal_id', 'deposit_id', 'asset', 'from_account', 'to_account', 'sent', 'received', 'fee', 'tier', 'confidence', 'automatic', 'resolution_id', 'withdrawn_at', 'deposited_at', 'reason'],
  async deleteChunks(m, firmId, clientId, keys) {
    await m.query(`DELETE FROM recon_match WHERE firm_id = $1 AND client_id = $2 AND to_char(withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM') = ANY($3::text[])`, [firmId, clientId, keys]);
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
   * Replaces the client's stored matches with `matches` (inside the recompute's transaction), chunked by month of
   * withdrawal through writeChunked: only months whose matches changed are rewritten. Times come from the input
   * ledger; a manual match names the active match-pair resolution that forced it. `computed_at` is when the row was
   * last written (the list shows the latest computation's time from recon_state).
   */
  async replace(m: EntityManager, firmId: string, clientId: string, matches: readonly TransferMatch[], events: readonly LedgerEvent[], resolutions: readonly Resolution[]): Promise<void> {
    const wanted = new Set(matches.flatMap((x) => [x.withdrawalId, x.depositId]));
    const at = new Map<string, string>();
    if (wanted.size > 0) for (const e of events) if (wanted.has(e.id)) at.set(e.id, e.timestamp);
    const forcedBy = new Map<string, string>();
    for (const r of activeResolutions(resolutions)) {
      if (r.payload.action === 'match-pair') forcedBy.set(`${r.payload.withdrawalId}>${r.payload.depositId}`, r.id);
    }
    const rowsOf = matches.map((x) => {
      const wAt = at.get(x.withdrawalId);
      const dAt = at.get(x.depositId);
      if (wAt === undefined || dAt === undefined) throw new Error(`match ${x.id} names an event missing from the ledger`);
      const resolution = x.origin === 'manual' ? (forcedBy.get(`${x.withdrawalId}>${x.depositId}`) ?? null) : null;
      return { x, wAt, dAt, resolution };
    });
    rowsOf.sort((a, b) => cmp(a.wAt, b.wAt) || cmp(a.x.withdrawalId, b.x.withdrawalId) || cmp(a.x.depositId, b.x.depositId));
    const byMonth = new Map<string, string[]>();
    for (const { x, wAt, dAt, resolution } of rowsOf) {
      const month = new Date(wAt).toISOString().slice(0, 7);
      let lines = byMonth.get(month);
      if (!lines) byMonth.set(month, (lines = []));
      lines.push(copyLine([
        firmId, clientId, x.withdrawalId, x.depositId, x.asset, x.fromAccount, x.toAccount, toWire(x.sent), toWire(x.received), toWire(x.fee), x.tier,
        x.confidence.toFixed(4), resolution === null, resolution, wAt, dAt, x.reason,
      ]));
    }
    await writeChunked(m, firmId, clientId, MATCH_TABLE, [...byMonth].map(([key, lines]) => ({ key, lines })));
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
