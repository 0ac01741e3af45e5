import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionResponse } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { SessionService } from '../../core/session.service';
import { SignInPage } from './sign-in.page';

const session: SessionResponse = {
  kind: 'session',
  accessToken: 'tok',
  accessTokenExpiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u', email: 'p@x.test', displayName: 'P', role: 'preparer', firmId: 'f', firmName: 'F', clientId: null, twoFactorEnabled: true },
};

function type(el: HTMLElement, selector: string, value: string): void {
  const input = el.querySelector(selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('SignInPage', () => {
  let ctrl: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [SignInPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    ctrl = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => ctrl.verify());

  async function submitPassword() {
    const fixture = TestBed.createComponent(SignInPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    type(el, 'input[type=email]', 'p@x.test');
    type(el, 'input[type=password]', 'correct horse battery');
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const req = ctrl.expectOne({ method: 'POST', url: '/api/auth/sign-in' });
    expect(req.request.body).toEqual({ email: 'p@x.test', password: 'correct horse battery' });
    return { fixture, el, req };
  }

  it('signs in and goes to the role start page', async () => {
    const { req } = await submitPassword();
    req.flush({ ...session, user: { ...session.user, twoFactorEnabled: false } });
    expect(TestBed.inject(SessionService).accessToken()).toBe('tok');
    expect(navigate).toHaveBeenCalledWith('/clients');
  });

  it('asks for the second factor, then sends the challenge with the code (spaces removed)', async () => {
    const { fixture, el, req } = await submitPassword();
    req.flush({ kind: 'two_factor_required', challengeToken: 'ch-1' });
    await fixture.whenStable();
    expect(el.textContent).toContain('recovery codes');
    expect(TestBed.inject(SessionService).signedIn()).toBe(false);
    type(el, 'input[autocomplete=one-time-code]', '123 456');
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const second = ctrl.expectOne({ method: 'POST', url: '/api/auth/sign-in/2fa' });
    expect(second.request.body).toEqual({ challengeToken: 'ch-1', code: '123456' });
    second.flush(session);
    expect(TestBed.inject(SessionService).user()?.email).toBe('p@x.test');
    expect(navigate).toHaveBeenCalledWith('/clients');
  });

  it('returns to a same-site address it was sent from, never to another site', async () => {
    const fixture = TestBed.createComponent(SignInPage);
    fixture.componentRef.setInput('returnUrl', '//evil.test/x');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    type(el, 'input[type=email]', 'p@x.test');
    type(el, 'input[type=password]', 'correct horse battery');
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    ctrl.expectOne('/api/auth/sign-in').flush(session);
    expect(navigate).toHaveBeenCalledWith('/clients');
  });
});
