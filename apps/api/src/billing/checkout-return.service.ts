import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ClientBilling } from '@lotline/contracts';
import { ClientAccess } from '../clients/client-access';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { notFound } from '../common/ids';
import type { ConfirmCheckoutDto } from './billing.dto';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';
import { PaymentTransitions, sessionTarget } from './payment-transitions';
import { StripeGateway } from './stripe-gateway';

/**
 * The checkout return page: reads the session back from Stripe and applies it as its webhook would, so the payer sees
 * "Paid" even when the webhook is late or lost (a later webhook then changes nothing). Only this client's own sessions
 * of that year are read (404 otherwise, before Stripe is asked).
 */
@Injectable()
export class CheckoutReturnService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: BillingRepository,
    private readonly access: ClientAccess,
    private readonly stripe: StripeGateway,
    private readonly transitions: PaymentTransitions,
    private readonly billing: BillingService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async confirm(actor: AuthUser, clientId: string, dto: ConfirmCheckoutDto): Promise<ClientBilling> {
    const client = await this.access.require(actor, clientId, 'pay');
    if (!this.stripe.status.configured) throw new AppError('CONFLICT', this.stripe.status.reason ?? 'Online payment is not available.', 409);
    await this.ds.transaction(async (m) => {
      const p = await this.repo.bySession(m, dto.sessionId);
      if (!p || p.firmId !== actor.firmId || p.clientId !== client.id || p.taxYear !== dto.taxYear) throw notFound();
      const s = await this.stripe.retrieveCheckout(dto.sessionId);
      const { target, reason } = sessionTarget({ status: s.status, payment_status: s.paymentStatus });
      await this.transitions.move(m, p, target, { intent: s.paymentIntentId, reason, paidAt: target === 'paid' ? this.clock() : null, refundedAt: null, source: 'checkout return' });
    });
    return this.billing.clientBilling(actor, client.id, dto.taxYear);
  }
}
