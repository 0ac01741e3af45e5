/** Stable error codes shared by api, portal and cli. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every error response body has this shape. */
export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  /** Field-level details, e.g. for validation errors. */
  readonly details?: readonly { readonly field: string; readonly message: string }[];
  /** Quote this to support; it is in the server log next to the real cause. */
  readonly correlationId: string;
}
