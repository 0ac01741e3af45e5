import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module';
import { FirmsModule } from '../firms/firms.module';
import { BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';
import { CheckoutReturnService } from './checkout-return.service';
import { PaymentTransitions } from './payment-transitions';
import { StripeGateway } from './stripe-gateway';
import { StripeWebhookService } from './stripe-webhook.service';

/** Per-report billing. Exports BillingService: the report generator asks `entitlement(firmId, clientId, taxYear)`. */
@Module({
  imports: [ClientsModule, FirmsModule],
  controllers: [BillingController],
  providers: [BillingRepository, BillingService, CheckoutReturnService, PaymentTransitions, StripeGateway, StripeWebhookService],
  exports: [BillingService],
})
export class BillingModule {}
