import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { likeEscape, rows } from '../common/sql';

export interface AuditFilter {
  readonly firmId: string;
  readonly action?: string;
  readonly actorId?: string;
  readonly from?: Date;
  readonly to?: Date;
}

export interface AuditRow {
  readonly id: string;
  readonly at: Date;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly details: Record<string, unknown>;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly correlationId: string | null;
  readonly total?: number;
}

/** Reads the append-only audit log of one firm (writes go through recordAudit only). */
@Injectable()
export class AuditRepository {
  constructor(private readonly ds: DataSource) {}

  async page(f: AuditFilter, limit: number, offset: number): Promise<{ items: AuditRow[]; total: number }> {
    const { where, params } = this.where(f);
    const items = await rows<AuditRow>(
      this.ds.manager,
      `SELECT ${COLS}, count(*) OVER ()::int AS total FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_user_id AND u.firm_id = e.firm_id
        WHERE ${where} ORDER BY e.at DESC, e.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    let total = items[0]?.total ?? 0;
    if (!items.length && offset > 0) {
      total = (await rows<{ n: number }>(this.ds.manager, `SELECT count(*)::int AS n FROM audit_event e WHERE ${where}`, params))[0]?.n ?? 0;
    }
    return { items, total };
  }

  /** Streams the filtered log in id order, a batch at a time (keyset pagination), for the CSV export. */
  async *batches(f: AuditFilter, batchSize = 1000): AsyncGenerator<AuditRow[]> {
    const { where, params } = this.where(f);
    let after = '9223372036854775807';
    for (;;) {
      const batch = await rows<AuditRow>(
        this.ds.manager,
        `SELECT ${COLS} FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_user_id AND u.firm_id = e.firm_id
          WHERE ${where} AND e.id < $${params.length + 1}::bigint ORDER BY e.id DESC LIMIT $${params.length + 2}`,
        [...params, after, batchSize],
      );
      if (!batch.length) return;
      yield batch;
      after = batch[batch.length - 1].id;
    }
  }

  private where(f: AuditFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [f.firmId];
    const clauses = ['e.firm_id = $1'];
    if (f.action) {
      params.push(`${likeEscape(f.action)}%`);
      clauses.push(`e.action LIKE $${params.length}`);
    }
    if (f.actorId) {
      params.push(f.actorId);
      clauses.push(`e.actor_user_id = $${params.length}`);
    }
    if (f.from) {
      params.push(f.from);
      clauses.push(`e.at >= $${params.length}`);
    }
    if (f.to) {
      params.push(f.to);
      clauses.push(`e.at < $${params.length}`);
    }
    return { where: clauses.join(' AND '), params };
  }
}

const COLS = `e.id::text AS id, e.at, e.actor_user_id AS "actorId", u.display_name AS "actorName", e.action, e.subject_type AS "subjectType",
  e.subject_id AS "subjectId", e.details, e.before, e.after, e.ip, e.user_agent AS "userAgent", e.correlation_id AS "correlationId"`;
