import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Stripe API for tests, speaking the shapes of Stripe's API reference for the calls Lotline makes: create,
 * retrieve, list (by payment_intent) and expire Checkout Sessions (form-encoded bodies, Bearer key, Idempotency-Key replay: same key and same
 * parameters answer the same session, different parameters answer an idempotency_error). The real `stripe` SDK talks
 * to it through its host/port/protocol options. Helpers build the objects Stripe's events carry (a completed session,
 * a refunded charge) so tests can sign and deliver them.
 */
export type Json = Record<string, unknown>;

export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Json;
  readonly headers: Record<string, string | string[] | undefined>;
}

const API_VERSION = '2026-10-28.endive';
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Stripe's form encoding (a[b][0][c]=v) back into nested objects and arrays. */
export function parseForm(body: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

export class StripeStub {
  readonly requests: StubRequest[] = [];
  readonly sessions = new Map<string, Json>();
  /** Idempotency-Key -> the parameters and the session it created. */
  private readonly idempotent = new Map<string, { params: string; sessionId: string }>();
  /** Latency of session creation (a real API takes time: widens the window concurrent requests race in). */
  createDelayMs = 0;
  /** The next session creations answer this error (status, type, message). */
  failNext: { status: number; type: string; message: string }[] = [];
  private server: Server | undefined;
  baseUrl = '';
  port = 0;

  constructor(readonly secretKey: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Sessions actually created (idempotent replays not counted). */
  get created(): number {
    return this.sessions.size;
  }

  /** The customer pays (or starts a delayed payment method): the session Stripe would send in checkout.session.completed. */
  complete(sessionId: string, paymentStatus: 'paid' | 'unpaid' = 'paid'): Json {
    const s = this.session(sessionId);
    Object.assign(s, { status: 'complete', payment_status: paymentStatus, payment_intent: (s['payment_intent'] as string | null) ?? id('pi'), url: null });
    return { ...s };
  }

  /** A delayed payment settles: the session of checkout.session.async_payment_succeeded. */
  settle(sessionId: string): Json {
    return { ...Object.assign(this.session(sessionId), { payment_status: 'paid' }) };
  }

  /** The full refund of a session's payment: the charge object of charge.refunded. */
  refundedCharge(sessionId: string, full = true): Json {
    const s = this.session(sessionId);
    const amount = Number(s['amount_total']);
    return {
      id: id('ch'),
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: full ? amount : Math.floor(amount / 2),
      captured: true,
      currency: 'usd',
      livemode: false,
      metadata: {},
      paid: true,
      payment_intent: s['payment_intent'],
      refunded: full,
      status: 'succeeded',
      created: Math.floor(Date.now() / 1000),
    };
  }

  /** An event envelope as Stripe delivers it to a webhook endpoint. */
  event(type: string, object: Json, created = Math.floor(Date.now() / 1000)): Json {
    return {
      id: id('evt'),
      object: 'event',
      api_version: API_VERSION,
      created,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
  }

  session(sessionId: string): Json {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    return s;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    const params = req.method === 'GET' ? parseForm(url.search.slice(1)) : parseForm(body);
    this.requests.push({ method: req.method ?? '', path: url.pathname, params, headers: req.headers });
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(json));
    };
    const error = (status: number, type: string, message: string, extra: Json = {}) => reply(status, { error: { type, message, ...extra } });
    if (req.headers['authorization'] !== `Bearer ${this.secretKey}`) {
      return error(401, 'invalid_request_error', `Invalid API Key provided: ${String(req.headers['authorization'] ?? '').slice(7, 15)}****`);
    }
    const m = /^\/v1\/checkout\/sessions(?:\/([^/]+))?(\/expire)?$/.exec(url.pathname);
    if (!m) return error(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname}).`);
    const [, sessionId, expire] = m;
    if (req.method === 'POST' && !sessionId) return this.create(req, params, reply, error);
    if (req.method === 'GET' && !sessionId) {
      const data = [...this.sessions.values()].filter((x) => !params['payment_intent'] || x['payment_intent'] === params['payment_intent']).slice(0, Number(params['limit'] ?? 10));
      return reply(200, { object: 'list', data, has_more: false, url: '/v1/checkout/sessions' });
    }
    const s = sessionId ? this.sessions.get(decodeURIComponent(sessionId)) : undefined;
    if (!s) return error(404, 'invalid_request_error', `No such checkout.session: '${sessionId}'`, { code: 'resource_missing', param: 'session' });
    if (req.method === 'GET' && !expire) return reply(200, s);
    if (req.method === 'POST' && expire) {
      if (s['status'] !== 'open') return error(400, 'invalid_request_error', 'Only Checkout Sessions with a status in ["open"] can be expired.', { code: 'checkout_session_not_open' });
      Object.assign(s, { status: 'expired', url: null });
      return reply(200, s);
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname}).`);
  }

  private async create(req: IncomingMessage, params: Json, reply: (s: number, j: unknown) => void, error: (s: number, t: string, m: string, e?: Json) => void): Promise<void> {
    const key = req.headers['idempotency-key'] as string | undefined;
    const canonical = JSON.stringify(params);
    if (key && this.idempotent.has(key)) {
      const prior = this.idempotent.get(key) as { params: string; sessionId: string };
      if (prior.params !== canonical) {
        return error(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`);
      }
      return reply(200, this.sessions.get(prior.sessionId));
    }
    const failure = this.failNext.shift();
    if (failure) return error(failure.status, failure.type, failure.message);
    if (this.createDelayMs > 0) await new Promise((r) => setTimeout(r, this.createDelayMs)); // simulated API latency
    const item = ((params['line_items'] as Json[] | undefined) ?? [])[0] as Json | undefined;
    const priceData = (item?.['price_data'] ?? {}) as Json;
    const cents = String(priceData['unit_amount_decimal'] ?? priceData['unit_amount'] ?? '');
    if (params['mode'] !== 'payment' || !/^\d+$/.test(cents) || !params['success_url']) {
      return error(400, 'invalid_request_error', 'Missing required param: line_items[0][price_data][unit_amount].', { param: 'line_items' });
    }
    if (Number(cents) < 50) return error(400, 'invalid_request_error', 'The Checkout Session\'s total amount due must add up to at least $0.50 usd', { code: 'amount_too_small' });
    const sessionId = `cs_test_${randomBytes(24).toString('hex')}`;
    const now = Math.floor(Date.now() / 1000);
    const session: Json = {
      id: sessionId,
      object: 'checkout.session',
      amount_subtotal: Number(cents),
      amount_total: Number(cents),
      cancel_url: params['cancel_url'],
      client_reference_id: params['client_reference_id'] ?? null,
      created: now,
      currency: String(priceData['currency'] ?? 'usd'),
      customer: null,
      customer_email: params['customer_email'] ?? null,
      expires_at: now + 24 * 3600,
      livemode: false,
      metadata: params['metadata'] ?? {},
      mode: 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: params['success_url'],
      url: `https://checkout.stripe.test/c/pay/${sessionId}`,
    };
    this.sessions.set(sessionId, session);
    if (key) this.idempotent.set(key, { params: canonical, sessionId });
    reply(200, session);
  }
}
