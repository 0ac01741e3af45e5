import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from '../common/access.guard';
import { clockProvider } from '../common/clock';
import { FirmsModule } from '../firms/firms.module';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { SessionCookie } from './session-cookie';
import { SIGNING_KEY, signingKeyProvider } from './signing-key';
import { ThrottleService } from './throttle.service';
import { TokenService } from './token.service';
import { TwoFactorService } from './two-factor.service';

@Module({
  imports: [
    FirmsModule,
    PassportModule,
    JwtModule.registerAsync({
      extraProviders: [signingKeyProvider],
      inject: [SIGNING_KEY],
      useFactory: (secret: string) => ({ secret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    signingKeyProvider,
    clockProvider,
    AuthRepository,
    AuthService,
    TokenService,
    TwoFactorService,
    ThrottleService,
    SessionCookie,
    LocalStrategy,
    JwtStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokenService, TwoFactorService, SessionCookie, AuthService, clockProvider],
})
export class AuthModule {}
