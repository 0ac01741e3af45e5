import type { Scenario } from './scenario';

export const resolveUnmatch: Scenario = {
  name: 'resolve-unmatch',
  rule:
    'An automatic match (same hash) undone by the preparer: the pair is never proposed again, both events come back ' +
    'as an unmatched withdrawal and an unmatched deposit (it had a candidate, so not an uncategorised inflow).',
  events: [
    { id: 'w1', account: 'A', at: '2024-05-01T00:00:00Z', type: 'withdrawal', sent: '2 SOL', hash: '0x1' },
    { id: 'd1', account: 'B', at: '2024-05-01T00:05:00Z', type: 'deposit', received: '2 SOL', hash: '0x1', usd: '300' },
  ],
  resolutions: [{ id: 'r1', payload: { action: 'unmatch', withdrawalId: 'w1', depositId: 'd1' } }],
  expect: {
    matches: [],
    suggestions: [],
    warnings: [{ id: 'unmatched-withdrawal:w1' }, { id: 'unmatched-deposit:d1' }],
  },
};
