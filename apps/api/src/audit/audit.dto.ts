import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  /** An action or an action prefix, e.g. "auth." or "invitation.created". */
  @IsOptional() @IsString() @MaxLength(100) @Matches(/^[a-z0-9_.]+$/, { message: 'action must look like "auth.signed_in"' }) action?: string;
  @IsOptional() @IsUUID() actorId?: string;
  @IsOptional() @IsDateString() from?: string;
  @IsOptional() @IsDateString() to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
