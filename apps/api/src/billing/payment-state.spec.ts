import { ConfigError, loadConfig } from '../config/app-config';
import { advances, centsOf, effectivePrice, entitlementOf } from './payment-state';
import { scrubSecrets, stripeStatus } from './stripe-gateway';

const at = (iso: string) => new Date(iso);

describe('payment states', () => {
  it('only move forward, so every delivery order converges', () => {
    const orders = [
      ['paid', 'refunded', 'failed'],
      ['refunded', 'paid', 'failed'],
      ['failed', 'refunded', 'paid'],
    ] as const;
    for (const order of orders) {
      const final = order.reduce<'pending' | 'paid' | 'refunded' | 'failed'>((s, target) => (advances(s, target) ? target : s), 'pending');
      expect(final).toBe('refunded');
    }
    expect(advances('paid', 'pending')).toBe(false);
    expect(advances('refunded', 'paid')).toBe(false);
    expect(advances('pending', 'failed')).toBe(true);
  });

  it('prices from the client override, else the firm, in whole cents as text', () => {
    expect(effectivePrice('49', null)).toEqual({ priceUsd: '49.00', source: 'firm' });
    expect(effectivePrice('49.00', '12.5')).toEqual({ priceUsd: '12.50', source: 'client' });
    expect(centsOf('1234567890.99')).toBe('123456789099');
    expect(centsOf('0.5')).toBe('50');
  });

  it('explains the entitlement in plain words', () => {
    const base = { createdAt: at('2026-02-01T10:00:00Z'), refundedAt: null, failureReason: null };
    expect(entitlementOf([], '49.00', 2025)).toEqual({ paid: false, reason: 'Not paid yet: the 2025 report costs $49.00.', paymentId: null });
    expect(entitlementOf([], '0.00', 2025)).toEqual({ paid: true, reason: null, paymentId: null });
    expect(entitlementOf([{ ...base, id: 'p1', status: 'refunded', refundedAt: at('2026-03-04T23:00:00Z') }], '49.00', 2025)).toEqual({ paid: false, reason: 'Payment refunded on 2026-03-04.', paymentId: 'p1' });
    expect(entitlementOf([{ ...base, id: 'p2', status: 'pending' }], '49.00', 2025).reason).toBe('Payment not completed yet: a checkout was started on 2026-02-01.');
    expect(entitlementOf([{ ...base, id: 'p3', status: 'failed', failureReason: 'The checkout expired without a payment.' }], '49.00', 2025).reason).toBe('Payment failed: The checkout expired without a payment.');
    // A paid record wins over newer failed attempts.
    expect(entitlementOf([{ ...base, id: 'p4', status: 'failed' }, { ...base, id: 'p5', status: 'paid' }], '49.00', 2025)).toEqual({ paid: true, reason: null, paymentId: 'p5' });
  });
});

describe('Stripe configuration', () => {
  it('is off without keys, off without the webhook secret, and tells test from live by the key prefix', () => {
    expect(stripeStatus(loadConfig({}).stripe)).toMatchObject({ configured: false, mode: null, reason: expect.stringMatching(/STRIPE_SECRET_KEY is not set/) });
    expect(stripeStatus(loadConfig({ STRIPE_SECRET_KEY: 'sk_live_abc' }).stripe)).toMatchObject({ configured: false, mode: 'live', reason: expect.stringMatching(/STRIPE_WEBHOOK_SECRET/) });
    expect(stripeStatus(loadConfig({ STRIPE_SECRET_KEY: 'rk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).stripe)).toEqual({ configured: true, mode: 'test', reason: null });
  });

  it('rejects malformed keys without echoing them', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'pk_test_publishable123' })).toThrow(ConfigError);
    try {
      loadConfig({ STRIPE_SECRET_KEY: 'pk_test_publishable123' });
    } catch (e) {
      expect((e as Error).message).not.toContain('publishable123');
    }
    expect(() => loadConfig({ STRIPE_WEBHOOK_SECRET: 'nope' })).toThrow(/STRIPE_WEBHOOK_SECRET must be a webhook signing secret/);
    expect(() => loadConfig({ STRIPE_API_PROTOCOL: 'ftp' })).toThrow(/STRIPE_API_PROTOCOL must be one of http, https/);
  });

  it('masks anything that looks like a key in messages', () => {
    expect(scrubSecrets('Invalid API Key provided: sk_test_abc123 and whsec_zz9')).toBe('Invalid API Key provided: [redacted] and [redacted]');
  });
});
