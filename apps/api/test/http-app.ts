import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import type { SessionResponse, SignInResponse } from '@lotline/contracts';
import { createHttpApp } from '../src/bootstrap';
import type { Runtime } from '../src/common/runtime';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import type { JobQueue } from '../src/jobs/job-queue';
import { SecretBox } from '../src/secrets/secret-box';
import { createTestDatabase, type TestDatabase } from './test-database';

export const PASSWORD = 'correct horse battery staple';

/** Parsed JSON bodies in tests: assertions check their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply<T = Json> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
  /** The refresh cookie set by this response, if any ('' when cleared). */
  readonly refreshCookie: string | undefined;
  readonly setCookie: string | null;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly cookie?: string;
  readonly headers?: Record<string, string>;
}

/** The real HTTP app (createHttpApp) on a fresh test database, listening on a free port, with a settable clock. */
export class TestApp {
  private constructor(
    readonly db: TestDatabase,
    readonly app: INestApplication,
    readonly baseUrl: string,
    private readonly clockState: { now: Date },
  ) {}

  static async start(env: Record<string, string> = {}, now = new Date('2026-03-02T15:00:00Z'), jobs?: (databaseUrl: string, config: AppConfig) => Promise<JobQueue>): Promise<TestApp> {
    const db = await createTestDatabase();
    const clockState = { now };
    const config = loadConfig({ PORT: '0', LOTLINE_PORTAL_DIR: '/nonexistent-portal', LOG_LEVEL: 'error', PUBLIC_URL: 'http://portal.test', ...env }, tmpdir());
    const runtime: Runtime = {
      config,
      databaseUrl: db.url,
      secretBox: new SecretBox(randomBytes(32)),
      jobs: jobs ? await jobs(db.url, config) : ({} as JobQueue), // only tests that enqueue jobs pass a real queue
      version: 'test',
      now: () => new Date(clockState.now.getTime()),
    };
    const app = await createHttpApp(runtime);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new TestApp(db, app, `http://127.0.0.1:${port}`, clockState);
  }

  get now(): Date {
    return new Date(this.clockState.now.getTime());
  }

  advance(ms: number): void {
    this.clockState.now = new Date(this.clockState.now.getTime() + ms);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }

  async call<T = Json>(method: string, path: string, o: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers['authorization'] = `Bearer ${o.token}`;
    if (o.cookie) headers['cookie'] = `lotline_refresh=${o.cookie}`;
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const setCookie = res.headers.get('set-cookie');
    const m = setCookie ? /lotline_refresh=([^;]*)/.exec(setCookie) : null;
    return { status: res.status, body: parsed as T, text, headers: res.headers, refreshCookie: m ? m[1] : undefined, setCookie };
  }

  /** Calls and insists on `status` (the message shows the body when it differs). */
  async ok<T = Json>(status: number, method: string, path: string, o: CallOptions = {}): Promise<Reply<T>> {
    const r = await this.call<T>(method, path, o);
    if (r.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${r.status}: ${r.text}`);
    return r;
  }

  async signIn(email: string, password = PASSWORD): Promise<Session> {
    const r = await this.ok<SignInResponse>(200, 'POST', '/api/auth/sign-in', { body: { email, password } });
    if (r.body.kind !== 'session') throw new Error('expected a session, got a 2FA challenge');
    return { token: r.body.accessToken, user: r.body.user, cookie: r.refreshCookie ?? '' };
  }

  /** A firm with an admin, an invited+accepted preparer, an invited+accepted client assigned to the preparer, a
   * directly added client assigned to nobody, and a pending client invitation (client assigned to the preparer). */
  async createFirm(prefix: string): Promise<Firm> {
    const signUp = await this.ok<SessionResponse>(201, 'POST', '/api/auth/sign-up', {
      body: { firmName: `${prefix} Tax LLP`, displayName: `${prefix} Admin`, email: `admin@${prefix}.test`, password: PASSWORD },
    });
    const admin: Session = { token: signUp.body.accessToken, user: signUp.body.user, cookie: signUp.refreshCookie ?? '' };
    const prepInv = await this.ok(201, 'POST', '/api/invitations', { token: admin.token, body: { kind: 'preparer', email: `prep@${prefix}.test`, displayName: `${prefix} Preparer` } });
    const preparer = await this.acceptInvitation(tokenOf(prepInv.body.link), false);
    const clientInv = await this.ok(201, 'POST', '/api/invitations', { token: admin.token, body: { kind: 'client', email: `client@${prefix}.test`, displayName: `${prefix} Client` } });
    const clientId: string = clientInv.body.invitation.clientId;
    await this.ok(200, 'PUT', `/api/clients/${clientId}/preparers`, { token: admin.token, body: { userIds: [preparer.user.id] } });
    const client = await this.acceptInvitation(tokenOf(clientInv.body.link), true);
    const direct = await this.ok(201, 'POST', '/api/clients', { token: admin.token, body: { displayName: `${prefix} Direct` } });
    const pending = await this.ok(201, 'POST', '/api/invitations', { token: admin.token, body: { kind: 'client', email: `pending@${prefix}.test`, displayName: `${prefix} Pending` } });
    await this.ok(200, 'PUT', `/api/clients/${pending.body.invitation.clientId}/preparers`, { token: admin.token, body: { userIds: [preparer.user.id] } });
    return {
      admin,
      preparer,
      client,
      clientId,
      unassignedClientId: direct.body.id,
      pendingClientId: pending.body.invitation.clientId,
      pendingInvitationId: pending.body.invitation.id,
      pendingInvitationToken: tokenOf(pending.body.link),
      clientInvitationId: clientInv.body.invitation.id,
    };
  }

  /** Inserts an active staff member straight into the database (fast; for tests that need a target to change). */
  async addStaff(firmId: string, role: 'preparer' | 'firm_admin' = 'preparer'): Promise<string> {
    const [row]: { id: string }[] = await this.db.dataSource.query(
      `INSERT INTO app_user (firm_id, email, display_name, role, password_hash) VALUES ($1, $2, 'Extra Member', $3, 'x') RETURNING id`,
      [firmId, `extra-${randomBytes(6).toString('hex')}@staff.test`, role],
    );
    return row.id;
  }

  /** Every route the Nest app registered on Express, as "METHOD /path" (read from the router, not a hand list). */
  routes(): string[] {
    const express = this.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
    const stack = (express.router ?? express._router)?.stack ?? [];
    return stack
      .filter((l) => l.route)
      .flatMap((l) => Object.keys(l.route?.methods ?? {}).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${l.route?.path}`));
  }

  async acceptInvitation(token: string, consent: boolean, password = PASSWORD): Promise<Session> {
    const r = await this.ok<SessionResponse>(200, 'POST', '/api/invitations/accept', { body: { token, password, ...(consent ? { consent: true } : {}) } });
    return { token: r.body.accessToken, user: r.body.user, cookie: r.refreshCookie ?? '' };
  }
}

interface Layer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
}

export interface Session {
  readonly token: string;
  readonly user: SessionResponse['user'];
  readonly cookie: string;
}

export interface Firm {
  readonly admin: Session;
  readonly preparer: Session;
  readonly client: Session;
  /** The client with a login, assigned to the preparer. */
  readonly clientId: string;
  /** A directly added client, assigned to nobody. */
  readonly unassignedClientId: string;
  /** A client with a pending invitation, assigned to the preparer. */
  readonly pendingClientId: string;
  readonly pendingInvitationId: string;
  readonly pendingInvitationToken: string;
  readonly clientInvitationId: string;
}

export const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
