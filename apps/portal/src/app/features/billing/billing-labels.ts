import type { ClientBilling, PaymentMethod, PaymentStatus } from '@lotline/contracts';
import { parseDecimal, roundToCents } from '@lotline/ledger';

export const PAYMENT_STATUS_LABELS: Readonly<Record<PaymentStatus, string>> = {
  pending: 'Checkout started, not paid yet',
  paid: 'Paid',
  refunded: 'Refunded',
  failed: 'Not completed',
};

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  stripe_checkout: 'Card (Stripe)',
  comped: 'Comped by the firm',
  invoiced_outside: 'Invoiced outside Lotline',
};

/** "$1,234.50" from a decimal string (money is never a JS number); "—" when unreadable. */
export function dollars(value: string): string {
  const d = parseDecimal(value);
  if (d === undefined) return '—';
  const [int, frac] = roundToCents(d).toFixed(2).split('.');
  return `$${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** One line on the report's payment: Paid / nothing to pay / not paid and why. */
export function billingSummary(b: ClientBilling): string {
  if (b.entitlement.paid) return b.entitlement.paymentId ? 'Paid' : `Nothing to pay (the price is ${dollars(b.priceUsd)})`;
  return `Not paid: ${b.entitlement.reason ?? 'no payment yet.'}`;
}
