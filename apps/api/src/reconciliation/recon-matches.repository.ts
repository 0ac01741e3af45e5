import type { EntityManager } from 'typeorm';
import type { AppliedMatchView } from '@lotline/contracts';
import { toWire, type LedgerEvent } from '@lotline/ledger';
import { activeResolutions, type Resolution, type TransferMatch } from '@lotline/reconciliation';
import { one, rows } from '../common/sql';

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
   * Replaces the client's stored matches with `matches` (inside the recompute's transaction; one unnest insert).
   * Times come from the input ledger; a manual match names the active match-pair resolution that forced it.
   */
  async replace(m: EntityManager, firmId: string, clientId: string, matches: readonly TransferMatch[], events: readonly LedgerEvent[], resolutions: readonly Resolution[], computedAt: Date): Promise<void> {
    await m.query(`DELETE FROM recon_match WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
    if (matches.length === 0) return;
    const wanted = new Set(matches.flatMap((x) => [x.withdrawalId, x.depositId]));
    const at = new Map<string, string>();
    for (const e of events) if (wanted.has(e.id)) at.set(e.id, e.timestamp);
    const forcedBy = new Map<string, string>();
    for (const r of activeResolutions(resolutions)) {
      if (r.payload.action === 'match-pair') forcedBy.set(`${r.payload.withdrawalId}>${r.payload.depositId}`, r.id);
    }
    const cols = {
      w: [] as string[], d: [] as string[], asset: [] as string[], from: [] as string[], to: [] as string[], sent: [] as string[], received: [] as string[], fee: [] as string[],
      tier: [] as string[], confidence: [] as string[], automatic: [] as boolean[], resolution: [] as (string | null)[], wAt: [] as string[], dAt: [] as string[], reason: [] as string[],
    };
    for (const x of matches) {
      const wAt = at.get(x.withdrawalId);
      const dAt = at.get(x.depositId);
      if (wAt === undefined || dAt === undefined) throw new Error(`match ${x.id} names an event missing from the ledger`);
      const resolution = x.origin === 'manual' ? (forcedBy.get(`${x.withdrawalId}>${x.depositId}`) ?? null) : null;
      cols.w.push(x.withdrawalId);
      cols.d.push(x.depositId);
      cols.asset.push(x.asset);
      cols.from.push(x.fromAccount);
      cols.to.push(x.toAccount);
      cols.sent.push(toWire(x.sent));
      cols.received.push(toWire(x.received));
      cols.fee.push(toWire(x.fee));
      cols.tier.push(x.tier);
      cols.confidence.push(x.confidence.toFixed(4));
      cols.automatic.push(resolution === null);
      cols.resolution.push(resolution);
      cols.wAt.push(wAt);
      cols.dAt.push(dAt);
      cols.reason.push(x.reason);
    }
    await m.query(
      `INSERT INTO recon_match (firm_id, client_id, withdrawal_id, deposit_id, asset, from_account, to_account, sent, received, fee, tier, confidence,
                                automatic, resolution_id, withdrawn_at, deposited_at, reason, computed_at)
       SELECT $1, $2, u.* , $18 FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[], $10::numeric[], $11::text[],
                                      $12::numeric[], $13::boolean[], $14::uuid[], $15::timestamptz[], $16::timestamptz[], $17::text[]) AS u`,
      [firmId, clientId, cols.w, cols.d, cols.asset, cols.from, cols.to, cols.sent, cols.received, cols.fee, cols.tier, cols.confidence, cols.automatic, cols.resolution, cols.wAt, cols.dAt, cols.reason, computedAt],
    );
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
              resolution_id AS "resolutionId", withdrawn_at AS "withdrawnAt", deposited_at AS "depositedAt", reason, computed_at AS "computedAt"
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
