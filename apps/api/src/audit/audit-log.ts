import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  readonly firmId: string;
  readonly actorUserId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string | null;
  readonly details?: Record<string, unknown>;
}

/** Appends an audit event inside the caller's transaction, so the event and the change land together or not at all. */
export async function recordAudit(tx: EntityManager, record: AuditRecord): Promise<void> {
  await tx.insert(AuditEventEntity, {
    firmId: record.firmId,
    actorUserId: record.actorUserId,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId ?? null,
    details: (record.details ?? {}) as never,
  });
}
