import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { COST_BASIS_METHODS, REPORT_PAYERS, REPORT_ROUNDINGS, type CostBasisMethod, type ReportPayer, type ReportRounding, type UpdateFirmSettingsRequest } from '@lotline/contracts';

/** A non-negative USD amount as a decimal string with at most 2 decimals (never a JS number). */
export const USD_PATTERN = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

export class UpdateFirmSettingsDto implements UpdateFirmSettingsRequest {
  @IsOptional() @IsString() @MaxLength(200) @Matches(/\S/, { message: 'name must not be blank' }) name?: string;
  @IsOptional() @IsIn(COST_BASIS_METHODS) defaultMethod?: CostBasisMethod;
  @IsOptional() @IsString() @Matches(USD_PATTERN, { message: 'reportPriceUsd must be a decimal string like "49.00"' }) reportPriceUsd?: string;
  @IsOptional() @IsIn(REPORT_PAYERS) payer?: ReportPayer;
  @IsOptional() @IsInt() @Min(1) @Max(90) invitationExpiryDays?: number;
  @IsOptional() @IsBoolean() requireTwoFactorForStaff?: boolean;
  @IsOptional() @IsIn(REPORT_ROUNDINGS) reportRounding?: ReportRounding;
  @IsOptional() @IsBoolean() storeTaxpayerIds?: boolean;
}
