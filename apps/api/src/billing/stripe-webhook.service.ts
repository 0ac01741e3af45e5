import { Inject, Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock';
import { BillingRepository, type PaymentRow } from './billing.repository';
import { PaymentTransitions, sessionTarget } from './payment-transitions';
import { StripeGateway } from './stripe-gateway';

/** The fields of a Checkout Session or a Charge that the events below carry. */
interface StripeObject {
  readonly id?: string;
  readonly status?: string | null;
  readonly payment_status?: string;
  readonly payment_intent?: string | { readonly id: string } | null;
  readonly refunded?: boolean;
  readonly amount_refunded?: number;
}

const SESSION_EVENTS = ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired'];

export interface WebhookResult {
  readonly received: true;
  readonly duplicate: boolean;
  readonly outcome: string;
}

/**
 * Stripe webhook deliveries. The signature is verified over the raw bytes first (400 and nothing stored otherwise).
 * Each delivery is tied to its Lotline payment (by checkout session, else by payment intent, else by asking Stripe which
 * session the payment intent came from) and processed under that payment's row lock: the event id is stored with its
 * effects in one transaction, so duplicates and replays change nothing, and payment states only move forward
 * (payment-state.ts), so any arrival order converges (a refund that arrives before its checkout's completion refunds
 * the pending payment; the late completion then changes nothing). Deliveries about anything else are acknowledged.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    private readonly ds: DataSource,
    private readonly repo: BillingRepository,
    private readonly stripe: StripeGateway,
    private readonly transitions: PaymentTransitions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookResult> {
    const event = this.stripe.verifyWebhook(rawBody, signature);
    const object = event.data.object as unknown as StripeObject;
    const intent = intentOf(object);
    const relevant = SESSION_EVENTS.includes(event.type) || event.type === 'charge.refunded';
    // A refund can arrive before the completion told us its payment intent: Stripe knows which session it came from.
    const sessionId = !relevant ? null : SESSION_EVENTS.includes(event.type) ? (object.id ?? null) : await this.sessionOf(intent);
    const result = await this.ds.transaction(async (m) => {
      const payment = sessionId ? await this.repo.bySession(m, sessionId) : intent ? await this.repo.byPaymentIntent(m, intent) : null;
      if (!payment) return { received: true as const, duplicate: false, outcome: relevant ? 'not a Lotline payment' : 'ignored event type' };
      if (!(await this.repo.claimEvent(m, payment, { id: event.id, type: event.type, createdAt: new Date(event.created * 1000), at: this.clock() }))) {
        return { received: true as const, duplicate: true, outcome: 'already processed' };
      }
      const outcome = await this.apply(m, event, object, intent, payment);
      await this.repo.settleEvent(m, payment.firmId, event.id, outcome);
      return { received: true as const, duplicate: false, outcome };
    });
    this.logger.log(`${event.id} ${event.type}: ${result.outcome}`);
    return result;
  }

  private async sessionOf(intent: string | null): Promise<string | null> {
    if (!intent) return null;
    const known = await this.repo.byPaymentIntent(this.ds.manager, intent, false);
    return known?.stripeSessionId ?? (await this.stripe.sessionOfPaymentIntent(intent));
  }

  private async apply(m: EntityManager, event: Stripe.Event, o: StripeObject, intent: string | null, payment: PaymentRow): Promise<string> {
    const at = new Date(event.created * 1000);
    if (event.type === 'charge.refunded') {
      if (o.refunded !== true) return 'partial refund: the report stays paid';
      return `full refund: ${await this.transitions.move(m, payment, 'refunded', { intent, reason: null, paidAt: null, refundedAt: at, source: event.id })}`;
    }
    let { target, reason } = sessionTarget(o);
    if (event.type === 'checkout.session.async_payment_succeeded') [target, reason] = ['paid', null];
    else if (event.type === 'checkout.session.async_payment_failed') [target, reason] = ['failed', 'The payment did not go through (declined or returned by the bank).'];
    else if (event.type === 'checkout.session.expired') [target, reason] = ['failed', 'The checkout expired without a payment.'];
    return this.transitions.move(m, payment, target, { intent, reason, paidAt: target === 'paid' ? at : null, refundedAt: null, source: event.id });
  }
}

function intentOf(o: StripeObject): string | null {
  const pi = o.payment_intent;
  if (!pi) return null;
  return typeof pi === 'string' ? pi : pi.id;
}
