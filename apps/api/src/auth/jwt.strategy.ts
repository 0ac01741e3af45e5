import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { UserRepository } from '../firms/user.repository';
import { SIGNING_KEY } from './signing-key';
import type { AccessPayload } from './token.service';

/** Bearer access tokens: signature by passport-jwt, expiry against the injectable clock, user reloaded every time. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(SIGNING_KEY) key: string,
    private readonly users: UserRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key, ignoreExpiration: true, algorithms: ['HS256'] });
  }

  async validate(payload: AccessPayload): Promise<AuthUser> {
    if (payload.typ !== 'access' || typeof payload.exp !== 'number' || payload.exp * 1000 <= this.clock().getTime()) {
      throw new AppError('UNAUTHENTICATED', 'Your session has expired. Sign in again.', 401);
    }
    const user = await this.users.findAuthUser(payload.sub);
    if (!user || user.firmId !== payload.fid) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.', 401);
    return user;
  }
}
