import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PaymentStatus } from '@lotline/contracts';
import { recordAudit } from '../audit/audit-log';
import { CLOCK, type Clock } from '../common/clock';
import { BillingRepository, type PaymentRow } from './billing.repository';
import { advances } from './payment-state';

/** What Stripe said, and where it was heard (a webhook event id, or "checkout return" when read back from Stripe). */
export interface Transition {
  readonly intent: string | null;
  readonly reason: string | null;
  readonly paidAt: Date | null;
  readonly refundedAt: Date | null;
  readonly source: string;
}

/** The target state of a Checkout payment from a Checkout Session as Stripe reports it. */
export function sessionTarget(s: { status?: string | null; payment_status?: string | null }): { target: PaymentStatus; reason: string | null } {
  if (s.payment_status === 'paid' || s.payment_status === 'no_payment_required') return { target: 'paid', reason: null };
  if (s.status === 'expired') return { target: 'failed', reason: 'The checkout expired without a payment.' };
  return { target: 'pending', reason: null };
}

/**
 * The one place a Checkout payment changes state (webhook deliveries and the checkout return page). States only move
 * forward (payment-state.ts); never two paid records; the client's year follows (Paid / back to In review); audited.
 * The caller holds the payment's row lock inside its transaction.
 */
@Injectable()
export class PaymentTransitions {
  constructor(
    private readonly repo: BillingRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async move(
    m: EntityManager,
    p: PaymentRow,
    target: PaymentStatus,
    c: Transition,
  ): Promise<string> {
    const now = this.clock();
    if (!advances(p.status, target)) {
      // Still remember the payment intent (a later refund is matched by it).
      if (c.intent && !p.stripePaymentIntentId) await this.repo.update(m, p.firmId, p.id, { status: p.status, paymentIntentId: c.intent, failureReason: p.failureReason, paidAt: null, refundedAt: null, at: now });
      return `no change (${p.status})`;
    }
    let status = target;
    let reason = c.reason;
    if (target === 'paid') {
      const other = await this.repo.otherPaid(m, p);
      if (other) {
        // Never two paid records: this money must go back (the firm sees why; a refund later moves it to refunded).
        status = 'failed';
        reason = `Paid twice: this report was already paid (payment ${other}). Refund this payment in Stripe.`;
      }
    }
    await this.repo.update(m, p.firmId, p.id, { status, paymentIntentId: c.intent, failureReason: reason, paidAt: c.paidAt, refundedAt: status === 'refunded' ? c.refundedAt : null, at: now });
    if (status === 'paid') await this.repo.markYearPaid(m, p.firmId, p.clientId, p.taxYear, now);
    if (status === 'refunded') await this.repo.unmarkYearPaid(m, p.firmId, p.clientId, p.taxYear, now);
    await recordAudit(m, {
      firmId: p.firmId,
      actorUserId: null,
      action: `billing.payment_${status}`,
      subjectType: 'client',
      subjectId: p.clientId,
      details: { paymentId: p.id, taxYear: p.taxYear, from: p.status, to: status, source: c.source, ...(reason ? { reason } : {}) },
      at: now,
    });
    return `${p.status} -> ${status}`;
  }
}
