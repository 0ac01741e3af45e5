import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { EXCHANGE_IDS, type ConnectExchangeRequest, type ExchangeId } from '@lotline/contracts';

export class ConnectExchangeDto implements ConnectExchangeRequest {
  @IsIn(EXCHANGE_IDS, { message: `exchange must be one of: ${EXCHANGE_IDS.join(', ')}` }) exchange!: ExchangeId;
  @IsOptional() @IsUUID() accountId?: string;
  @IsOptional() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'accountName must not be blank' }) accountName?: string;
  // Validation messages name the field only; class-validator never echoes the value.
  @IsString() @Length(4, 500) @Matches(/^\S+$/, { message: 'apiKey must not contain spaces' }) apiKey!: string;
  // A secret is one token (Kraken, Gemini), or a whole PEM private key block (Coinbase CDP keys).
  @IsString() @Length(4, 2000) @Matches(/^(\S+|\s*-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----\s*)$/, { message: 'secret must not contain spaces (a private key must be the whole PEM block)' }) secret!: string;
  @IsOptional() @IsString() @Length(1, 500) passphrase?: string;
}
