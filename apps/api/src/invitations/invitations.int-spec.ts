import { CONSENT_VERSION } from '../clients/consent';
import { TestApp, PASSWORD, tokenOf, type Firm, type Json } from '../../test/http-app';

const DAY = 86_400_000;

describe('invitations and consent', () => {
  let t: TestApp;
  let f: Firm;
  const invite = (token: string, body: Json) => t.ok(201, 'POST', '/api/invitations', { token, body });
  const accept = (token: string, extra: Json = {}) => t.call('POST', '/api/invitations/accept', { body: { token, password: PASSWORD, consent: true, ...extra } });

  beforeAll(async () => {
    t = await TestApp.start();
    f = await t.createFirm('inv');
  });
  afterAll(() => t.close());

  it('returns a single-use portal link, stores only the token hash, and previews it publicly', async () => {
    const r = await invite(f.admin.token, { kind: 'client', email: 'dana@inv.test', displayName: 'Dana <b>Client</b>' });
    expect(r.body).toEqual({
      invitation: expect.objectContaining({ kind: 'client', email: 'dana@inv.test', status: 'pending', invitedBy: 'inv Admin', clientId: expect.any(String) }),
      link: expect.stringMatching(/^http:\/\/portal\.test\/accept-invitation\?token=[A-Za-z0-9_-]{43}$/),
      emailed: false,
    });
    expect(new Date(r.body.invitation.expiresAt).getTime() - t.now.getTime()).toBe(14 * DAY);
    const token = tokenOf(r.body.link);
    const [row] = await t.db.dataSource.query(`SELECT token_hash FROM invitation WHERE id = $1`, [r.body.invitation.id]);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(token);
    const preview = await t.ok(200, 'GET', `/api/invitations/preview/${token}`);
    expect(preview.body).toEqual({ firmName: 'inv Tax LLP', email: 'dana@inv.test', displayName: 'Dana <b>Client</b>', kind: 'client', consentText: expect.stringContaining('revoke'), consentVersion: CONSENT_VERSION });
  });

  it('requires consent from a client, then accepts once: the second use of the token is refused', async () => {
    const r = await invite(f.admin.token, { kind: 'client', email: 'erin@inv.test', displayName: 'Erin' });
    const token = tokenOf(r.body.link);
    const noConsent = await accept(token, { consent: undefined });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.details).toEqual([{ field: 'consent', message: 'consent must be true' }]);
    const weak = await accept(token, { password: 'password1234' });
    expect(weak.status).toBe(400);
    const ok = await accept(token);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ role: 'client', email: 'erin@inv.test', clientId: r.body.invitation.clientId });
    expect(ok.refreshCookie).toBeTruthy();
    const detail = await t.ok(200, 'GET', `/api/clients/${r.body.invitation.clientId}`, { token: ok.body.accessToken });
    expect(detail.body.consent).toEqual({ given: true, version: CONSENT_VERSION, at: t.now.toISOString(), revokedAt: null });
    expect(detail.body.hasLogin).toBe(true);
    const again = await accept(token);
    expect(again.status).toBe(404);
    expect((await t.call('GET', `/api/invitations/preview/${token}`)).status).toBe(404);
    const list = await t.ok(200, 'GET', '/api/invitations', { token: f.admin.token });
    expect(list.body.find((i: Json) => i.id === r.body.invitation.id).status).toBe('accepted');
  });

  it('expires after the firm\'s expiry days; resend issues a new link and kills the old one', async () => {
    await t.ok(200, 'PATCH', '/api/firm', { token: f.admin.token, body: { invitationExpiryDays: 3 } });
    const r = await invite(f.admin.token, { kind: 'preparer', email: 'pete@inv.test', displayName: 'Pete' });
    expect(new Date(r.body.invitation.expiresAt).getTime() - t.now.getTime()).toBe(3 * DAY);
    t.advance(3 * DAY + 1);
    const old = tokenOf(r.body.link);
    expect((await accept(old)).status).toBe(404);
    const admin = await t.signIn('admin@inv.test');
    expect((await t.ok(200, 'GET', '/api/invitations', { token: admin.token })).body.find((i: Json) => i.id === r.body.invitation.id).status).toBe('expired');
    const resent = await t.ok(200, 'POST', `/api/invitations/${r.body.invitation.id}/resend`, { token: admin.token });
    expect(resent.body.invitation.status).toBe('pending');
    expect(resent.body.link).not.toBe(r.body.link);
    expect((await accept(old)).status).toBe(404);
    const ok = await accept(tokenOf(resent.body.link));
    expect(ok.status).toBe(200);
    expect(ok.body.user.role).toBe('preparer');
    expect((await t.call('POST', `/api/invitations/${r.body.invitation.id}/resend`, { token: admin.token })).status).toBe(409);
  });

  it('lets exactly one of two simultaneous accepts of the same link win', async () => {
    const admin = await t.signIn('admin@inv.test');
    const r = await invite(admin.token, { kind: 'client', email: 'race@inv.test', displayName: 'Race' });
    const token = tokenOf(r.body.link);
    const results = await Promise.all([accept(token), accept(token)]);
    expect(results.map((x) => x.status).sort()).toEqual([200, 404]);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE lower(email) = 'race@inv.test'`);
    expect(n).toBe(1);
  });

  it('revokes: the link stops working and the invitation cannot be revoked or resent again', async () => {
    const admin = await t.signIn('admin@inv.test');
    const r = await invite(admin.token, { kind: 'client', email: 'rex@inv.test', displayName: 'Rex' });
    const revoked = await t.ok(200, 'POST', `/api/invitations/${r.body.invitation.id}/revoke`, { token: admin.token });
    expect(revoked.body.status).toBe('revoked');
    expect((await accept(tokenOf(r.body.link))).status).toBe(404);
    expect((await t.call('POST', `/api/invitations/${r.body.invitation.id}/revoke`, { token: admin.token })).status).toBe(409);
    expect((await t.call('POST', `/api/invitations/${r.body.invitation.id}/resend`, { token: admin.token })).status).toBe(409);
  });

  it('lets only a firm admin invite preparers; a preparer invites clients (and is assigned to them)', async () => {
    const prep = await t.signIn('prep@inv.test');
    const refused = await t.call('POST', '/api/invitations', { token: prep.token, body: { kind: 'preparer', email: 'x@inv.test', displayName: 'X' } });
    expect(refused.status).toBe(403);
    const r = await invite(prep.token, { kind: 'client', email: 'paula@inv.test', displayName: 'Paula' });
    const detail = await t.ok(200, 'GET', `/api/clients/${r.body.invitation.clientId}`, { token: prep.token });
    expect(detail.body.preparers.map((p: Json) => p.id)).toEqual([f.preparer.user.id]);
    expect(detail.body.status).toBe('invited');
    // A preparer cannot invite a login for a client they are not assigned to: 404, not 403.
    const foreign = await t.call('POST', '/api/invitations', { token: prep.token, body: { kind: 'client', email: 'q@inv.test', displayName: 'Q', clientId: f.unassignedClientId } });
    expect(foreign.status).toBe(404);
  });

  it('invites a login for a directly added client; refuses an email that already has an account on accept', async () => {
    const admin = await t.signIn('admin@inv.test');
    const direct = await t.ok(201, 'POST', '/api/clients', { token: admin.token, body: { displayName: 'Direct Dora' } });
    expect(direct.body).toMatchObject({ hasLogin: false, email: null, status: 'in_progress' });
    const r = await invite(admin.token, { kind: 'client', email: 'dora@inv.test', displayName: 'Dora', clientId: direct.body.id });
    expect(r.body.invitation.clientId).toBe(direct.body.id);
    const taken = await invite(admin.token, { kind: 'client', email: 'CLIENT@inv.test', displayName: 'Taken' });
    expect((await accept(tokenOf(taken.body.link))).status).toBe(409);
    const ok = await accept(tokenOf(r.body.link));
    expect(ok.body.user.clientId).toBe(direct.body.id);
    expect((await t.call('POST', '/api/invitations', { token: admin.token, body: { kind: 'client', email: 'z@inv.test', displayName: 'Z', clientId: direct.body.id } })).status).toBe(409);
  });

  it('lets the client revoke and re-give consent (audited); staff can read it but never change it', async () => {
    const client = await t.signIn('client@inv.test');
    const revoked = await t.ok(200, 'DELETE', `/api/clients/${f.clientId}/consent`, { token: client.token });
    expect(revoked.body.consent).toMatchObject({ given: false, version: CONSENT_VERSION, revokedAt: t.now.toISOString() });
    const admin = await t.signIn('admin@inv.test');
    expect((await t.ok(200, 'GET', `/api/clients/${f.clientId}`, { token: admin.token })).body.consent.given).toBe(false);
    expect((await t.call('POST', `/api/clients/${f.clientId}/consent`, { token: admin.token, body: { consentVersion: CONSENT_VERSION } })).status).toBe(403);
    expect((await t.call('POST', `/api/clients/${f.clientId}/consent`, { token: client.token, body: { consentVersion: '1999-01' } })).status).toBe(400);
    const given = await t.ok(200, 'POST', `/api/clients/${f.clientId}/consent`, { token: client.token, body: { consentVersion: CONSENT_VERSION } });
    expect(given.body.consent).toMatchObject({ given: true, revokedAt: null });
    const audit = await t.ok(200, 'GET', `/api/audit?action=consent.`, { token: admin.token });
    const actions = audit.body.items.filter((e: Json) => e.subjectId === f.clientId).map((e: Json) => e.action);
    expect(actions).toEqual(['consent.given', 'consent.revoked', 'consent.given']);
    const invAudit = await t.ok(200, 'GET', `/api/audit?action=invitation.`, { token: admin.token });
    expect(new Set(invAudit.body.items.map((e: Json) => e.action))).toEqual(new Set(['invitation.created', 'invitation.accepted', 'invitation.resent', 'invitation.revoked']));
  });
});
