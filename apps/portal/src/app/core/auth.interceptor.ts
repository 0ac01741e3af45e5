import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { SessionService } from './session.service';

/** Calls that establish or end a session: a 401 from them is an answer, not an expired token. */
const SESSION_CALLS = ['/api/auth/refresh', '/api/auth/sign-in', '/api/auth/sign-up', '/api/auth/sign-out', '/api/invitations/accept'];

function isApi(url: string): boolean {
  return url.startsWith('/api/');
}

function isSessionCall(url: string): boolean {
  const path = url.split('?')[0];
  return SESSION_CALLS.some((p) => path === p || path.startsWith(`${p}/`));
}

function withToken(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/**
 * Adds the bearer token to API calls. On a 401 from an ordinary call it refreshes once and retries once; the retry
 * goes straight to the next handler, so a second 401 is final (no loop). A failed refresh signs out locally.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApi(req.url) || isSessionCall(req.url)) return next(req);
  const session = inject(SessionService);
  const router = inject(Router);
  return next(withToken(req, session.accessToken())).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      return session.refresh().pipe(
        switchMap((ok) => {
          if (ok) return next(withToken(req, session.accessToken()));
          void router.navigate(['/sign-in'], { queryParams: { returnUrl: router.url } });
          return throwError(() => error);
        }),
      );
    }),
  );
};
