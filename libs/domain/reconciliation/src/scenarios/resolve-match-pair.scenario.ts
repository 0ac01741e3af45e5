import type { Scenario } from './scenario';

export const resolveMatchPair: Scenario = {
  name: 'resolve-match-pair',
  rule:
    'The only candidate (72 h, confidence 0.74) is a suggestion; the preparer matches the pair: a manual match, the ' +
    'transfer replaces both events, no warning left.',
  events: [
    { id: 'w1', account: 'A', at: '2024-05-01T00:00:00Z', type: 'withdrawal', sent: '2 SOL' },
    { id: 'd1', account: 'B', at: '2024-05-04T00:00:00Z', type: 'deposit', received: '2 SOL', usd: '200' },
  ],
  resolutions: [{ id: 'r1', payload: { action: 'match-pair', withdrawalId: 'w1', depositId: 'd1' }, warningIds: ['unmatched-withdrawal:w1', 'unmatched-deposit:d1'] }],
  expect: {
    matches: [{ id: 'w1>d1', origin: 'manual', fee: '0' }],
    suggestions: [],
    warnings: [],
    events: [{ id: 'w1>d1', type: 'transfer', account: 'A', toAccount: 'B', sent: '2 SOL', received: '2 SOL', fee: null, usdValue: '200', resolutionIds: ['r1'] }],
  },
};
