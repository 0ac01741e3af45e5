import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChangePasswordRequest,
  FirmSignUpRequest,
  SessionResponse,
  SignInRequest,
  SignInResponse,
  TwoFactorEnrolResponse,
  TwoFactorSignInRequest,
  TwoFactorVerifyResponse,
} from '@lotline/contracts';
import { Observable, tap } from 'rxjs';
import { SessionService } from '../core/session.service';

/** Sign-up, sign-in (with the second factor), password and 2FA enrolment. Sessions answered are applied. */
@Injectable({ providedIn: 'root' })
export class AuthApiService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  signUp(body: FirmSignUpRequest): Observable<SessionResponse> {
    return this.http.post<SessionResponse>('/api/auth/sign-up', body, { withCredentials: true }).pipe(tap((s) => this.session.apply(s)));
  }

  signIn(body: SignInRequest): Observable<SignInResponse> {
    return this.http.post<SignInResponse>('/api/auth/sign-in', body, { withCredentials: true }).pipe(
      tap((r) => {
        if (r.kind === 'session') this.session.apply(r);
      }),
    );
  }

  signInTwoFactor(body: TwoFactorSignInRequest): Observable<SessionResponse> {
    return this.http.post<SessionResponse>('/api/auth/sign-in/2fa', body, { withCredentials: true }).pipe(tap((s) => this.session.apply(s)));
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password', body);
  }

  enrolTwoFactor(): Observable<TwoFactorEnrolResponse> {
    return this.http.post<TwoFactorEnrolResponse>('/api/auth/2fa/enrol', {});
  }

  verifyTwoFactor(code: string): Observable<TwoFactorVerifyResponse> {
    return this.http.post<TwoFactorVerifyResponse>('/api/auth/2fa/verify', { code }).pipe(tap(() => this.session.patchUser({ twoFactorEnabled: true })));
  }
}
