import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { AcceptInvitationRequest, CreateInvitationRequest } from '@lotline/contracts';
import { PASSWORD_MAX } from '../auth/auth.dto';

export class CreateInvitationDto implements CreateInvitationRequest {
  @IsIn(['preparer', 'client']) kind!: 'preparer' | 'client';
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) @Matches(/\S/, { message: 'displayName must not be blank' }) displayName!: string;
  @IsOptional() @IsUUID() clientId?: string;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  @IsString() @IsNotEmpty() @MaxLength(200) token!: string;
  @IsString() @MaxLength(PASSWORD_MAX) password!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) @Matches(/\S/, { message: 'displayName must not be blank' }) displayName?: string;
  @IsOptional() @IsBoolean() consent?: boolean;
}
