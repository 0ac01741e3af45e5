import { csvCell } from './csv';
import { TestApp, type Firm, type Json } from '../../test/http-app';

describe('audit log: append-only, context columns, filters, CSV export', () => {
  let t: TestApp;
  let f: Firm;
  beforeAll(async () => {
    t = await TestApp.start();
    f = await t.createFirm('aud');
  });
  afterAll(() => t.close());

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`);
    expect(n).toBeGreaterThan(3);
    await expect(t.db.dataSource.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.db.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    const [{ m }] = await t.db.dataSource.query(`SELECT count(*)::int AS m FROM audit_event`);
    expect(m).toBe(n);
  });

  it('records ip, user agent and the response correlation id, and role/assignment changes with before/after', async () => {
    const extra = await t.addStaff(f.admin.user.firmId);
    const r = await t.ok(200, 'PATCH', `/api/team/${extra}`, { token: f.admin.token, body: { role: 'firm_admin' }, headers: { 'user-agent': 'AuditTest/1.0', 'x-correlation-id': 'corr-123' } });
    expect(r.headers.get('x-correlation-id')).toBe('corr-123');
    await t.ok(200, 'PUT', `/api/clients/${f.unassignedClientId}/preparers`, { token: f.admin.token, body: { userIds: [f.preparer.user.id, extra] } });
    const roles = await t.ok(200, 'GET', '/api/audit?action=user.role_changed', { token: f.admin.token });
    expect(roles.body.items).toEqual([
      expect.objectContaining({ action: 'user.role_changed', subjectType: 'user', subjectId: extra, actor: { id: f.admin.user.id, displayName: 'aud Admin' }, summary: { before: { role: 'preparer' }, after: { role: 'firm_admin' } }, ip: expect.stringContaining('127.0.0.1'), userAgent: 'AuditTest/1.0', correlationId: 'corr-123' }),
    ]);
    const assign = await t.ok(200, 'GET', '/api/audit?action=client.preparers_changed', { token: f.admin.token });
    expect(assign.body.items[0].summary).toEqual({ before: { preparerIds: [] }, after: { preparerIds: [f.preparer.user.id, extra].sort() } });
  });

  it('filters by actor and time range and paginates newest first', async () => {
    const byClient = await t.ok(200, 'GET', `/api/audit?actorId=${f.client.user.id}`, { token: f.admin.token });
    expect(byClient.body.items.length).toBeGreaterThan(0);
    expect(byClient.body.items.every((e: Json) => e.actor?.id === f.client.user.id)).toBe(true);
    const page1 = await t.ok(200, 'GET', '/api/audit?pageSize=2&page=1', { token: f.admin.token });
    const page2 = await t.ok(200, 'GET', '/api/audit?pageSize=2&page=2', { token: f.admin.token });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.total).toBe(page2.body.total);
    expect(Number(page1.body.items[1].id)).toBeGreaterThan(Number(page2.body.items[0].id));
    const future = await t.ok(200, 'GET', `/api/audit?from=${new Date(t.now.getTime() + 60_000).toISOString()}`, { token: f.admin.token });
    expect(future.body).toMatchObject({ items: [], total: 0 });
    const past = await t.ok(200, 'GET', `/api/audit?to=${new Date(t.now.getTime() + 60_000).toISOString()}`, { token: f.admin.token });
    expect(past.body.total).toBe(page1.body.total);
  });

  it('neutralises spreadsheet formulas in CSV cells and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('exports the filtered log as CSV with formula injection neutralised', async () => {
    await t.ok(201, 'POST', '/api/clients', { token: f.admin.token, body: { displayName: '=cmd|\' /C calc\'!A0' } });
    const r = await t.ok(200, 'GET', '/api/audit.csv?action=client.created', { token: f.admin.token });
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log.csv"/);
    const lines = r.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor_id,actor,action,subject_type,subject_id,summary,ip,user_agent,correlation_id');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).every((l) => l.includes(',client.created,'))).toBe(true);
    // The JSON summary cell starts with "{", so it is not a formula; no cell anywhere starts with a bare "=".
    expect(r.text).toContain('=cmd|');
    expect(r.text.split(/[\r\n]+/).flatMap((l) => l.split(',')).some((cell) => /^[=+@]/.test(cell))).toBe(false);
    const withName = await t.ok(200, 'GET', '/api/audit.csv', { token: f.admin.token, headers: { 'user-agent': '=2+5' } });
    expect(withName.text).toContain('aud Admin');
  });
});
