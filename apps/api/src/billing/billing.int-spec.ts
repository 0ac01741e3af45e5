import { Logger, type LoggerService } from '@nestjs/common';
import Stripe from 'stripe';
import { StripeStub, type Json as StubJson } from '../../test/stripe-stub';
import { TestApp, type Firm, type Json } from '../../test/http-app';
import { BillingService } from './billing.service';

const SECRET_KEY = 'sk_test_51LotlineStubKey0123456789abcdefSECRET';
const WEBHOOK_SECRET = 'whsec_lotlineTestSigningSecret0123456789';
const HOOK = '/api/billing/stripe/webhook';

/** Every line any Nest logger writes, at every level. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private add = (...parts: unknown[]) => void this.lines.push(parts.map((p) => (p instanceof Error ? `${p.message} ${p.stack}` : typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  log = this.add;
  error = this.add;
  warn = this.add;
  debug = this.add;
  verbose = this.add;
  fatal = this.add;
}

describe('billing over HTTP (real stripe SDK against a local Stripe)', () => {
  const logs = new CapturingLogger();
  const consoleLines: string[] = [];
  let stub: StripeStub;
  let t: TestApp;
  let a: Firm;
  let b: Firm;

  beforeAll(async () => {
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    for (const stream of [process.stdout, process.stderr]) jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (consoleLines.push(String(chunk)), true));
    stub = await new StripeStub(SECRET_KEY).start();
    t = await TestApp.start({
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(stub.port),
      STRIPE_API_PROTOCOL: 'http',
      LOG_LEVEL: 'debug',
    });
    Logger.overrideLogger(logs);
    a = await t.createFirm('bia');
    b = await t.createFirm('bib');
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { reportPriceUsd: '49.00', payer: 'client' } });
    await t.ok(200, 'PATCH', '/api/firm', { token: b.admin.token, body: { reportPriceUsd: '99.50', payer: 'firm' } });
  });
  afterAll(async () => {
    await t.close();
    await stub.stop();
    jest.restoreAllMocks();
  });

  const billing = (clientId: string, year = 2025, token = a.admin.token) => t.ok(200, 'GET', `/api/clients/${clientId}/billing?taxYear=${year}`, { token }).then((r) => r.body);
  const checkout = (clientId: string, year: number, token: string) => t.call('POST', `/api/clients/${clientId}/billing/checkout`, { token, body: { taxYear: year } });
  const status = async (clientId: string, year: number) => (await t.ok(200, 'GET', `/api/clients/${clientId}?taxYear=${year}`, { token: a.admin.token })).body.status;
  const sessionOf = async (paymentId: string): Promise<string> => (await t.db.dataSource.query(`SELECT stripe_session_id FROM payment WHERE id = $1`, [paymentId]))[0].stripe_session_id;
  const eventCount = async () => (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM stripe_event`))[0].n as number;

  /** Delivers an event exactly as Stripe does: the JSON bytes, signed with the endpoint's secret. */
  async function deliver(event: StubJson, o: { secret?: string; payload?: string; signature?: string } = {}) {
    const payload = o.payload ?? JSON.stringify(event);
    const signature = o.signature ?? Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: o.secret ?? WEBHOOK_SECRET });
    return t.call('POST', HOOK, { rawBody: payload, headers: { 'stripe-signature': signature, 'content-type': 'application/json; charset=utf-8' } });
  }

  it('reports Stripe as configured in test mode, without ever sending the keys', async () => {
    const r = await t.ok(200, 'GET', '/api/billing/settings', { token: a.client.token });
    expect(r.body).toEqual({ reportPriceUsd: '49.00', payer: 'client', currency: 'usd', stripe: { configured: true, mode: 'test', reason: null } });
    expect(r.text).not.toContain('sk_test');
    expect(r.text).not.toContain('whsec_');
  });

  let firstPayment: string;
  let firstSession: string;

  it('creates one Checkout Session for the client (mode payment, the effective price, metadata, idempotency key) and hands it out again', async () => {
    const before = await billing(a.clientId, 2025, a.client.token);
    expect(before).toMatchObject({ priceUsd: '49.00', priceSource: 'firm', payer: 'client', canCheckout: true, payments: [], entitlement: { paid: false, reason: 'Not paid yet: the 2025 report costs $49.00.', paymentId: null } });
    const r = await checkout(a.clientId, 2025, a.client.token);
    expect(r.status).toBe(201);
    expect(r.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    firstPayment = r.body.paymentId;
    firstSession = await sessionOf(firstPayment);
    const call = stub.requests.find((q) => q.method === 'POST' && q.path === '/v1/checkout/sessions') as (typeof stub.requests)[number];
    expect(call.headers['idempotency-key']).toBe(`lotline-checkout-${a.clientId}-2025-0`);
    expect(call.params).toMatchObject({
      mode: 'payment',
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount_decimal: '4900', product_data: { name: 'Crypto tax report 2025 for bia Client' } } }],
      metadata: { payment_id: firstPayment, firm_id: a.admin.user.firmId, client_id: a.clientId, tax_year: '2025' },
      customer_email: 'client@bia.test',
    });
    expect(call.params['success_url']).toBe(`http://portal.test/billing/return?clientId=${a.clientId}&taxYear=2025&session_id={CHECKOUT_SESSION_ID}`);
    const again = await checkout(a.clientId, 2025, a.client.token);
    expect(again.body).toEqual(r.body);
    expect(stub.created).toBe(1);
    const after = await billing(a.clientId, 2025, a.client.token);
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({ id: firstPayment, status: 'pending', method: 'stripe_checkout', amountUsd: '49.00', currency: 'usd' });
    expect(after.entitlement.paid).toBe(false);
  });

  it('creates at most one session when the same report is paid for concurrently', async () => {
    stub.createDelayMs = 150;
    const created = stub.created;
    const replies = await Promise.all([0, 1, 2, 3, 4].map(() => checkout(a.unassignedClientId, 2024, a.admin.token)));
    stub.createDelayMs = 0;
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.url)).size).toBe(1);
    expect(stub.created).toBe(created + 1);
    const rows = await t.db.dataSource.query(`SELECT status FROM payment WHERE client_id = $1 AND tax_year = 2024`, [a.unassignedClientId]);
    expect(rows).toEqual([{ status: 'pending' }]);
  });

  it('refuses a webhook whose signature does not match (wrong secret, tampered body, missing header) with 400, storing nothing', async () => {
    const event = stub.event('checkout.session.completed', { ...stub.session(firstSession), status: 'complete', payment_status: 'paid', payment_intent: 'pi_forged' });
    expect((await deliver(event, { secret: 'whsec_notTheEndpointSecret' })).status).toBe(400);
    expect((await deliver(event, { payload: JSON.stringify({ ...event, id: 'evt_other' }) })).status).toBe(400);
    const missing = await t.call('POST', HOOK, { rawBody: JSON.stringify(event) });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/Stripe-Signature/);
    expect(await eventCount()).toBe(0);
    expect((await billing(a.clientId)).payments[0].status).toBe('pending');
    // Signed, but about a checkout Lotline never started: acknowledged, nothing stored.
    const foreign = await deliver(stub.event('checkout.session.completed', { id: 'cs_test_elsewhere', object: 'checkout.session', payment_status: 'paid', payment_intent: 'pi_elsewhere' }));
    expect(foreign.body).toEqual({ received: true, duplicate: false, outcome: 'not a Lotline payment' });
    expect(await eventCount()).toBe(0);
  });

  it('marks the report paid on checkout.session.completed (paid): entitlement, Paid status, audit', async () => {
    const r = await deliver(stub.event('checkout.session.completed', stub.complete(firstSession)));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: true, duplicate: false, outcome: 'pending -> paid' });
    const after = await billing(a.clientId, 2025, a.client.token);
    expect(after.payments[0]).toMatchObject({ id: firstPayment, status: 'paid' });
    expect(after.entitlement).toEqual({ paid: true, reason: null, paymentId: firstPayment });
    expect(after.canCheckout).toBe(false);
    expect(await status(a.clientId, 2025)).toBe('paid');
    expect(await t.app.get(BillingService).entitlement(a.admin.user.firmId, a.clientId, 2025)).toEqual({ paid: true, reason: null, paymentId: firstPayment });
    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    expect(audit.body.items.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['billing.checkout_started', 'billing.payment_paid']));
  });

  it('answers 409 to a new checkout of a paid report, and to recording a payment for it', async () => {
    const r = await checkout(a.clientId, 2025, a.client.token);
    expect(r.status).toBe(409);
    expect(r.body.message).toBe('The 2025 report is already paid.');
    const rec = await t.call('POST', `/api/clients/${a.clientId}/billing/payments`, { token: a.admin.token, body: { taxYear: 2025, method: 'comped', note: 'again' } });
    expect(rec.status).toBe(409);
    expect(stub.created).toBe(2);
  });

  it('processes each event id once: duplicates and replays (re-signed later) change nothing', async () => {
    const event = stub.event('checkout.session.async_payment_failed', stub.session(firstSession));
    const first = await deliver(event);
    expect(first.body).toMatchObject({ duplicate: false, outcome: 'no change (paid)' });
    const count = await eventCount();
    const dup = await deliver(event);
    expect(dup.status).toBe(200);
    expect(dup.body).toMatchObject({ duplicate: true });
    const replay = await deliver(event, { signature: Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) + 1 }) });
    expect(replay.body).toMatchObject({ duplicate: true });
    expect(await eventCount()).toBe(count);
    expect((await billing(a.clientId)).payments[0].status).toBe('paid');
  });

  it('a full refund revokes the entitlement for new generations; the firm sees it; the year goes back to In review', async () => {
    const charge = stub.refundedCharge(firstSession);
    const refundEvent = stub.event('charge.refunded', charge, Math.floor(Date.UTC(2026, 2, 4, 12) / 1000));
    const r = await deliver(refundEvent);
    expect(r.body).toMatchObject({ outcome: 'full refund: paid -> refunded' });
    const after = await billing(a.clientId, 2025, a.admin.token);
    expect(after.payments[0]).toMatchObject({ status: 'refunded', refundedAt: '2026-03-04T12:00:00.000Z' });
    expect(after.entitlement).toEqual({ paid: false, reason: 'Payment refunded on 2026-03-04.', paymentId: firstPayment });
    expect(await t.app.get(BillingService).entitlement(a.admin.user.firmId, a.clientId, 2025)).toEqual(after.entitlement);
    expect(await status(a.clientId, 2025)).toBe('in_review');
    // A late re-delivery of the completion (its own event id) cannot bring the entitlement back.
    await deliver(stub.event('checkout.session.completed', stub.session(firstSession)));
    expect((await billing(a.clientId)).entitlement.paid).toBe(false);
    // After a refund the client may pay again.
    expect((await billing(a.clientId, 2025, a.client.token)).canCheckout).toBe(true);
  });

  it('converges when the refund arrives before the completion (out of order): refunded, never paid', async () => {
    const r = await checkout(a.clientId, 2023, a.client.token);
    const session = await sessionOf(r.body.paymentId);
    const completed = stub.event('checkout.session.completed', stub.complete(session));
    const refund = stub.event('charge.refunded', stub.refundedCharge(session));
    expect((await deliver(refund)).body.outcome).toBe('full refund: pending -> refunded');
    expect((await billing(a.clientId, 2023)).payments[0].status).toBe('refunded');
    expect((await deliver(completed)).body.outcome).toBe('no change (refunded)');
    const after = await billing(a.clientId, 2023);
    expect(after.payments[0]).toMatchObject({ status: 'refunded' });
    expect(after.entitlement.paid).toBe(false);
    expect(await status(a.clientId, 2023)).not.toBe('paid');
    // Same deliveries again, in the other order: nothing moves.
    expect((await deliver(completed)).body.duplicate).toBe(true);
    expect((await deliver(refund)).body.duplicate).toBe(true);
    expect((await billing(a.clientId, 2023)).payments[0].status).toBe('refunded');
  });

  it('keeps a delayed payment pending until it settles, then paid', async () => {
    const [row] = await t.db.dataSource.query(`SELECT stripe_session_id FROM payment WHERE client_id = $1 AND tax_year = 2024`, [a.unassignedClientId]);
    const session: string = row.stripe_session_id;
    expect((await deliver(stub.event('checkout.session.completed', stub.complete(session, 'unpaid')))).body.outcome).toBe('no change (pending)');
    expect((await billing(a.unassignedClientId, 2024)).payments[0].status).toBe('pending');
    expect((await deliver(stub.event('checkout.session.async_payment_succeeded', stub.settle(session)))).body.outcome).toBe('pending -> paid');
    expect((await billing(a.unassignedClientId, 2024)).entitlement.paid).toBe(true);
  });

  it('confirms a paid checkout from the return page by reading the session back from Stripe (the webhook may be late)', async () => {
    const r = await checkout(a.pendingClientId, 2024, a.admin.token);
    const session = await sessionOf(r.body.paymentId);
    const confirm = (token: string, body: Json, client = a.pendingClientId) => t.call('POST', `/api/clients/${client}/billing/checkout/confirm`, { token, body });
    // Still open at Stripe: nothing changes.
    expect((await confirm(a.admin.token, { taxYear: 2024, sessionId: session })).body.payments[0].status).toBe('pending');
    stub.complete(session);
    expect((await confirm(b.admin.token, { taxYear: 2024, sessionId: session })).status).toBe(404);
    expect((await confirm(a.admin.token, { taxYear: 2023, sessionId: session })).status).toBe(404);
    expect((await confirm(a.client.token, { taxYear: 2024, sessionId: session }, a.clientId)).status).toBe(404);
    expect((await confirm(a.admin.token, { taxYear: 2024, sessionId: 'not-a-session' })).status).toBe(400);
    const ok = await confirm(a.admin.token, { taxYear: 2024, sessionId: session });
    expect(ok.status).toBe(200);
    expect(ok.body.payments[0]).toMatchObject({ status: 'paid' });
    expect(ok.body.entitlement.paid).toBe(true);
    expect(await status(a.pendingClientId, 2024)).toBe('paid');
    // The webhook arrives later and changes nothing.
    expect((await deliver(stub.event('checkout.session.completed', stub.session(session)))).body.outcome).toBe('no change (paid)');
  });

  it('verifies the signature over the exact bytes Stripe sent (pretty-printed JSON, not re-serialised)', async () => {
    const r = await checkout(b.unassignedClientId, 2024, b.admin.token);
    const session = await sessionOf(r.body.paymentId);
    const payload = JSON.stringify(stub.event('checkout.session.expired', { ...stub.session(session), status: 'expired', url: null }), null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const res = await t.call('POST', HOOK, { rawBody: payload, headers: { 'stripe-signature': signature, 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('pending -> failed');
    const after = await billing(b.unassignedClientId, 2024, b.admin.token);
    expect(after.payments[0]).toMatchObject({ status: 'failed', failureReason: 'The checkout expired without a payment.' });
    expect(after.canCheckout).toBe(true);
  });

  it('replaces an open checkout when the price changed: the old session is expired at Stripe first', async () => {
    const first = await checkout(b.clientId, 2024, b.admin.token);
    const oldSession = await sessionOf(first.body.paymentId);
    await t.ok(200, 'PATCH', `/api/clients/${b.clientId}`, { token: b.admin.token, body: { reportPriceOverrideUsd: '120.00' } });
    const second = await checkout(b.clientId, 2024, b.admin.token);
    expect(second.status).toBe(201);
    expect(second.body.url).not.toBe(first.body.url);
    expect(stub.session(oldSession)['status']).toBe('expired');
    const rows = await t.db.dataSource.query(`SELECT status, amount_usd::text AS amount FROM payment WHERE client_id = $1 AND tax_year = 2024 ORDER BY seq`, [b.clientId]);
    expect(rows).toEqual([{ status: 'failed', amount: '99.50' }, { status: 'pending', amount: '120.00' }]);
    await t.ok(200, 'PATCH', `/api/clients/${b.clientId}`, { token: b.admin.token, body: { reportPriceOverrideUsd: null } });
  });

  it('lets only a firm admin record a comped / invoiced payment with a note; an open checkout is expired at Stripe first', async () => {
    const path = `/api/clients/${a.clientId}/billing/payments`;
    const body = { taxYear: 2025, method: 'invoiced_outside', note: 'Invoice 2026-017, paid by wire' };
    expect((await t.call('POST', path, { token: a.preparer.token, body })).status).toBe(403);
    expect((await t.call('POST', path, { token: a.client.token, body })).status).toBe(403);
    expect((await t.call('POST', path, { token: b.admin.token, body })).status).toBe(404);
    expect((await t.call('POST', path, { token: a.admin.token, body: { ...body, note: '   ' } })).status).toBe(400);
    expect((await t.call('POST', path, { token: a.admin.token, body: { taxYear: 2025, method: 'invoiced_outside' } })).status).toBe(400);
    expect((await t.call('POST', path, { token: a.admin.token, body: { ...body, method: 'stripe_checkout' } })).status).toBe(400);
    // The client started a new checkout after the refund; recording the payment ends it so it can never be paid too.
    const open = await checkout(a.clientId, 2025, a.client.token);
    const session = await sessionOf(open.body.paymentId);
    const r = await t.ok(201, 'POST', path, { token: a.admin.token, body });
    expect(stub.session(session)['status']).toBe('expired');
    expect(r.body.entitlement).toMatchObject({ paid: true, reason: null });
    expect(r.body.payments.map((p: Json) => [p.method, p.status])).toEqual([
      ['invoiced_outside', 'paid'],
      ['stripe_checkout', 'failed'],
      ['stripe_checkout', 'refunded'],
    ]);
    expect(r.body.payments[0]).toMatchObject({ amountUsd: '49.00', note: 'Invoice 2026-017, paid by wire', createdByName: 'bia Admin' });
    expect(await status(a.clientId, 2025)).toBe('paid');
    const comped = await t.ok(201, 'POST', `/api/clients/${a.pendingClientId}/billing/payments`, { token: a.admin.token, body: { taxYear: 2025, method: 'comped', note: 'Family of a partner' } });
    expect(comped.body.payments[0]).toMatchObject({ method: 'comped', amountUsd: '0.00', status: 'paid' });
    const audit = await t.ok(200, 'GET', '/api/audit?pageSize=200', { token: a.admin.token });
    expect(audit.body.items.filter((e: Json) => e.action === 'billing.payment_recorded')).toHaveLength(2);
  });

  it('keeps billing inside the firm and the assignment: 404 for other firms, unassigned clients and other clients', async () => {
    expect((await t.call('GET', `/api/clients/${a.clientId}/billing`, { token: b.admin.token })).status).toBe(404);
    expect((await checkout(a.clientId, 2025, b.client.token)).status).toBe(404);
    expect((await checkout(b.clientId, 2025, a.admin.token)).status).toBe(404);
    expect((await t.call('GET', `/api/clients/${a.unassignedClientId}/billing`, { token: a.preparer.token })).status).toBe(404);
    expect((await t.call('GET', `/api/clients/${a.unassignedClientId}/billing`, { token: a.client.token })).status).toBe(404);
    const prep = await billing(a.clientId, 2025, a.preparer.token);
    expect(prep).toMatchObject({ canCheckout: false });
    expect((await checkout(a.clientId, 2024, a.preparer.token)).status).toBe(403);
  });

  it('when the firm pays, the client has nothing to pay (409 with the reason) and the admin can check out', async () => {
    const mine = await billing(b.clientId, 2025, b.client.token);
    expect(mine).toMatchObject({ priceUsd: '99.50', payer: 'firm', canCheckout: false, checkoutUnavailableReason: 'bib Tax LLP pays for your report: there is nothing for you to pay.' });
    const refused = await checkout(b.clientId, 2025, b.client.token);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('bib Tax LLP pays for your report: there is nothing for you to pay.');
    const ok = await checkout(b.clientId, 2025, b.admin.token);
    expect(ok.status).toBe(201);
    const call = stub.requests.filter((q) => q.method === 'POST' && q.path === '/v1/checkout/sessions').at(-1) as (typeof stub.requests)[number];
    expect(call.params).toMatchObject({ line_items: [{ price_data: { unit_amount_decimal: '9950' } }] });
  });

  it('uses the per-client price override, and says so when it is below what Stripe can charge', async () => {
    await t.ok(200, 'PATCH', `/api/clients/${b.unassignedClientId}`, { token: b.admin.token, body: { reportPriceOverrideUsd: '0.40' } });
    const r = await billing(b.unassignedClientId, 2025, b.admin.token);
    expect(r).toMatchObject({ priceUsd: '0.40', priceSource: 'client', canCheckout: false });
    expect(r.checkoutUnavailableReason).toMatch(/less than \$0\.50/);
    await t.ok(200, 'PATCH', `/api/clients/${b.unassignedClientId}`, { token: b.admin.token, body: { reportPriceOverrideUsd: '0' } });
    expect(await billing(b.unassignedClientId, 2025, b.admin.token)).toMatchObject({ priceUsd: '0.00', canCheckout: false, entitlement: { paid: true, reason: null, paymentId: null } });
  });

  it('answers a clear error when Stripe fails, storing nothing', async () => {
    // The SDK retries a 5xx (with the same idempotency key): every attempt fails here.
    for (let i = 0; i < 3; i++) stub.failNext.push({ status: 500, type: 'api_error', message: 'boom' });
    const r = await checkout(b.pendingClientId, 2025, b.admin.token);
    expect(r.status).toBe(503);
    expect(r.body.message).toBe('Stripe could not be reached. Nothing was charged; try again in a minute.');
    expect(await t.db.dataSource.query(`SELECT id FROM payment WHERE client_id = $1`, [b.pendingClientId])).toEqual([]);
    expect((await checkout(b.pendingClientId, 2025, b.admin.token)).status).toBe(201);
  });

  it('never writes the Stripe keys to a response, a log line, the audit log or the event log', async () => {
    const dump = JSON.stringify(await t.db.dataSource.query(`SELECT * FROM audit_event`)) + JSON.stringify(await t.db.dataSource.query(`SELECT * FROM stripe_event`)) + JSON.stringify(await t.db.dataSource.query(`SELECT * FROM payment`));
    const everything = [...logs.lines, ...consoleLines].join('\n');
    expect(logs.lines.some((l) => l.includes('charge.refunded'))).toBe(true); // the capture did see the webhooks
    for (const secret of [SECRET_KEY, WEBHOOK_SECRET, SECRET_KEY.slice(8)]) {
      expect(dump).not.toContain(secret);
      expect(everything).not.toContain(secret);
    }
  });
});

describe('billing without Stripe keys (the embedded default)', () => {
  let t: TestApp;
  let a: Firm;

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createFirm('bnk');
    await t.ok(200, 'PATCH', '/api/firm', { token: a.admin.token, body: { reportPriceUsd: '25' } });
  });
  afterAll(() => t.close());

  it('says why online payment is unavailable, refuses checkout with 409, and still lets an admin record a payment', async () => {
    const s = await t.ok(200, 'GET', '/api/billing/settings', { token: a.admin.token });
    expect(s.body.stripe).toEqual({ configured: false, mode: null, reason: expect.stringMatching(/STRIPE_SECRET_KEY is not set.*only payments a firm admin records/) });
    const mine = await t.ok(200, 'GET', `/api/clients/${a.clientId}/billing?taxYear=2025`, { token: a.client.token });
    expect(mine.body).toMatchObject({ priceUsd: '25.00', canCheckout: false, checkoutUnavailableReason: s.body.stripe.reason });
    const r = await t.call('POST', `/api/clients/${a.clientId}/billing/checkout`, { token: a.client.token, body: { taxYear: 2025 } });
    expect(r.status).toBe(409);
    expect(r.body.message).toBe(s.body.stripe.reason);
    const hook = await t.call('POST', HOOK, { rawBody: '{"id":"evt_1"}', headers: { 'stripe-signature': 't=1,v1=00' } });
    expect(hook.status).toBe(400);
    await t.ok(201, 'POST', `/api/clients/${a.clientId}/billing/payments`, { token: a.admin.token, body: { taxYear: 2025, method: 'comped', note: 'Pro bono' } });
    expect((await t.ok(200, 'GET', `/api/clients/${a.clientId}?taxYear=2025`, { token: a.client.token })).body.status).toBe('paid');
  });
});
