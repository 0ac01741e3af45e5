import type { Scenario } from './scenario';

export const resolveCategoriseInflow: Scenario = {
  name: 'resolve-categorise-inflow',
  rule:
    'Three uncategorised inflows: d1 a gift received (gift_in), d2 a transfer from an own account not imported ' +
    '(old-wallet -> coinbase), d3 a purchase for 2,900 USD (a buy with that USD side).',
  events: [
    { id: 'd1', account: 'coinbase', at: '2024-02-01T00:00:00Z', type: 'deposit', received: '1 ETH', usd: '2300' },
    { id: 'd2', account: 'coinbase', at: '2024-03-01T00:00:00Z', type: 'deposit', received: '2 ETH', usd: '6800' },
    { id: 'd3', account: 'coinbase', at: '2024-03-02T00:00:00Z', type: 'deposit', received: '1 ETH', usd: '3000' },
  ],
  resolutions: [
    { id: 'r1', payload: { action: 'categorise-inflow', eventId: 'd1', category: { as: 'gift-received' } } },
    { id: 'r2', payload: { action: 'categorise-inflow', eventId: 'd2', category: { as: 'own-transfer', fromAccount: 'old-wallet' } } },
    { id: 'r3', payload: { action: 'categorise-inflow', eventId: 'd3', category: { as: 'purchase', usdCost: '2900' } } },
  ],
  expect: {
    warnings: [],
    events: [
      { id: 'd1', type: 'gift_in', account: 'coinbase' },
      { id: 'd2', type: 'transfer', account: 'old-wallet', toAccount: 'coinbase', sent: '2 ETH', received: '2 ETH' },
      { id: 'd3', type: 'buy', sent: '2900 USD', received: '1 ETH' },
    ],
  },
};
