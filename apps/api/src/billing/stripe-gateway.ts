import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { StripeStatus } from '@lotline/contracts';
import { AppError } from '../common/all-exceptions.filter';
import { RUNTIME, type Runtime } from '../common/runtime';
import type { StripeConfig } from '../config/app-config';

export interface CheckoutRequest {
  /** Same key, same parameters: Stripe answers the session it already created instead of a second one. */
  readonly idempotencyKey: string;
  /** Whole cents as a decimal string (Stripe's unit_amount_decimal), never a JS number. */
  readonly amountCents: string;
  readonly productName: string;
  readonly successUrl: string;
  readonly cancelUrl: string;
  readonly customerEmail: string | null;
  readonly metadata: Readonly<Record<string, string>>;
}

/** The fields of a Checkout Session Lotline reads. */
export interface CheckoutSessionInfo {
  readonly id: string;
  readonly url: string | null;
  readonly status: string | null;
  readonly paymentStatus: string;
  readonly paymentIntentId: string | null;
  readonly expiresAt: Date | null;
}

/** Anything that looks like a Stripe key or signing secret is masked before a message leaves this file. */
export const scrubSecrets = (text: string): string => text.replace(/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9_*]+|\bwhsec_[A-Za-z0-9_+/=]+/g, '[redacted]');

/** Online checkout is available, or why not (plain words for the settings page and the client's pay button). */
export function stripeStatus(c: StripeConfig): StripeStatus {
  const mode = c.secretKey ? (/_live_/.test(c.secretKey) ? 'live' : 'test') : null;
  if (!c.secretKey) {
    return {
      configured: false,
      mode,
      reason: 'Online payment is not set up on this server (STRIPE_SECRET_KEY is not set), so only payments a firm admin records (comped or invoiced outside Lotline) are available.',
    };
  }
  if (!c.webhookSecret) {
    return {
      configured: false,
      mode,
      reason: 'STRIPE_WEBHOOK_SECRET is not set on this server, so Lotline could never learn that a checkout was paid: online payment is off and only firm-recorded payments are available.',
    };
  }
  return { configured: true, mode, reason: null };
}

/**
 * The one place that talks to Stripe (the official SDK). Keys come from the configuration and never appear in an
 * answer or a log line; SDK errors are turned into plain AppErrors.
 */
@Injectable()
export class StripeGateway {
  private readonly logger = new Logger('Stripe');
  private readonly config: StripeConfig;
  private readonly client: Stripe | null;
  readonly status: StripeStatus;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.config = runtime.config.stripe;
    this.status = stripeStatus(this.config);
    this.client =
      this.status.configured && this.config.secretKey
        ? new Stripe(this.config.secretKey, {
            maxNetworkRetries: 2,
            timeout: 20000,
            telemetry: false,
            appInfo: { name: 'Lotline' },
            ...(this.config.apiHost ? { host: this.config.apiHost } : {}),
            ...(this.config.apiPort ? { port: this.config.apiPort } : {}),
            ...(this.config.apiProtocol ? { protocol: this.config.apiProtocol } : {}),
          })
        : null;
  }

  async createCheckout(r: CheckoutRequest): Promise<CheckoutSessionInfo> {
    const s = await this.call('create the checkout', (c) =>
      c.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount_decimal: Stripe.Decimal.from(r.amountCents), product_data: { name: r.productName } } }],
          success_url: r.successUrl,
          cancel_url: r.cancelUrl,
          client_reference_id: r.metadata['payment_id'],
          metadata: { ...r.metadata },
          payment_intent_data: { metadata: { ...r.metadata } },
          ...(r.customerEmail ? { customer_email: r.customerEmail } : {}),
        },
        { idempotencyKey: r.idempotencyKey },
      ),
    );
    return info(s);
  }

  async retrieveCheckout(id: string): Promise<CheckoutSessionInfo> {
    return info(await this.call('read the checkout', (c) => c.checkout.sessions.retrieve(id)));
  }

  /** The Checkout Session that created this payment intent, or null (not a Checkout payment). */
  async sessionOfPaymentIntent(paymentIntentId: string): Promise<string | null> {
    const list = await this.call('find the checkout of a payment', (c) => c.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 }));
    return list.data[0]?.id ?? null;
  }

  /** Ends an open session so it can no longer be paid; answers the session as it is afterwards (or was, if already complete). */
  async expireCheckout(id: string): Promise<CheckoutSessionInfo> {
    try {
      return info(await this.call('expire the checkout', (c) => c.checkout.sessions.expire(id)));
    } catch (e) {
      // Stripe refuses to expire a session that is no longer open: read what it became instead.
      if (e instanceof AppError && e.status === 502) return this.retrieveCheckout(id);
      throw e;
    }
  }

  /** Verifies the Stripe-Signature header over the raw bytes; any mismatch is a 400 and nothing is processed. */
  verifyWebhook(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    if (!this.client || !this.config.webhookSecret) throw new AppError('VALIDATION_FAILED', 'Stripe webhooks are not configured on this server.', 400);
    if (!rawBody || rawBody.length === 0 || !signature) throw new AppError('VALIDATION_FAILED', 'A Stripe webhook needs a JSON body and a Stripe-Signature header.', 400);
    try {
      return this.client.webhooks.constructEvent(rawBody, signature, this.config.webhookSecret);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'The Stripe signature is not valid for this body.', 400);
    }
  }

  private async call<T>(what: string, fn: (c: Stripe) => Promise<T>): Promise<T> {
    if (!this.client) throw new AppError('CONFLICT', this.status.reason ?? 'Online payment is not available.', 409);
    try {
      return await fn(this.client);
    } catch (e) {
      const err = e as { type?: string; message?: string; statusCode?: number; code?: string };
      const message = scrubSecrets(err.message ?? String(e));
      this.logger.warn(`could not ${what}: ${err.type ?? 'error'} ${err.code ?? ''} ${message}`);
      if (err.type === 'StripeConnectionError' || (err.statusCode ?? 0) >= 500) {
        throw new AppError('INTERNAL', 'Stripe could not be reached. Nothing was charged; try again in a minute.', 503);
      }
      if (err.type === 'StripeAuthenticationError' || err.type === 'StripePermissionError') {
        throw new AppError('INTERNAL', 'Stripe refused this server\'s key: a firm admin should check STRIPE_SECRET_KEY.', 502);
      }
      throw new AppError('INTERNAL', `Stripe refused to ${what}: ${message}`, 502);
    }
  }
}

function info(s: Stripe.Checkout.Session): CheckoutSessionInfo {
  const pi = s.payment_intent;
  return {
    id: s.id,
    url: s.url ?? null,
    status: s.status ?? null,
    paymentStatus: s.payment_status,
    paymentIntentId: typeof pi === 'string' ? pi : (pi?.id ?? null),
    expiresAt: s.expires_at ? new Date(s.expires_at * 1000) : null,
  };
}
