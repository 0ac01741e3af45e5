import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import type { Role } from '@lotline/contracts';

/**
 * The one authorization definition (roles x actions x subjects), used by the api guards and record checks and by the
 * portal to show only allowed actions. Tenant scoping (firm_id) is enforced on every query in the api; the
 * conditions here add the record-level rules inside a firm.
 */
export const ACTIONS = ['manage', 'read', 'create', 'update', 'delete', 'invite', 'assign', 'import', 'resolve', 'preview', 'generate', 'pay', 'download', 'export'] as const;
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
      break;
    case 'preparer':
      can('read', 'Firm');
      can('read', 'Team');
      can('create', 'Client');
      can(['read', 'update', 'import', 'resolve', 'preview', 'generate', 'download', 'invite'], 'Client', { preparerIds: actor.id } as never);
      can(['read', 'import', 'resolve', 'preview', 'generate', 'download'], 'ClientData');
      can(['read', 'create', 'update'], 'Invitation');
      cannot('assign', 'Client');
      break;
    case 'client':
      can('read', 'Firm');
      can(['read', 'import', 'preview', 'pay', 'download'], 'Client', { id: actor.clientId ?? '-' } as never);
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
