import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PaymentMethod, PaymentStatus, ReportPayer } from '@lotline/contracts';
import { one, rows } from '../common/sql';

export interface PaymentRow {
  readonly id: string;
  readonly firmId: string;
  readonly clientId: string;
  readonly taxYear: number;
  readonly status: PaymentStatus;
  readonly method: PaymentMethod;
  readonly amountUsd: string;
  readonly stripeSessionId: string | null;
  readonly stripeSessionUrl: string | null;
  readonly stripeSessionExpiresAt: Date | null;
  readonly stripePaymentIntentId: string | null;
  readonly note: string | null;
  readonly failureReason: string | null;
  readonly createdAt: Date;
  readonly createdByName: string | null;
  readonly paidAt: Date | null;
  readonly refundedAt: Date | null;
}

export interface PriceRow {
  readonly firmPriceUsd: string;
  readonly overrideUsd: string | null;
  readonly payer: ReportPayer;
  readonly clientName: string;
  readonly clientEmail: string | null;
}

export interface NewPayment {
  readonly id: string;
  readonly firmId: string;
  readonly clientId: string;
  readonly taxYear: number;
  readonly status: 'pending' | 'paid';
  readonly method: PaymentMethod;
  readonly amountUsd: string;
  readonly stripeSessionId: string | null;
  readonly stripeSessionUrl: string | null;
  readonly stripeSessionExpiresAt: Date | null;
  readonly note: string | null;
  readonly createdBy: string;
  readonly at: Date;
}

export interface PaymentChange {
  readonly status: PaymentStatus;
  readonly paymentIntentId: string | null;
  readonly failureReason: string | null;
  readonly paidAt: Date | null;
  readonly refundedAt: Date | null;
  readonly at: Date;
}

const COLS = `p.id, p.firm_id AS "firmId", p.client_id AS "clientId", p.tax_year AS "taxYear", p.status, p.method, p.amount_usd::text AS "amountUsd",
  p.stripe_session_id AS "stripeSessionId", p.stripe_session_url AS "stripeSessionUrl", p.stripe_session_expires_at AS "stripeSessionExpiresAt",
  p.stripe_payment_intent_id AS "stripePaymentIntentId", p.note, p.failure_reason AS "failureReason", p.created_at AS "createdAt",
  u.display_name AS "createdByName", p.paid_at AS "paidAt", p.refunded_at AS "refundedAt"`;
const FROM = `FROM payment p LEFT JOIN app_user u ON u.id = p.created_by AND u.firm_id = p.firm_id`;

/** payment and stripe_event. Tenant queries filter by firm; webhook lookups go by Stripe's globally unique ids. */
@Injectable()
export class BillingRepository {
  constructor(private readonly ds: DataSource) {}

  /** Serialises checkout/record decisions for one (client, tax year) across processes, until the transaction ends. */
  async lockReport(m: EntityManager, clientId: string, taxYear: number): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`billing:${clientId}:${taxYear}`]);
  }

  price(firmId: string, clientId: string, m: EntityManager = this.ds.manager): Promise<PriceRow | null> {
    return one<PriceRow>(
      m,
      `SELECT f.report_price_usd::text AS "firmPriceUsd", c.report_price_override_usd::text AS "overrideUsd", f.payer,
              c.display_name AS "clientName", c.email AS "clientEmail"
         FROM client c JOIN firm f ON f.id = c.firm_id WHERE c.firm_id = $1 AND c.id = $2`,
      [firmId, clientId],
    );
  }

  /** Newest first. */
  list(firmId: string, clientId: string, taxYear: number, m: EntityManager = this.ds.manager): Promise<PaymentRow[]> {
    return rows<PaymentRow>(m, `SELECT ${COLS} ${FROM} WHERE p.firm_id = $1 AND p.client_id = $2 AND p.tax_year = $3 ORDER BY p.created_at DESC, p.seq DESC`, [firmId, clientId, taxYear]);
  }

  async count(m: EntityManager, firmId: string, clientId: string, taxYear: number): Promise<number> {
    return (await one<{ n: number }>(m, `SELECT count(*)::int AS n FROM payment WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3`, [firmId, clientId, taxYear]))?.n ?? 0;
  }

  async insert(m: EntityManager, p: NewPayment): Promise<void> {
    await m.query(
      `INSERT INTO payment (id, firm_id, client_id, tax_year, status, method, amount_usd, stripe_session_id, stripe_session_url, stripe_session_expires_at,
                            note, created_by, created_at, updated_at, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11, $12, $13, $13, CASE WHEN $5 = 'paid' THEN $13::timestamptz END)`,
      [p.id, p.firmId, p.clientId, p.taxYear, p.status, p.method, p.amountUsd, p.stripeSessionId, p.stripeSessionUrl, p.stripeSessionExpiresAt, p.note, p.createdBy, p.at],
    );
  }

  /** A Checkout payment by its session id, locked for the webhook's decision. */
  bySession(m: EntityManager, sessionId: string): Promise<PaymentRow | null> {
    return one<PaymentRow>(m, `SELECT ${COLS} ${FROM} WHERE p.stripe_session_id = $1 FOR UPDATE OF p`, [sessionId]);
  }

  byPaymentIntent(m: EntityManager, paymentIntentId: string, lock = true): Promise<PaymentRow | null> {
    return one<PaymentRow>(m, `SELECT ${COLS} ${FROM} WHERE p.stripe_payment_intent_id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [paymentIntentId]);
  }

  /** Another paid record of the same (client, tax year), if any. */
  async otherPaid(m: EntityManager, p: PaymentRow): Promise<string | null> {
    const r = await one<{ id: string }>(m, `SELECT id FROM payment WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3 AND status = 'paid' AND id <> $4`, [p.firmId, p.clientId, p.taxYear, p.id]);
    return r?.id ?? null;
  }

  async update(m: EntityManager, firmId: string, id: string, c: PaymentChange): Promise<void> {
    await m.query(
      `UPDATE payment SET status = $3, stripe_payment_intent_id = COALESCE(stripe_payment_intent_id, $4), failure_reason = $5,
              paid_at = COALESCE(paid_at, $6), refunded_at = COALESCE(refunded_at, $7), updated_at = $8
        WHERE firm_id = $1 AND id = $2`,
      [firmId, id, c.status, c.paymentIntentId, c.failureReason, c.paidAt, c.refundedAt, c.at],
    );
  }

  /** Records a Stripe delivery of this payment; false when this event id was already processed (a duplicate or a replay). */
  async claimEvent(m: EntityManager, p: PaymentRow, e: { id: string; type: string; createdAt: Date; at: Date }): Promise<boolean> {
    const r = await rows(
      m,
      `INSERT INTO stripe_event (id, firm_id, payment_id, type, stripe_created_at, received_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, 'received')
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [e.id, p.firmId, p.id, e.type, e.createdAt, e.at],
    );
    return r.length === 1;
  }

  async settleEvent(m: EntityManager, firmId: string, id: string, outcome: string): Promise<void> {
    await m.query(`UPDATE stripe_event SET outcome = $3 WHERE firm_id = $1 AND id = $2`, [firmId, id, outcome]);
  }

  /** Paid: the year shows "Paid" unless its report was already generated. */
  async markYearPaid(m: EntityManager, firmId: string, clientId: string, taxYear: number, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO client_tax_year (firm_id, client_id, tax_year, status, updated_at) VALUES ($1, $2, $3, 'paid', $4)
       ON CONFLICT (client_id, tax_year) DO UPDATE SET status = 'paid', updated_at = EXCLUDED.updated_at
        WHERE client_tax_year.firm_id = EXCLUDED.firm_id AND client_tax_year.status <> 'report_generated'`,
      [firmId, clientId, taxYear, at],
    );
  }

  /** Refunded: a year that showed "Paid" goes back to "In review" (the reconciliation decides "Ready" again). */
  async unmarkYearPaid(m: EntityManager, firmId: string, clientId: string, taxYear: number, at: Date): Promise<void> {
    await m.query(`UPDATE client_tax_year SET status = 'in_review', updated_at = $4 WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3 AND status = 'paid'`, [
      firmId,
      clientId,
      taxYear,
      at,
    ]);
  }
}
