import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { CreateAccountRequest } from '@lotline/contracts';

export class CreateAccountDto implements CreateAccountRequest {
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'name must not be blank' }) name!: string;
  @IsIn(['exchange', 'wallet']) kind!: 'exchange' | 'wallet';
  @IsOptional() @IsString() @Length(1, 100) exchange?: string;
}

/** The non-file fields of the multipart upload. */
export class UploadFieldsDto {
  @IsUUID() accountId!: string;
  @IsOptional() @IsString() @Length(0, 60) format?: string;
}
