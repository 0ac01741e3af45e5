import { Injectable } from '@nestjs/common';
import type { AuditEntry, AuditListResponse } from '@lotline/contracts';
import type { AuthUser } from '../common/auth-user';
import type { AuditQueryDto } from './audit.dto';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit.repository';
import { csvRow } from './csv';

const CSV_HEADER = ['id', 'at', 'actor_id', 'actor', 'action', 'subject_type', 'subject_id', 'summary', 'ip', 'user_agent', 'correlation_id'];

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(actor: AuthUser, q: AuditQueryDto): Promise<AuditListResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { items, total } = await this.audit.page(filter(actor, q), pageSize, (page - 1) * pageSize);
    return { items: items.map(toEntry), total, page, pageSize };
  }

  /** The filtered log as CSV lines (header first), formula injection neutralised. */
  async *csv(actor: AuthUser, q: AuditQueryDto): AsyncGenerator<string> {
    yield csvRow(CSV_HEADER);
    for await (const batch of this.audit.batches(filter(actor, q))) {
      yield batch
        .map(toEntry)
        .map((e) => csvRow([e.id, e.at, e.actor?.id, e.actor?.displayName, e.action, e.subjectType, e.subjectId, e.summary, e.ip, e.userAgent, e.correlationId]))
        .join('');
    }
  }
}

function filter(actor: AuthUser, q: AuditQueryDto): AuditFilter {
  return { firmId: actor.firmId, action: q.action, actorId: q.actorId, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
}

function toEntry(r: AuditRow): AuditEntry {
  const summary: Record<string, unknown> = { ...r.details };
  if (r.before) summary['before'] = r.before;
  if (r.after) summary['after'] = r.after;
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorId ? { id: r.actorId, displayName: r.actorName ?? '' } : null,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    summary,
    ip: r.ip,
    userAgent: r.userAgent,
    correlationId: r.correlationId,
  };
}
