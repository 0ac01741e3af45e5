import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RECORDED_PAYMENT_METHODS, type ConfirmCheckoutRequest, type CreateCheckoutRequest, type RecordedPaymentMethod, type RecordPaymentRequest } from '@lotline/contracts';
import { MAX_TAX_YEAR, MIN_TAX_YEAR } from '../clients/client.dto';

export class CheckoutDto implements CreateCheckoutRequest {
  @Type(() => Number) @IsInt() @Min(MIN_TAX_YEAR) @Max(MAX_TAX_YEAR) taxYear!: number;
}

export class ConfirmCheckoutDto implements ConfirmCheckoutRequest {
  @Type(() => Number) @IsInt() @Min(MIN_TAX_YEAR) @Max(MAX_TAX_YEAR) taxYear!: number;
  @IsString() @Matches(/^cs_[A-Za-z0-9_]{1,250}$/, { message: 'sessionId must be a Stripe Checkout Session id (cs_...)' }) sessionId!: string;
}

export class RecordPaymentDto implements RecordPaymentRequest {
  @Type(() => Number) @IsInt() @Min(MIN_TAX_YEAR) @Max(MAX_TAX_YEAR) taxYear!: number;
  @IsIn(RECORDED_PAYMENT_METHODS) method!: RecordedPaymentMethod;
  @IsString() @MaxLength(1000) @Matches(/\S/, { message: 'note must say why (it is required)' }) note!: string;
}

/** GET /api/clients/:id/billing?taxYear=2025 (default: last calendar year). */
export class BillingQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_TAX_YEAR) @Max(MAX_TAX_YEAR) taxYear?: number;
}
