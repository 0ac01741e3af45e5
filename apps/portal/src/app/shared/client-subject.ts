import { subject } from '@casl/ability';
import type { ClientRecord } from '@lotline/authz';
import type { ClientSummary } from '@lotline/contracts';

/** A client as a CASL subject, for record-level checks (e.g. "may this preparer update this client?"). */
export function clientSubject(c: ClientSummary, firmId: string): ClientRecord & { __caslSubjectType__: 'Client' } {
  return subject('Client', { id: c.id, firmId, preparerIds: c.preparers.map((p) => p.id), userId: c.hasLogin ? c.id : null }) as ClientRecord & {
    __caslSubjectType__: 'Client';
  };
}
