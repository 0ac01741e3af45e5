import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionResponse } from '@lotline/contracts';
import { provideAppAbility } from './ability';
import { authInterceptor } from './auth.interceptor';
import { SessionService } from './session.service';

function session(token: string): SessionResponse {
  return {
    kind: 'session',
    accessToken: token,
    accessTokenExpiresAt: '2030-01-01T00:00:00Z',
    user: { id: 'u1', email: 'a@x.test', displayName: 'A', role: 'firm_admin', firmId: 'f1', firmName: 'F', clientId: null, twoFactorEnabled: false },
  };
}

const unauthorized = { status: 401, statusText: 'Unauthorized' };
const body401 = { code: 'UNAUTHENTICATED', message: 'Sign in to continue.', correlationId: 'c' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let ctrl: HttpTestingController;
  let sessionSvc: SessionService;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideAppAbility()],
    });
    http = TestBed.inject(HttpClient);
    ctrl = TestBed.inject(HttpTestingController);
    sessionSvc = TestBed.inject(SessionService);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    sessionSvc.apply(session('old'));
  });

  afterEach(() => ctrl.verify());

  it('sends the in-memory access token as a bearer header to the api only', () => {
    http.get('/api/clients').subscribe();
    http.get('https://elsewhere.test/x').subscribe();
    expect(ctrl.expectOne('/api/clients').request.headers.get('Authorization')).toBe('Bearer old');
    expect(ctrl.expectOne('https://elsewhere.test/x').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes once on a 401 and retries the call with the new token', () => {
    let result: unknown;
    http.get('/api/clients').subscribe((r) => (result = r));
    ctrl.expectOne('/api/clients').flush(body401, unauthorized);
    const refresh = ctrl.expectOne('/api/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(session('new'));
    const retry = ctrl.expectOne('/api/clients');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ items: [] });
    expect(result).toEqual({ items: [] });
    expect(sessionSvc.accessToken()).toBe('new');
  });

  it('does not loop: a second 401 after the retry is final', () => {
    let error: HttpErrorResponse | undefined;
    http.get('/api/clients').subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    ctrl.expectOne('/api/clients').flush(body401, unauthorized);
    ctrl.expectOne('/api/auth/refresh').flush(session('new'));
    ctrl.expectOne('/api/clients').flush(body401, unauthorized);
    ctrl.expectNone('/api/auth/refresh');
    ctrl.expectNone('/api/clients');
    expect(error?.status).toBe(401);
  });

  it('shares one refresh between concurrent 401s (the cookie rotates)', () => {
    http.get('/api/clients').subscribe();
    http.get('/api/team').subscribe();
    ctrl.expectOne('/api/clients').flush(body401, unauthorized);
    ctrl.expectOne('/api/team').flush(body401, unauthorized);
    ctrl.expectOne('/api/auth/refresh').flush(session('new'));
    expect(ctrl.expectOne('/api/clients').request.headers.get('Authorization')).toBe('Bearer new');
    expect(ctrl.expectOne('/api/team').request.headers.get('Authorization')).toBe('Bearer new');
  });

  it('signs out locally and goes to sign-in when the refresh is refused', () => {
    let error: HttpErrorResponse | undefined;
    http.get('/api/clients').subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    ctrl.expectOne('/api/clients').flush(body401, unauthorized);
    ctrl.expectOne('/api/auth/refresh').flush(body401, unauthorized);
    expect(error?.status).toBe(401);
    expect(sessionSvc.user()).toBeNull();
    expect(sessionSvc.accessToken()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], expect.objectContaining({ queryParams: expect.any(Object) }));
  });

  it('treats a 401 from sign-in as an answer, not an expired token', () => {
    let error: HttpErrorResponse | undefined;
    http.post('/api/auth/sign-in', { email: 'a@x.test', password: 'wrong' }).subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    const req = ctrl.expectOne('/api/auth/sign-in');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(body401, unauthorized);
    ctrl.expectNone('/api/auth/refresh');
    expect(error?.status).toBe(401);
  });

  it('passes other errors through without refreshing', () => {
    let error: HttpErrorResponse | undefined;
    http.get('/api/audit').subscribe({ error: (e: HttpErrorResponse) => (error = e) });
    ctrl.expectOne('/api/audit').flush({ code: 'FORBIDDEN', message: 'No', correlationId: 'c' }, { status: 403, statusText: 'Forbidden' });
    ctrl.expectNone('/api/auth/refresh');
    expect(error?.status).toBe(403);
  });
});
