import type { IncomingMessage } from 'node:http';

/** The Stripe webhook route: its exact bytes are what Stripe signed. */
export const STRIPE_WEBHOOK_PATH = '/api/billing/stripe/webhook';

export type WithRawBody = IncomingMessage & { rawBody?: Buffer };

/**
 * express.json `verify` hook: keeps the unparsed body of the Stripe webhook route only (req.rawBody), so the signature
 * is checked over the bytes Stripe sent, not over re-serialised JSON. Every other route keeps only the parsed body.
 */
export function keepWebhookRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  const path = (req.url ?? '').split('?')[0];
  if (path === STRIPE_WEBHOOK_PATH) (req as WithRawBody).rawBody = Buffer.from(buf);
}
