import type { Scenario } from './scenario';

export const outlierTable: Scenario = {
  name: 'outlier-table',
  rule:
    'Against the table (3,000 daily close, threshold 25%): s1 at 3,100 (+3.3%) and b1 at 2,300 (-23.3%) pass; s2 at ' +
    '4,500 (+50%) is a price outlier: low severity, not blocking.',
  events: [
    { id: 'b1', account: 'coinbase', at: '2024-06-01T09:00:00Z', type: 'buy', sent: '2300 USD', received: '1 ETH' },
    { id: 's1', account: 'coinbase', at: '2024-06-01T10:00:00Z', type: 'sell', sent: '0.5 ETH', received: '1550 USD' },
    { id: 's2', account: 'coinbase', at: '2024-06-01T11:00:00Z', type: 'sell', sent: '0.5 ETH', received: '2250 USD' },
  ],
  priceTable: [{ asset: 'ETH', at: '2024-06-01', usd: '3000', source: 'daily close' }],
  expect: {
    warnings: [{ id: 'price-outlier:s2', kind: 'price-outlier', severity: 'low', blocking: false, status: 'open' }],
  },
};
