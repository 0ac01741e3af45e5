import type { Scenario } from './scenario';

export const matchFeeTolerance: Scenario = {
  name: 'match-fee-tolerance',
  rule:
    'Fee tolerance 1% of sent, received <= sent. All gaps 1 h (0.25 x 1/72 = 0.0035). Fee 0.0005 (5% of the ' +
    'tolerance): 0.99 - 0.0035 - 0.0125 = 0.974, high, applied. Fee 0.01 (exactly the tolerance): 0.7365, medium, a ' +
    'suggestion. Fee 0.0101 (over) and received 1.0001 > sent 1: no candidate (uncategorised inflows).',
  events: [
    { id: 'w1', account: 'A', at: '2024-08-01T00:00:00Z', type: 'withdrawal', sent: '1 BTC' },
    { id: 'd1', account: 'B', at: '2024-08-01T01:00:00Z', type: 'deposit', received: '0.9995 BTC', usd: '59970' },
    { id: 'w2', account: 'A', at: '2024-09-01T00:00:00Z', type: 'withdrawal', sent: '1 BTC' },
    { id: 'd2', account: 'B', at: '2024-09-01T01:00:00Z', type: 'deposit', received: '0.99 BTC', usd: '59400' },
    { id: 'w3', account: 'A', at: '2024-10-01T00:00:00Z', type: 'withdrawal', sent: '1 BTC' },
    { id: 'd3', account: 'B', at: '2024-10-01T01:00:00Z', type: 'deposit', received: '0.9899 BTC', usd: '59394' },
    { id: 'w4', account: 'A', at: '2024-11-01T00:00:00Z', type: 'withdrawal', sent: '1 BTC' },
    { id: 'd4', account: 'B', at: '2024-11-01T01:00:00Z', type: 'deposit', received: '1.0001 BTC', usd: '60006' },
  ],
  expect: {
    matches: [{ id: 'w1>d1', confidence: 0.974, tier: 'high', origin: 'auto', fee: '0.0005' }],
    suggestions: [{ id: 'w2>d2', confidence: 0.7365, tier: 'medium', origin: 'suggested', fee: '0.01' }],
    warnings: [
      { id: 'unmatched-withdrawal:w2' },
      { id: 'unmatched-deposit:d2' },
      { id: 'unmatched-withdrawal:w3' },
      { id: 'uncategorised-inflow:d3' },
      { id: 'unmatched-withdrawal:w4' },
      { id: 'uncategorised-inflow:d4' },
    ],
  },
};
