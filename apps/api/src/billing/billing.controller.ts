import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BillingSettings, CheckoutResponse, ClientBilling } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { Public } from '../common/public.decorator';
import { BillingQueryDto, CheckoutDto, ConfirmCheckoutDto, RecordPaymentDto } from './billing.dto';
import { BillingService } from './billing.service';
import { CheckoutReturnService } from './checkout-return.service';
import type { WithRawBody } from './raw-body';
import { StripeWebhookService, type WebhookResult } from './stripe-webhook.service';

@ApiTags('billing')
@Controller()
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly returns: CheckoutReturnService,
    private readonly webhooks: StripeWebhookService,
  ) {}

  /** Price, payer (changed through PATCH /api/firm) and whether online checkout is available (never the keys). */
  @Can('read', 'Firm')
  @Get('billing/settings')
  settings(@CurrentUser() user: AuthUser): Promise<BillingSettings> {
    return this.billing.settings(user);
  }

  @Can('read', 'Client')
  @Get('clients/:id/billing')
  clientBilling(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: BillingQueryDto): Promise<ClientBilling> {
    return this.billing.clientBilling(user, id, q.taxYear);
  }

  /** The client (when the client pays) or a firm admin: a Stripe Checkout URL to redirect to. */
  @Can('pay', 'Client')
  @Post('clients/:id/billing/checkout')
  checkout(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: CheckoutDto, @Ctx() ctx: RequestContext): Promise<CheckoutResponse> {
    return this.billing.checkout(user, id, dto, ctx);
  }

  /** Back from Stripe: the session's state read from Stripe (in case its webhook is late). */
  @Can('pay', 'Client')
  @Post('clients/:id/billing/checkout/confirm')
  @HttpCode(200)
  confirm(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ConfirmCheckoutDto): Promise<ClientBilling> {
    return this.returns.confirm(user, id, dto);
  }

  /** Firm admin: "comped" or "invoiced outside Lotline", with a note. */
  @Can('create', 'Billing')
  @Post('clients/:id/billing/payments')
  record(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: RecordPaymentDto, @Ctx() ctx: RequestContext): Promise<ClientBilling> {
    return this.billing.record(user, id, dto, ctx);
  }

  /** Stripe's deliveries: verified over the raw body (bootstrap keeps it for this path only). */
  @Public()
  @Post('billing/stripe/webhook')
  @HttpCode(200)
  webhook(@Req() req: WithRawBody, @Headers('stripe-signature') signature: string | undefined): Promise<WebhookResult> {
    return this.webhooks.receive(req.rawBody, signature);
  }
}
