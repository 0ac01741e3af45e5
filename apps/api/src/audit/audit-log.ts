import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

/** Where a request came from; stored with every audit event it causes. */
export interface RequestContext {
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly correlationId: string | null;
}

export const NO_REQUEST: RequestContext = { ip: null, userAgent: null, correlationId: null };

export interface AuditRecord {
  readonly firmId: string;
  readonly actorUserId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string | null;
  readonly details?: Record<string, unknown>;
  /** Short summaries of the changed fields (never secrets or password hashes). */
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly context?: RequestContext;
  /** Event time; defaults to the database's now(). */
  readonly at?: Date;
}

/** Appends an audit event inside the caller's transaction, so the event and the change land together or not at all. */
export async function recordAudit(tx: EntityManager, record: AuditRecord): Promise<void> {
  const ctx = record.context ?? NO_REQUEST;
  await tx.insert(AuditEventEntity, {
    firmId: record.firmId,
    actorUserId: record.actorUserId,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId ?? null,
    details: (record.details ?? {}) as never,
    before: (record.before ?? null) as never,
    after: (record.after ?? null) as never,
    ip: ctx.ip?.slice(0, 100) ?? null,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    correlationId: ctx.correlationId?.slice(0, 64) ?? null,
    ...(record.at ? { at: record.at } : {}),
  });
}
