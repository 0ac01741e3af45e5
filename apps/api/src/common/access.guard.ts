import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { defineAbilityFor, type Action, type SubjectName } from '@lotline/authz';
import { AppError } from './all-exceptions.filter';
import type { AuthUser } from './auth-user';
import { ALLOW_PENDING_TWO_FACTOR, CAN, SIGNED_IN } from './authz.decorators';
import { IS_PUBLIC } from './public.decorator';

/**
 * The global guard (APP_GUARD). Every route needs a valid access token unless it is @Public(); then it must carry
 * either @Can(action, subject) (checked against the one CASL definition) or @SignedIn(). A route with neither is
 * refused: authorization fails closed, and the route-matrix test fails until the route is classified.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger('AccessGuard');

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await (super.canActivate(context) as Promise<boolean>);
    const user = context.switchToHttp().getRequest<Request>().user as AuthUser;
    const can = this.reflector.getAllAndOverride<readonly [Action, SubjectName] | undefined>(CAN, targets);
    const signedIn = this.reflector.getAllAndOverride<boolean>(SIGNED_IN, targets);
    if (!can && !signedIn) {
      this.logger.error(`route ${context.getClass().name}.${context.getHandler().name} has no @Can/@SignedIn/@Public: refused`);
      throw new AppError('FORBIDDEN', 'You are not allowed to do this.', 403);
    }
    if (user.mustEnrolTwoFactor && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_TWO_FACTOR, targets)) {
      throw new AppError('FORBIDDEN', 'Your firm requires two-factor authentication: set it up under My account first.', 403);
    }
    if (can && !defineAbilityFor(user).can(can[0], can[1])) throw new AppError('FORBIDDEN', 'You are not allowed to do this.', 403);
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof AppError) throw err;
    if (err || !user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.', 401);
    return user;
  }
}
