import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PureAbility } from '@casl/ability';
import type { AppAbility } from '@lotline/authz';
import type { SessionResponse, SessionUser } from '@lotline/contracts';
import { firstValueFrom } from 'rxjs';
import { provideAppAbility } from './ability';
import { SessionService, homeFor } from './session.service';

function session(user: Partial<SessionUser> = {}): SessionResponse {
  return {
    kind: 'session',
    accessToken: 'tok',
    accessTokenExpiresAt: '2030-01-01T00:00:00Z',
    user: { id: 'u1', email: 'a@x.test', displayName: 'A', role: 'firm_admin', firmId: 'f1', firmName: 'F', clientId: null, twoFactorEnabled: false, ...user },
  };
}

describe('SessionService', () => {
  let svc: SessionService;
  let ctrl: HttpTestingController;
  let ability: AppAbility;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    svc = TestBed.inject(SessionService);
    ctrl = TestBed.inject(HttpTestingController);
    ability = TestBed.inject(PureAbility) as unknown as AppAbility;
  });

  afterEach(() => ctrl.verify());

  it('allows nothing before sign-in', () => {
    expect(svc.signedIn()).toBe(false);
    expect(ability.can('read', 'Client')).toBe(false);
  });

  it('applies the shared CASL definition for the signed-in role', () => {
    svc.apply(session({ role: 'preparer' }));
    expect(ability.can('read', 'Audit')).toBe(false);
    expect(ability.can('create', 'Client')).toBe(true);
    svc.apply(session({ role: 'firm_admin' }));
    expect(ability.can('read', 'Audit')).toBe(true);
  });

  it('keeps the access token in memory only', () => {
    const setItem = jest.spyOn(Storage.prototype, 'setItem');
    svc.apply(session());
    expect(svc.accessToken()).toBe('tok');
    expect(setItem).not.toHaveBeenCalled();
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('tok');
    expect(document.cookie).not.toContain('tok');
  });

  it('restores a session from the refresh cookie', async () => {
    const restored = firstValueFrom(svc.refresh());
    ctrl.expectOne({ method: 'POST', url: '/api/auth/refresh' }).flush(session({ role: 'client', clientId: 'c1' }));
    expect(await restored).toBe(true);
    expect(svc.role()).toBe('client');
    expect(homeFor('client')).toBe('/workspace');
  });

  it('reports no session (without throwing) when the cookie is missing or refused', async () => {
    svc.apply(session());
    const restored = firstValueFrom(svc.refresh());
    ctrl.expectOne('/api/auth/refresh').flush({ code: 'UNAUTHENTICATED', message: 'x', correlationId: 'c' }, { status: 401, statusText: 'Unauthorized' });
    expect(await restored).toBe(false);
    expect(svc.user()).toBeNull();
    expect(ability.can('read', 'Client')).toBe(false);
  });

  it('forgets the session on sign-out even when the server call fails', async () => {
    svc.apply(session());
    const done = firstValueFrom(svc.signOut());
    ctrl.expectOne({ method: 'POST', url: '/api/auth/sign-out' }).flush(null, { status: 500, statusText: 'Server error' });
    await done;
    expect(svc.accessToken()).toBeNull();
    expect(svc.signedIn()).toBe(false);
  });
});
