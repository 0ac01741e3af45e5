import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  COST_BASIS_METHODS,
  INCOME_KINDS,
  QUESTION_CHOICES,
  WARNING_KINDS,
  WARNING_SEVERITIES,
  WARNING_STATUSES,
  type AcceptSuggestionsRequest,
  type AppliedMatchQuery,
  type AnswerQuestionRequest,
  type ChooseMethodRequest,
  type CostBasisMethod,
  type Form8949Query,
  type IncomeKindName,
  type MarkDustRequest,
  type QuestionChoice,
  type ResolveRequest,
  type UndoResolutionRequest,
  type UpdateReconciliationSettingsRequest,
  type WarningKind,
  type WarningQueueQuery,
  type WarningSeverity,
  type WarningStatus,
} from '@lotline/contracts';

const DECIMAL = /^\d{1,12}(\.\d{1,18})?$/;

export class WarningQueueQueryDto implements WarningQueueQuery {
  @IsOptional() @IsIn(WARNING_KINDS) kind?: WarningKind;
  @IsOptional() @IsIn(WARNING_SEVERITIES) severity?: WarningSeverity;
  @IsOptional() @IsIn(WARNING_STATUSES) status?: WarningStatus;
  @IsOptional() @IsIn(['true', 'false']) blocking?: 'true' | 'false';
  @IsOptional() @IsUUID() clientId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class Form8949QueryDto implements Form8949Query {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
  @IsOptional() @IsIn(['short', 'long']) term?: 'short' | 'long';
  @IsOptional() @Matches(/^[A-L]$/) box?: string;
  @IsOptional() @IsString() @MaxLength(64) asset?: string;
}

export class ResolveDto implements ResolveRequest {
  @IsObject() payload!: Record<string, unknown>;
  /** At least one, except for an `unmatch` of an automatic match (it has no warning; checked in the service). */
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(20000, { each: true }) warningIds!: string[];
  @IsString() @MinLength(1) @MaxLength(2000) @Matches(/\S/, { message: 'reason must not be blank' }) reason!: string;
  @IsOptional() @IsString() @MaxLength(4000) evidenceNote?: string;
}

export class MatchQueryDto implements AppliedMatchQuery {
  @IsOptional() @IsIn(['automatic', 'manual']) origin?: 'automatic' | 'manual';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class UndoResolutionDto implements UndoResolutionRequest {
  @IsString() @MinLength(1) @MaxLength(2000) @Matches(/\S/, { message: 'reason must not be blank' }) reason!: string;
}

export class AcceptSuggestionsDto implements AcceptSuggestionsRequest {
  @IsNumber() @Min(0) @Max(1) minConfidence!: number;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class MarkDustDto implements MarkDustRequest {
  @IsString() @Matches(DECIMAL, { message: 'maxUsd must be a decimal string like "1.00"' }) maxUsd!: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class ChooseMethodDto implements ChooseMethodRequest {
  @IsIn(COST_BASIS_METHODS) method!: CostBasisMethod;
}

export class UpdateReconciliationSettingsDto implements UpdateReconciliationSettingsRequest {
  @IsOptional() @IsInt() @Min(1) @Max(720) transferWindowHours?: number;
  @IsOptional() @IsString() @Matches(/^0(\.\d{1,6})?$/, { message: 'transferFeeTolerance must be a decimal string between 0 and 0.5, e.g. "0.01"' })
  transferFeeTolerance?: string;
  @IsOptional() @IsBoolean() stablecoinsAsUsd?: boolean;
  @IsOptional() @IsString() @Matches(/^\d(\.\d{1,6})?$/, { message: 'outlierThreshold must be a decimal string, e.g. "0.25"' }) outlierThreshold?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(WARNING_KINDS, { each: true }) blockingKinds?: WarningKind[];
}

export class AnswerQuestionDto implements AnswerQuestionRequest {
  @IsIn(QUESTION_CHOICES) choice!: QuestionChoice;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) account?: string;
  @IsOptional() @IsIn(INCOME_KINDS) incomeKind?: IncomeKindName;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
