import type { Provider } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../common/runtime';

/**
 * The access-token HMAC key: JWT_SECRET when set; otherwise derived from the master key with HKDF (purpose
 * "jwt-signing-v1"), so every api process derives the same key and it survives restarts without being stored.
 * Rotating the master key changes it: access tokens (15 min) become invalid and clients refresh (refresh tokens are
 * opaque random values stored hashed, independent of this key).
 */
export const SIGNING_KEY = Symbol('SIGNING_KEY');

export const signingKeyProvider: Provider = {
  provide: SIGNING_KEY,
  inject: [RUNTIME],
  useFactory: (runtime: Runtime): string => runtime.config.auth.jwtSecret ?? runtime.secretBox.deriveKey('jwt-signing-v1').toString('base64'),
};
