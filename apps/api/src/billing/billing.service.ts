import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { BillingSettings, CheckoutResponse, ClientBilling, Entitlement, PaymentView } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import { MIN_TAX_YEAR } from '../clients/client.dto';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { notFound } from '../common/ids';
import { RUNTIME, type Runtime } from '../common/runtime';
import { FirmRepository } from '../firms/firm.repository';
import type { CheckoutDto, RecordPaymentDto } from './billing.dto';
import { BillingRepository, type PaymentRow, type PriceRow } from './billing.repository';
import { centsOf, day, effectivePrice, entitlementOf, isFree, usd } from './payment-state';
import { StripeGateway } from './stripe-gateway';

/** A pending checkout this close to its expiry is not handed out again: a new one is started instead. */
const REUSE_MARGIN_MS = 5 * 60 * 1000;

/**
 * Per-report billing: the firm's price and Stripe status, a client's payments per tax year, Stripe Checkout, payments
 * a firm admin records, and the entitlement the report generator asks for. Every decision for one (client, tax year)
 * runs under an advisory lock, and two partial unique indexes (one open checkout, one paid record) back it up.
 */
@Injectable()
export class BillingService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: BillingRepository,
    private readonly firms: FirmRepository,
    private readonly access: ClientAccess,
    private readonly stripe: StripeGateway,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async settings(actor: AuthUser): Promise<BillingSettings> {
    const firm = await this.firms.get(actor.firmId);
    if (!firm) throw notFound();
    return { reportPriceUsd: firm.reportPriceUsd, payer: firm.payer, currency: 'usd', stripe: this.stripe.status };
  }

  async clientBilling(actor: AuthUser, clientId: string, taxYear: number | undefined): Promise<ClientBilling> {
    const client = await this.access.require(actor, clientId, 'read');
    const year = taxYear ?? this.defaultTaxYear();
    const price = await this.priceOf(actor.firmId, client.id);
    const { priceUsd, source } = effectivePrice(price.firmPriceUsd, price.overrideUsd);
    const payments = await this.repo.list(actor.firmId, client.id, year);
    const entitlement = entitlementOf(payments, priceUsd, year);
    const refusal = this.checkoutRefusal(actor, price, priceUsd, entitlement, year);
    return {
      clientId: client.id,
      taxYear: year,
      priceUsd,
      priceSource: source,
      payer: price.payer,
      entitlement,
      canCheckout: refusal === null,
      checkoutUnavailableReason: refusal,
      payments: payments.map(view),
    };
  }

  /**
   * The gate for final report generation (the preview stays free): paid, or nothing to pay. Otherwise `reason` says why
   * in plain words, e.g. "Payment refunded on 2026-03-04." A refund revokes the entitlement for new generations only;
   * reports already generated stay downloadable. The caller has already checked access to the client.
   */
  async entitlement(firmId: string, clientId: string, taxYear: number): Promise<Entitlement> {
    const price = await this.priceOf(firmId, clientId);
    const { priceUsd } = effectivePrice(price.firmPriceUsd, price.overrideUsd);
    return entitlementOf(await this.repo.list(firmId, clientId, taxYear), priceUsd, taxYear);
  }

  /** Starts (or hands out again) the one Stripe Checkout of this (client, tax year); a paid report answers 409. */
  async checkout(actor: AuthUser, clientId: string, dto: CheckoutDto, ctx: RequestContext): Promise<CheckoutResponse> {
    const client = await this.access.require(actor, clientId, 'pay');
    if (!this.stripe.status.configured) throw new AppError('CONFLICT', this.stripe.status.reason ?? 'Online payment is not available.', 409);
    return this.ds.transaction(async (m) => {
      await this.repo.lockReport(m, client.id, dto.taxYear);
      const price = await this.priceOf(actor.firmId, client.id, m);
      const { priceUsd } = effectivePrice(price.firmPriceUsd, price.overrideUsd);
      const payments = await this.repo.list(actor.firmId, client.id, dto.taxYear, m);
      const refusal = this.checkoutRefusal(actor, price, priceUsd, entitlementOf(payments, priceUsd, dto.taxYear), dto.taxYear);
      if (refusal) throw new AppError('CONFLICT', refusal, 409);
      const now = this.clock();
      const open = payments.find((p) => p.status === 'pending');
      if (open?.stripeSessionUrl && open.stripeSessionExpiresAt && open.stripeSessionExpiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS && open.amountUsd === priceUsd) {
        return { url: open.stripeSessionUrl, paymentId: open.id };
      }
      if (open) await this.closeCheckout(m, open, 'Replaced by a new checkout.', actor, ctx);
      const id = randomUUID();
      const seq = await this.repo.count(m, actor.firmId, client.id, dto.taxYear);
      const back = `${this.runtime.config.publicUrl}/billing/return?clientId=${client.id}&taxYear=${dto.taxYear}`;
      const session = await this.stripe.createCheckout({
        // Deterministic per attempt: a retry after a crash between Stripe and our commit gets the same session back.
        idempotencyKey: `lotline-checkout-${client.id}-${dto.taxYear}-${seq}`,
        amountCents: centsOf(priceUsd),
        productName: `Crypto tax report ${dto.taxYear} for ${price.clientName}`,
        successUrl: `${back}&session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${back}&canceled=1`,
        customerEmail: price.clientEmail,
        metadata: { payment_id: id, firm_id: actor.firmId, client_id: client.id, tax_year: String(dto.taxYear) },
      });
      if (!session.url) throw new AppError('INTERNAL', 'Stripe answered a checkout without a payment page; try again.', 502);
      await this.repo.insert(m, {
        id,
        firmId: actor.firmId,
        clientId: client.id,
        taxYear: dto.taxYear,
        status: 'pending',
        method: 'stripe_checkout',
        amountUsd: priceUsd,
        stripeSessionId: session.id,
        stripeSessionUrl: session.url,
        stripeSessionExpiresAt: session.expiresAt,
        note: null,
        createdBy: actor.id,
        at: now,
      });
      await recordAudit(m, {
        firmId: actor.firmId,
        actorUserId: actor.id,
        action: 'billing.checkout_started',
        subjectType: 'client',
        subjectId: client.id,
        details: { paymentId: id, taxYear: dto.taxYear, amountUsd: priceUsd, stripeSessionId: session.id },
        context: ctx,
        at: now,
      });
      return { url: session.url, paymentId: id };
    });
  }

  /** A firm admin records "comped" ($0) or "invoiced outside Lotline" (the effective price), with a required note. */
  async record(actor: AuthUser, clientId: string, dto: RecordPaymentDto, ctx: RequestContext): Promise<ClientBilling> {
    const client = await this.access.require(actor, clientId, 'read');
    await this.ds.transaction(async (m) => {
      await this.repo.lockReport(m, client.id, dto.taxYear);
      const price = await this.priceOf(actor.firmId, client.id, m);
      const payments = await this.repo.list(actor.firmId, client.id, dto.taxYear, m);
      const paid = payments.find((p) => p.status === 'paid');
      if (paid) throw new AppError('CONFLICT', `The ${dto.taxYear} report is already paid (${day(paid.paidAt ?? paid.createdAt)}).`, 409);
      const open = payments.find((p) => p.status === 'pending');
      if (open) await this.closeCheckout(m, open, 'Canceled: the firm recorded the payment instead.', actor, ctx);
      const now = this.clock();
      const id = randomUUID();
      const amountUsd = dto.method === 'comped' ? '0.00' : effectivePrice(price.firmPriceUsd, price.overrideUsd).priceUsd;
      const note = dto.note.trim();
      await this.repo.insert(m, {
        id,
        firmId: actor.firmId,
        clientId: client.id,
        taxYear: dto.taxYear,
        status: 'paid',
        method: dto.method,
        amountUsd,
        stripeSessionId: null,
        stripeSessionUrl: null,
        stripeSessionExpiresAt: null,
        note,
        createdBy: actor.id,
        at: now,
      });
      await this.repo.markYearPaid(m, actor.firmId, client.id, dto.taxYear, now);
      await recordAudit(m, {
        firmId: actor.firmId,
        actorUserId: actor.id,
        action: 'billing.payment_recorded',
        subjectType: 'client',
        subjectId: client.id,
        details: { paymentId: id, taxYear: dto.taxYear, method: dto.method, amountUsd, note },
        context: ctx,
        at: now,
      });
    });
    return this.clientBilling(actor, client.id, dto.taxYear);
  }

  /**
   * Ends an open checkout so it can never be paid next to another payment. If Stripe says it was paid meanwhile, the
   * caller is told (409) and the webhook records that payment.
   */
  private async closeCheckout(m: EntityManager, open: PaymentRow, reason: string, actor: AuthUser, ctx: RequestContext): Promise<void> {
    if (open.stripeSessionId && this.stripe.status.configured) {
      const s = await this.stripe.expireCheckout(open.stripeSessionId);
      if (s.status === 'complete' || s.paymentStatus === 'paid') {
        throw new AppError('CONFLICT', 'The open Stripe checkout of this report was just completed; reload to see the payment.', 409);
      }
    }
    const now = this.clock();
    await this.repo.update(m, open.firmId, open.id, { status: 'failed', paymentIntentId: null, failureReason: reason, paidAt: null, refundedAt: null, at: now });
    await recordAudit(m, {
      firmId: open.firmId,
      actorUserId: actor.id,
      action: 'billing.checkout_closed',
      subjectType: 'client',
      subjectId: open.clientId,
      details: { paymentId: open.id, taxYear: open.taxYear, reason },
      context: ctx,
      at: now,
    });
  }

  /** Why this user cannot start a checkout now, or null. Firm admins may always pay; a client only when the client pays. */
  private checkoutRefusal(actor: AuthUser, price: PriceRow, priceUsd: string, entitlement: Entitlement, year: number): string | null {
    if (entitlement.paid && entitlement.paymentId) return `The ${year} report is already paid.`;
    if (isFree(priceUsd)) return 'No payment is due: the report price is $0.00.';
    if (actor.role === 'preparer') return 'Only the client or a firm admin can pay for a report.';
    if (actor.role === 'client' && price.payer === 'firm') return `${actor.firmName} pays for your report: there is nothing for you to pay.`;
    if (!this.stripe.status.configured) return this.stripe.status.reason;
    if (belowStripeMinimum(priceUsd)) return `Stripe cannot charge less than $0.50 (the price is ${usd(priceUsd)}): a firm admin can record the payment instead.`;
    return null;
  }

  private async priceOf(firmId: string, clientId: string, m?: EntityManager): Promise<PriceRow> {
    return (await this.repo.price(firmId, clientId, m)) ?? Promise.reject(notFound());
  }

  private defaultTaxYear(): number {
    return Math.max(MIN_TAX_YEAR, this.clock().getUTCFullYear() - 1);
  }
}

/** Below Stripe's minimum charge of $0.50. */
const belowStripeMinimum = (priceUsd: string): boolean => BigInt(centsOf(priceUsd)) < 50n;

export function view(p: PaymentRow): PaymentView {
  return {
    id: p.id,
    taxYear: p.taxYear,
    status: p.status,
    method: p.method,
    amountUsd: p.amountUsd,
    currency: 'usd',
    note: p.note,
    failureReason: p.failureReason,
    createdAt: p.createdAt.toISOString(),
    createdByName: p.createdByName,
    paidAt: p.paidAt?.toISOString() ?? null,
    refundedAt: p.refundedAt?.toISOString() ?? null,
  };
}
