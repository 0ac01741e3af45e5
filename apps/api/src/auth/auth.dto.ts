import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { ChangePasswordRequest, FirmSignUpRequest, SignInRequest, TwoFactorDisableRequest, TwoFactorSignInRequest } from '@lotline/contracts';

/** Longest accepted password (argon2 hashes anything; this bounds the work per request). */
export const PASSWORD_MAX = 200;
const NAME_MAX = 200;

export class FirmSignUpDto implements FirmSignUpRequest {
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) @Matches(/\S/, { message: 'firmName must not be blank' }) firmName!: string;
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) @Matches(/\S/, { message: 'displayName must not be blank' }) displayName!: string;
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MaxLength(PASSWORD_MAX) password!: string;
}

export class SignInDto implements SignInRequest {
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX) password!: string;
}

export class TwoFactorSignInDto implements TwoFactorSignInRequest {
  @IsString() @IsNotEmpty() @MaxLength(2000) challengeToken!: string;
  @IsString() @IsNotEmpty() @MaxLength(40) code!: string;
}

export class CodeDto implements TwoFactorDisableRequest {
  @IsString() @IsNotEmpty() @MaxLength(40) code!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX) currentPassword!: string;
  @IsString() @MaxLength(PASSWORD_MAX) newPassword!: string;
}

