import type { Scenario } from './scenario';

export const policyBlocking: Scenario = {
  name: 'policy-blocking',
  rule: 'A firm policy listing price-outlier makes the (normally non-blocking, low) outlier of s2 blocking, severity medium.',
  policy: { blockingKinds: ['price-outlier'] },
  events: [
    { id: 's1', account: 'coinbase', at: '2024-06-01T10:00:00Z', type: 'sell', sent: '0.5 ETH', received: '1550 USD' },
    { id: 's2', account: 'coinbase', at: '2024-06-01T11:00:00Z', type: 'sell', sent: '0.5 ETH', received: '2250 USD' },
  ],
  priceTable: [{ asset: 'ETH', at: '2024-06-01', usd: '3000', source: 'daily close' }],
  expect: {
    warnings: [{ id: 'price-outlier:s2', kind: 'price-outlier', severity: 'medium', blocking: true }],
  },
};
