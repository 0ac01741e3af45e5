import { subject } from '@casl/ability';
import { defineAbilityFor, type Actor } from './ability';

const firm = 'f1';
const admin: Actor = { id: 'a', firmId: firm, role: 'firm_admin', clientId: null };
const prep: Actor = { id: 'p', firmId: firm, role: 'preparer', clientId: null };
const client: Actor = { id: 'u', firmId: firm, role: 'client', clientId: 'c1' };
const c1 = subject('Client', { id: 'c1', firmId: firm, preparerIds: ['p'], userId: 'u' });
const c2 = subject('Client', { id: 'c2', firmId: firm, preparerIds: ['other'], userId: null });

describe('ability', () => {
  it('lets a firm admin do everything in the firm', () => {
    const a = defineAbilityFor(admin);
    expect(a.can('update', 'Firm')).toBe(true);
    expect(a.can('assign', 'Client')).toBe(true);
    expect(a.can('read', 'Audit')).toBe(true);
    expect(a.can('read', c2)).toBe(true);
    expect(a.can('list', 'Client')).toBe(true);
    expect(a.can('invite', 'Team')).toBe(true);
    expect(a.can('export', 'Audit')).toBe(true);
  });

  it('never lets staff give or revoke a client\'s consent', () => {
    expect(defineAbilityFor(admin).can('update', 'Consent')).toBe(false);
    expect(defineAbilityFor(prep).can('update', 'Consent')).toBe(false);
  });

  it('limits a preparer to assigned clients and no firm administration', () => {
    const a = defineAbilityFor(prep);
    expect(a.can('read', c1)).toBe(true);
    expect(a.can('import', c1)).toBe(true);
    expect(a.can('read', c2)).toBe(false);
    expect(a.can('update', 'Firm')).toBe(false);
    expect(a.can('assign', 'Client')).toBe(false);
    expect(a.can('read', 'Audit')).toBe(false);
    expect(a.can('update', 'Team')).toBe(false);
    expect(a.can('invite', 'Team')).toBe(false);
    expect(a.can('list', 'Client')).toBe(true);
    expect(a.can('create', 'Invitation')).toBe(true);
    expect(a.can('invite', c1)).toBe(true);
    expect(a.can('invite', c2)).toBe(false);
  });

  it('limits a client to their own workspace', () => {
    const a = defineAbilityFor(client);
    expect(a.can('read', c1)).toBe(true);
    expect(a.can('pay', c1)).toBe(true);
    expect(a.can('read', c2)).toBe(false);
    expect(a.can('read', 'Team')).toBe(false);
    expect(a.can('create', 'Client')).toBe(false);
    expect(a.can('create', 'Invitation')).toBe(false);
    expect(a.can('update', 'Consent')).toBe(true);
    expect(a.can('list', 'Client')).toBe(false);
    expect(a.can('update', c1)).toBe(false);
    expect(a.can('import', c1)).toBe(true);
    expect(a.can('read', 'Audit')).toBe(false);
    expect(a.can('answer', c1)).toBe(true);
    expect(a.can('answer', c2)).toBe(false);
  });

  it('lets only the client answer reconciliation questions (staff resolve instead)', () => {
    expect(defineAbilityFor(admin).can('answer', c1)).toBe(false);
    expect(defineAbilityFor(prep).can('answer', c1)).toBe(false);
  });
});
