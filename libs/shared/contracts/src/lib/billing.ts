import type { ReportPayer } from './enums';

/** A payment for one client's report of one tax year (PRODUCT.md "Billing"). */
export const PAYMENT_STATUSES = ['pending', 'paid', 'refunded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** stripe_checkout: paid online; comped / invoiced_outside: recorded by a firm admin with a note. */
export const PAYMENT_METHODS = ['stripe_checkout', 'comped', 'invoiced_outside'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What a firm admin can record without Stripe. */
export const RECORDED_PAYMENT_METHODS = ['comped', 'invoiced_outside'] as const;
export type RecordedPaymentMethod = (typeof RECORDED_PAYMENT_METHODS)[number];

/** Stripe as this installation sees it. The keys themselves are never sent. */
export interface StripeStatus {
  /** STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are both set: online checkout is available. */
  readonly configured: boolean;
  /** From the key prefix (sk_test_ / sk_live_); null when no key is set. */
  readonly mode: 'test' | 'live' | null;
  /** Why online checkout is unavailable, in plain words; null when it is available. */
  readonly reason: string | null;
}

/** GET /api/billing/settings (price and payer are changed through PATCH /api/firm, admin only, audited). */
export interface BillingSettings {
  readonly reportPriceUsd: string;
  readonly payer: ReportPayer;
  readonly currency: 'usd';
  readonly stripe: StripeStatus;
}

export interface PaymentView {
  readonly id: string;
  readonly taxYear: number;
  readonly status: PaymentStatus;
  readonly method: PaymentMethod;
  readonly amountUsd: string;
  readonly currency: 'usd';
  readonly note: string | null;
  /** Why a payment failed or was refused, in plain words. */
  readonly failureReason: string | null;
  readonly createdAt: string;
  readonly createdByName: string | null;
  readonly paidAt: string | null;
  readonly refundedAt: string | null;
}

/** The answer to "may a final report be generated?" (BillingService.entitlement). */
export interface Entitlement {
  readonly paid: boolean;
  /** Why not, in plain words (e.g. "Payment refunded on 2026-03-04."); null when paid. */
  readonly reason: string | null;
  readonly paymentId: string | null;
}

/** GET /api/clients/:id/billing?taxYear=2025 */
export interface ClientBilling {
  readonly clientId: string;
  readonly taxYear: number;
  /** The effective price: the client's override, else the firm's price. */
  readonly priceUsd: string;
  readonly priceSource: 'firm' | 'client';
  readonly payer: ReportPayer;
  readonly entitlement: Entitlement;
  /** The caller may start a Stripe Checkout now (Stripe configured, price > 0, not paid, caller allowed to pay). */
  readonly canCheckout: boolean;
  /** Why the caller cannot check out; null when they can. */
  readonly checkoutUnavailableReason: string | null;
  /** Newest first. */
  readonly payments: readonly PaymentView[];
}

/** POST /api/clients/:id/billing/checkout */
export interface CreateCheckoutRequest {
  readonly taxYear: number;
}

export interface CheckoutResponse {
  /** Stripe's hosted Checkout page: redirect the browser there. */
  readonly url: string;
  readonly paymentId: string;
}

/** POST /api/clients/:id/billing/checkout/confirm: back from Stripe (?session_id=...), read the session's state. */
export interface ConfirmCheckoutRequest {
  readonly taxYear: number;
  readonly sessionId: string;
}

/** POST /api/clients/:id/billing/payments (firm admin). */
export interface RecordPaymentRequest {
  readonly taxYear: number;
  readonly method: RecordedPaymentMethod;
  /** Required: why it is comped / the invoice reference. */
  readonly note: string;
}
