import { dec, roundToCents } from '@lotline/ledger';
import type { Entitlement, PaymentStatus } from '@lotline/contracts';

/**
 * A payment only moves forward: pending -> failed -> paid -> refunded. Webhook deliveries can arrive in any order and
 * more than once; applying "the higher of what we have and what this event says" makes every order converge to the
 * same final state (a late "completed" after a refund cannot bring the entitlement back).
 */
const RANK: Readonly<Record<PaymentStatus, number>> = { pending: 0, failed: 1, paid: 2, refunded: 3 };

export function advances(current: PaymentStatus, target: PaymentStatus): boolean {
  return RANK[target] > RANK[current];
}

/** The effective price: the client's override, else the firm's price (both decimal strings). */
export function effectivePrice(firmPriceUsd: string, overrideUsd: string | null): { priceUsd: string; source: 'firm' | 'client' } {
  return overrideUsd === null ? { priceUsd: roundToCents(dec(firmPriceUsd)).toFixed(2), source: 'firm' } : { priceUsd: roundToCents(dec(overrideUsd)).toFixed(2), source: 'client' };
}

/** Whole cents as a decimal string, for Stripe's unit_amount_decimal. */
export function centsOf(priceUsd: string): string {
  return roundToCents(dec(priceUsd)).times(100).toFixed(0);
}

export const isFree = (priceUsd: string): boolean => dec(priceUsd).isZero();

export const day = (d: Date): string => d.toISOString().slice(0, 10);

export const usd = (priceUsd: string): string => `$${roundToCents(dec(priceUsd)).toFixed(2)}`;

interface PaymentFacts {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly createdAt: Date;
  readonly refundedAt: Date | null;
  readonly failureReason: string | null;
}

/**
 * May a final report of this (client, tax year) be generated? Paid, or nothing to pay (price $0). Otherwise the reason
 * in plain words, from the newest payment attempt (`payments` newest first).
 */
export function entitlementOf(payments: readonly PaymentFacts[], priceUsd: string, taxYear: number): Entitlement {
  const paid = payments.find((p) => p.status === 'paid');
  if (paid) return { paid: true, reason: null, paymentId: paid.id };
  if (isFree(priceUsd)) return { paid: true, reason: null, paymentId: null };
  const last = payments[0];
  if (!last) return { paid: false, reason: `Not paid yet: the ${taxYear} report costs ${usd(priceUsd)}.`, paymentId: null };
  switch (last.status) {
    case 'refunded':
      return { paid: false, reason: `Payment refunded on ${day(last.refundedAt ?? last.createdAt)}.`, paymentId: last.id };
    case 'pending':
      return { paid: false, reason: `Payment not completed yet: a checkout was started on ${day(last.createdAt)}.`, paymentId: last.id };
    default:
      return { paid: false, reason: `Payment failed${last.failureReason ? `: ${last.failureReason}` : '.'}`, paymentId: last.id };
  }
}
