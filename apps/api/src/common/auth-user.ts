import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@lotline/authz';
import type { SessionUser } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';

/** The signed-in user, loaded from the database on every request (role, firm and deactivation are always current). */
export interface AuthUser extends Actor {
  readonly email: string;
  readonly displayName: string;
  readonly firmName: string;
  readonly twoFactorEnabled: boolean;
  /** The firm requires 2FA for staff and this staff member has not enrolled yet. */
  readonly mustEnrolTwoFactor: boolean;
}

export function toSessionUser(u: AuthUser): SessionUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    firmId: u.firmId,
    firmName: u.firmName,
    clientId: u.clientId,
    twoFactorEnabled: u.twoFactorEnabled,
  };
}

/** @CurrentUser() user: AuthUser — the authenticated user (routes behind the access guard only). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<Request>().user as AuthUser | undefined;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});

export function requestContext(req: Request): RequestContext {
  const ua = req.headers['user-agent'];
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? null,
    userAgent: typeof ua === 'string' ? ua : null,
    correlationId: (req as Request & { correlationId?: string }).correlationId ?? null,
  };
}

/** @Ctx() ctx: RequestContext — IP, user agent and correlation id, for the audit log and throttling. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => requestContext(ctx.switchToHttp().getRequest<Request>()));
