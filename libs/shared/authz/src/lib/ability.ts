import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import type { Role } from '@lotline/contracts';

/**
 * The one authorization definition (roles x actions x subjects), used by the api guards and record checks and by the
 * portal to show only allowed actions. Tenant scoping (firm_id) is enforced on every query in the api; the
 * conditions here add the record-level rules inside a firm.
 *
 * Actions: `list` = see the firm's client list (staff); `import` on a Client also covers "I'm done uploading"
 * (POST /api/clients/:id/submit); `update` on Team = change role, deactivate, reset 2FA; `invite` on Team = invite a
 * preparer (admin); `update` on Consent = give/revoke the data-sharing consent (the client only); `answer` on a Client =
 * answer the plain-language reconciliation questions (the client's own login only; staff resolve instead).
 */
export const ACTIONS = ['manage', 'list', 'read', 'create', 'update', 'delete', 'invite', 'assign', 'import', 'resolve', 'preview', 'generate', 'pay', 'download', 'export', 'answer'] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = ['all', 'Firm', 'Team', 'Client', 'Invitation', 'Audit', 'Consent', 'ClientData', 'Report', 'Billing'] as const;
export type SubjectName = (typeof SUBJECTS)[number];

/** Record shapes the conditions look at. */
export interface ClientRecord {
  readonly __typename?: 'Client';
  readonly id: string;
  readonly firmId: string;
  readonly preparerIds: readonly string[];
  readonly userId: string | null;
}

export interface Actor {
  readonly id: string;
  readonly firmId: string;
  readonly role: Role;
  /** For a client login, the client record id. */
  readonly clientId: string | null;
}

export type AppAbility = MongoAbility<[Action, SubjectName | (ClientRecord & { __caslSubjectType__?: 'Client' })]>;

export function defineAbilityFor(actor: Actor): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  switch (actor.role) {
    case 'firm_admin':
      can('manage', 'all');
      // Consent is the client's own decision: staff can read it, never give or revoke it.
      cannot('update', 'Consent');
      // Reconciliation questions are the client's to answer; staff record resolutions instead.
      cannot('answer', 'Client');
      break;
    case 'preparer':
      can('read', 'Firm');
      can('read', 'Team');
      can(['list', 'create'], 'Client');
      can(['read', 'update', 'import', 'resolve', 'preview', 'generate', 'download', 'invite'], 'Client', { preparerIds: actor.id } as never);
      can(['read', 'import', 'resolve', 'preview', 'generate', 'download'], 'ClientData');
      can(['read', 'create', 'update'], 'Invitation');
      cannot('assign', 'Client');
      break;
    case 'client':
      can('read', 'Firm');
      can(['read', 'import', 'preview', 'pay', 'download', 'answer'], 'Client', { id: actor.clientId ?? '-' } as never);
      can(['read', 'import', 'preview', 'pay', 'download'], 'ClientData');
      can(['read', 'update'], 'Consent');
      break;
    default: {
      const exhaustive: never = actor.role;
      throw new Error(`unknown role ${String(exhaustive)}`);
    }
  }
  return build({ detectSubjectType: (o) => ((o as { __caslSubjectType__?: SubjectName }).__caslSubjectType__ ?? 'Client') as never });
}
