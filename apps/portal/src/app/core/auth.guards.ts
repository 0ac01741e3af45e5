import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@lotline/contracts';
import { SessionService, homeFor } from './session.service';

/** Signed in, else to /sign-in with the wanted address to come back to. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const session = inject(SessionService);
  return session.signedIn() || inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Signed in with one of `roles`; signed-out users go to /sign-in, others to their own start page. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const session = inject(SessionService);
    const router = inject(Router);
    const role = session.role();
    if (role === null) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
    return roles.includes(role) || router.parseUrl(homeFor(role));
  };
}

/** Pages for signed-out users (sign-in, sign-up): a signed-in user goes to their start page. */
export const signedOutGuard: CanActivateFn = () => {
  const role = inject(SessionService).role();
  return role === null || inject(Router).parseUrl(homeFor(role));
};
