import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SignInResponse } from '@lotline/contracts';
import { CLOCK, type Clock } from '../common/clock';
import { RUNTIME, type Runtime } from '../common/runtime';
import type { IssuedSession } from './token.service';

export const REFRESH_COOKIE = 'lotline_refresh';
const COOKIE_PATH = '/api/auth';

/** The refresh token travels only in this httpOnly, SameSite=Strict cookie (Secure when PUBLIC_URL is https). */
@Injectable()
export class SessionCookie {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get secure(): boolean {
    return this.runtime.config.publicUrl.startsWith('https://');
  }

  /** Sets the cookie for a new session and returns the body; a 2FA challenge sets nothing. */
  send(res: Response, issued: IssuedSession | { readonly response: SignInResponse }): SignInResponse {
    if ('refreshToken' in issued) {
      res.cookie(REFRESH_COOKIE, issued.refreshToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.secure,
        path: COOKIE_PATH,
        maxAge: Math.max(0, issued.refreshExpiresAt.getTime() - this.clock().getTime()),
      });
    }
    return issued.response;
  }

  read(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
  }

  clear(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: COOKIE_PATH });
  }
}
