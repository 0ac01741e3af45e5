import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { PureAbility } from '@casl/ability';
import { defineAbilityFor, type AppAbility } from '@lotline/authz';
import type { Role, SessionResponse, SessionUser } from '@lotline/contracts';
import { Observable, catchError, finalize, map, of, shareReplay } from 'rxjs';
import { silent } from './http-context';

/** An ability that allows nothing but keeps the shared definition's subject-type detection. */
export function createEmptyAbility(): AppAbility {
  const ability = defineAbilityFor({ id: '-', firmId: '-', role: 'client', clientId: null });
  ability.update([]);
  return ability;
}

/** Where a signed-in user starts. */
export function homeFor(role: Role): string {
  return role === 'client' ? '/workspace' : '/clients';
}

/**
 * The signed-in session. The access token lives only in this service's memory (never in storage); the refresh token
 * is the httpOnly cookie the browser sends to /api/auth. `user` drives the shell; the CASL ability follows the user.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly ability = inject(PureAbility) as unknown as AppAbility;
  private readonly token = signal<string | null>(null);
  private readonly current = signal<SessionUser | null>(null);
  private refreshing: Observable<boolean> | null = null;

  readonly user = this.current.asReadonly();
  readonly signedIn = computed(() => this.current() !== null);
  readonly role = computed(() => this.current()?.role ?? null);
  readonly isStaff = computed(() => this.role() === 'firm_admin' || this.role() === 'preparer');

  accessToken(): string | null {
    return this.token();
  }

  /** Takes a session answered by sign-in, sign-up, invitation acceptance or refresh. */
  apply(session: SessionResponse): void {
    this.token.set(session.accessToken);
    this.current.set(session.user);
    const { id, firmId, role, clientId } = session.user;
    this.ability.update(defineAbilityFor({ id, firmId, role, clientId }).rules);
  }

  /** Local change to the user (e.g. 2FA turned on) without a new token. */
  patchUser(patch: Partial<SessionUser>): void {
    this.current.update((u) => (u ? { ...u, ...patch } : u));
  }

  clear(): void {
    this.token.set(null);
    this.current.set(null);
    this.ability.update([]);
  }

  /**
   * Exchanges the refresh cookie for a new session. Concurrent callers share one request (the cookie rotates, so two
   * parallel refreshes would look like reuse). Emits whether a session is now active; never errors.
   */
  refresh(): Observable<boolean> {
    this.refreshing ??= this.http.post<SessionResponse>('/api/auth/refresh', null, { withCredentials: true, context: silent() }).pipe(
      map((session) => {
        this.apply(session);
        return true;
      }),
      catchError(() => {
        this.clear();
        return of(false);
      }),
      finalize(() => (this.refreshing = null)),
      shareReplay(1),
    );
    return this.refreshing;
  }

  /** Revokes the session on the server (best effort) and forgets it here. */
  signOut(): Observable<void> {
    return this.http.post<void>('/api/auth/sign-out', null, { withCredentials: true, context: silent() }).pipe(
      catchError(() => of(undefined)),
      map(() => this.clear()),
    );
  }
}
