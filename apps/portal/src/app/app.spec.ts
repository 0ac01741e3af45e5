import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { App } from './app';
import { SessionService } from './core/session.service';
import { NotificationsService } from './core/notifications.service';
import { provideAppAbility } from './core/ability';
import type { SessionResponse, SessionUser } from '@lotline/contracts';

@Component({ selector: 'll-stub', template: 'stub' })
class StubPage {}

function session(user: Partial<SessionUser>): SessionResponse {
  return {
    kind: 'session',
    accessToken: 't',
    accessTokenExpiresAt: '2030-01-01T00:00:00Z',
    user: { id: 'u1', email: 'dana@example.test', displayName: 'Dana Admin', role: 'firm_admin', firmId: 'f1', firmName: 'Demo CPA Firm', clientId: null, twoFactorEnabled: false, ...user },
  };
}

describe('App shell', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([{ path: 'sign-in', component: StubPage }]), provideHttpClient(), provideHttpClientTesting(), provideAppAbility()],
    }).compileComponents();
  });

  function render() {
    const fixture = TestBed.createComponent(App);
    fixture.detectChanges();
    return fixture;
  }

  it('offers sign-in and hides the staff navigation when nobody is signed in', () => {
    const el = render().nativeElement as HTMLElement;
    expect(el.textContent).toContain('Sign in');
    expect(el.querySelector('nav')?.textContent).not.toContain('Clients');
  });

  function navLinks(el: HTMLElement): string[] {
    return [...el.querySelectorAll('nav a')].map((a) => a.textContent?.trim() ?? '');
  }

  it('shows a firm admin the whole firm navigation, the user and sign-out', async () => {
    TestBed.inject(SessionService).apply(session({}));
    const fixture = render();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(navLinks(el)).toEqual(['Clients', 'Warnings', 'Reports', 'Team', 'Audit log', 'Settings']);
    expect(el.textContent).toContain('Dana Admin · Demo CPA Firm');
    expect(el.textContent).toContain('Sign out');
  });

  it('hides firm administration from a preparer', async () => {
    TestBed.inject(SessionService).apply(session({ role: 'preparer' }));
    const fixture = render();
    await fixture.whenStable();
    expect(navLinks(fixture.nativeElement as HTMLElement)).toEqual(['Clients', 'Warnings', 'Reports']);
  });

  it('never shows a client the firm navigation', async () => {
    TestBed.inject(SessionService).apply(session({ role: 'client', clientId: 'c1' }));
    const fixture = render();
    await fixture.whenStable();
    expect(navLinks(fixture.nativeElement as HTMLElement)).toEqual(['Workspace']);
  });

  it('signs out through the api and forgets the session', async () => {
    const s = TestBed.inject(SessionService);
    s.apply(session({}));
    const fixture = render();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Sign out')) as HTMLButtonElement;
    button.click();
    TestBed.inject(HttpTestingController).expectOne({ method: 'POST', url: '/api/auth/sign-out' }).flush(null);
    await fixture.whenStable();
    expect(s.user()).toBeNull();
    expect(s.accessToken()).toBeNull();
    expect(navLinks(el)).toEqual([]);
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('shows the demo banner and version from /api/meta', async () => {
    const fixture = render();
    TestBed.inject(HttpTestingController).expectOne('/api/meta').flush({ product: 'Lotline', version: '9.9.9', demo: true, paymentsEnabled: false, smtpEnabled: false });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Demo installation');
    expect(el.querySelector('footer')?.textContent).toContain('9.9.9');
  });

  it('shows notices and lets the user dismiss them', async () => {
    const fixture = render();
    TestBed.inject(NotificationsService).error('Import failed: line 3');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Import failed: line 3');
    (el.querySelector('[role=alert] button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')).toBeNull();
  });
});
