import type { Scenario } from './scenario';

export const matchSameAccount: Scenario = {
  name: 'match-same-account',
  rule: 'A withdrawal and a deposit in the same account are never a transfer between own accounts, however close.',
  events: [
    { id: 'w1', account: 'A', at: '2024-03-01T00:00:00Z', type: 'withdrawal', sent: '1 ETH' },
    { id: 'd1', account: 'A', at: '2024-03-01T00:10:00Z', type: 'deposit', received: '1 ETH', usd: '3400' },
  ],
  expect: {
    matches: [],
    suggestions: [],
    warnings: [{ id: 'unmatched-withdrawal:w1' }, { id: 'uncategorised-inflow:d1' }],
  },
};
