import type { Scenario } from './scenario';

export const resolveMarkExternal: Scenario = {
  name: 'resolve-mark-external',
  rule:
    'An unmatched deposit (it had a suggestion) marked as external staking income: it becomes income at its 150 ' +
    'value; the withdrawal it was suggested for stays unmatched.',
  events: [
    { id: 'w1', account: 'A', at: '2024-05-01T00:00:00Z', type: 'withdrawal', sent: '1 SOL' },
    { id: 'd1', account: 'B', at: '2024-05-03T23:00:00Z', type: 'deposit', received: '1 SOL', usd: '150' },
  ],
  resolutions: [{ id: 'r1', payload: { action: 'mark-external', eventId: 'd1', category: { as: 'income', incomeKind: 'staking' } } }],
  expect: {
    suggestions: [],
    warnings: [{ id: 'unmatched-withdrawal:w1' }],
    events: [
      { id: 'w1', type: 'withdrawal' },
      { id: 'd1', type: 'income', incomeKind: 'staking', usdValue: '150' },
    ],
    years: [{ taxYear: 2024, income: '150' }],
  },
};
