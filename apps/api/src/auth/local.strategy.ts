import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { AppError } from '../common/all-exceptions.filter';
import { requestContext } from '../common/auth-user';
import type { UserRow } from '../firms/user.repository';
import { SignInDto } from './auth.dto';
import { AuthService } from './auth.service';

/** passport-local: email + password, checked by AuthService (throttled, generic errors). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<UserRow> {
    return this.auth.validatePassword(email, password, requestContext(req));
  }
}

/** Guards run before pipes: validate the body here so malformed input is a 400, like everywhere else. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const errors = await validate(plainToInstance(SignInDto, req.body ?? {}), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const details = errors.flatMap((e) => Object.values(e.constraints ?? { invalid: `${e.property} is invalid` }).map((message) => ({ field: e.property, message })));
      throw new AppError('VALIDATION_FAILED', details[0]?.message ?? 'invalid input', 400, details);
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof AppError) throw err;
    if (err || !user) throw new AppError('UNAUTHENTICATED', 'Email or password is incorrect.', 401);
    return user;
  }
}
