import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsTimeZone, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  CLIENT_SORTS,
  CLIENT_STATUSES,
  COST_BASIS_METHODS,
  INCOME_SCHEDULES,
  type AssignPreparersRequest,
  type ClientSort,
  type ClientStatus,
  type CostBasisMethod,
  type CreateClientRequest,
  type GiveConsentRequest,
  type IncomeSchedule,
  type SetTaxpayerIdRequest,
  type SubmitTaxYearRequest,
  type UpdateClientRequest,
} from '@lotline/contracts';
import { USD_PATTERN } from '../firms/firm.dto';
import { TAXPAYER_ID_PATTERN } from './taxpayer-id';

export const MIN_TAX_YEAR = 2023;
export const MAX_TAX_YEAR = 2100;

export class CreateClientDto implements CreateClientRequest {
  @IsString() @IsNotEmpty() @MaxLength(200) @Matches(/\S/, { message: 'displayName must not be blank' }) displayName!: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @IsTimeZone() timeZone?: string;
}

export class UpdateClientDto implements UpdateClientRequest {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) @Matches(/\S/, { message: 'displayName must not be blank' }) displayName?: string;
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsEmail() @MaxLength(254) email?: string | null;
  @IsOptional() @IsTimeZone() timeZone?: string;
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsIn(COST_BASIS_METHODS) defaultMethod?: CostBasisMethod | null;
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Matches(USD_PATTERN, { message: 'reportPriceOverrideUsd must be a decimal string like "49.00"' })
  reportPriceOverrideUsd?: string | null;
  @IsOptional() @IsIn(INCOME_SCHEDULES) incomeSchedule?: IncomeSchedule;
}

/** The value is never echoed in an error message (class-validator's default messages do not include it). */
export class SetTaxpayerIdDto implements SetTaxpayerIdRequest {
  @IsString() @MaxLength(20) @Matches(TAXPAYER_ID_PATTERN, { message: 'taxpayerId must be an SSN/ITIN like 123-45-6789 or an EIN like 12-3456789' }) taxpayerId!: string;
}

export class AssignPreparersDto implements AssignPreparersRequest {
  @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) userIds!: string[];
}

export class TaxYearDto implements SubmitTaxYearRequest {
  @Type(() => Number) @IsInt() @Min(MIN_TAX_YEAR) @Max(MAX_TAX_YEAR) taxYear!: number;
}

/** GET /api/clients/:id?taxYear=2025 (status for that year; default: last calendar year). */
export class ClientDetailQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_TAX_YEAR) @Max(MAX_TAX_YEAR) taxYear?: number;
}

export class ClientListQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_TAX_YEAR) @Max(MAX_TAX_YEAR) taxYear?: number;
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  @IsOptional() @IsIn(CLIENT_STATUSES) status?: ClientStatus;
  @IsOptional() @IsUUID() preparerId?: string;
  @IsOptional() @IsIn(CLIENT_SORTS) sort?: ClientSort;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

/** POST /api/clients/:id/consent: the client (re-)gives the data-sharing consent for the current text version. */
export class GiveConsentDto implements GiveConsentRequest {
  @IsString() @IsNotEmpty() @MaxLength(40) consentVersion!: string;
}
