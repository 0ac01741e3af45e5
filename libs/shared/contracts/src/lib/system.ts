/** GET /api/health */
export interface HealthResponse {
  readonly status: 'ok';
  readonly database: 'up';
  readonly version: string;
}

/** GET /api/meta: what the portal needs to know before sign-in. */
export interface MetaResponse {
  readonly product: 'Lotline';
  readonly version: string;
  readonly demo: boolean;
  /** Stripe keys configured: client checkout is available. Otherwise only firm-recorded payments. */
  readonly paymentsEnabled: boolean;
  readonly smtpEnabled: boolean;
}
