import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { Role } from '@lotline/contracts';
import { provideAppAbility } from './ability';
import { roleGuard, signedInGuard, signedOutGuard } from './auth.guards';
import { SessionService } from './session.service';

@Component({ selector: 'll-stub', template: '' })
class StubPage {}

describe('route guards', () => {
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppAbility(),
        provideRouter([
          { path: 'sign-in', canActivate: [signedOutGuard], component: StubPage },
          { path: 'clients', canActivate: [roleGuard('firm_admin', 'preparer')], component: StubPage },
          { path: 'team', canActivate: [roleGuard('firm_admin')], component: StubPage },
          { path: 'workspace', canActivate: [roleGuard('client')], component: StubPage },
          { path: 'account', canActivate: [signedInGuard], component: StubPage },
        ]),
      ],
    });
    router = TestBed.inject(Router);
  });

  function signInAs(role: Role): void {
    TestBed.inject(SessionService).apply({
      kind: 'session',
      accessToken: 't',
      accessTokenExpiresAt: '2030-01-01T00:00:00Z',
      user: { id: 'u', email: 'u@x.test', displayName: 'U', role, firmId: 'f', firmName: 'F', clientId: role === 'client' ? 'c' : null, twoFactorEnabled: false },
    });
  }

  it('sends signed-out visitors to sign-in with the address to return to', async () => {
    await router.navigateByUrl('/account');
    expect(router.url).toBe('/sign-in?returnUrl=%2Faccount');
    await router.navigateByUrl('/team');
    expect(router.url).toBe('/sign-in?returnUrl=%2Fteam');
  });

  it('keeps clients out of firm pages (to their workspace)', async () => {
    signInAs('client');
    await router.navigateByUrl('/clients');
    expect(router.url).toBe('/workspace');
    await router.navigateByUrl('/team');
    expect(router.url).toBe('/workspace');
  });

  it('keeps preparers out of admin pages and staff out of the client workspace', async () => {
    signInAs('preparer');
    await router.navigateByUrl('/team');
    expect(router.url).toBe('/clients');
    await router.navigateByUrl('/workspace');
    expect(router.url).toBe('/clients');
  });

  it('lets each role reach its own pages', async () => {
    signInAs('firm_admin');
    expect(await router.navigateByUrl('/team')).toBe(true);
    expect(router.url).toBe('/team');
    expect(await router.navigateByUrl('/account')).toBe(true);
  });

  it('sends a signed-in user away from sign-in to their start page', async () => {
    signInAs('client');
    await router.navigateByUrl('/sign-in');
    expect(router.url).toBe('/workspace');
  });
});
