import type { Role } from './enums';

/** Minimum password length; the API also refuses common passwords. */
export const PASSWORD_MIN_LENGTH = 12;

/** POST /api/auth/sign-up: creates the firm and its first firm admin. */
export interface FirmSignUpRequest {
  readonly firmName: string;
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
}

/** POST /api/auth/sign-in */
export interface SignInRequest {
  readonly email: string;
  readonly password: string;
}

/** POST /api/auth/sign-in/2fa: `code` is a 6-digit TOTP code or one of the recovery codes. */
export interface TwoFactorSignInRequest {
  readonly challengeToken: string;
  readonly code: string;
}

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly firmId: string;
  readonly firmName: string;
  /** For a client login: the client record it belongs to. */
  readonly clientId: string | null;
  readonly twoFactorEnabled: boolean;
}

/**
 * A signed-in session. The access token is short-lived (Authorization: Bearer); the refresh token travels only in the
 * httpOnly SameSite=Strict cookie `lotline_refresh` (path /api/auth) and rotates on every POST /api/auth/refresh.
 */
export interface SessionResponse {
  readonly kind: 'session';
  readonly accessToken: string;
  /** ISO time the access token expires. */
  readonly accessTokenExpiresAt: string;
  readonly user: SessionUser;
}

/** Sign-in succeeded for the password; a second factor is required. */
export interface TwoFactorChallengeResponse {
  readonly kind: 'two_factor_required';
  readonly challengeToken: string;
}

export type SignInResponse = SessionResponse | TwoFactorChallengeResponse;

/** POST /api/auth/2fa/enrol: starts enrolment (not active until verified). */
export interface TwoFactorEnrolResponse {
  readonly otpauthUri: string;
  /** QR code of the otpauth URI as an SVG document. */
  readonly qrSvg: string;
  /** The base32 secret, for manual entry. */
  readonly secret: string;
}

/** POST /api/auth/2fa/verify { code }: activates 2FA and returns 10 one-time recovery codes (shown once). */
export interface TwoFactorVerifyResponse {
  readonly recoveryCodes: readonly string[];
}

/** POST /api/auth/2fa/disable { code } -> 204: turns one's own 2FA off with a current TOTP code or a recovery code. */
export interface TwoFactorDisableRequest {
  readonly code: string;
}

/** POST /api/auth/password -> 204; every other session of the user is signed out. */
export interface ChangePasswordRequest {
  readonly currentPassword: string;
  readonly newPassword: string;
}
