import type { Scenario } from './scenario';

export const depositsWithdrawals: Scenario = {
  name: 'deposits-withdrawals',
  rule: 'Unmatched deposits are acquisitions at their USD value (unpriced: zero basis, flagged) and unmatched ' +
    'withdrawals remove lots without a disposal; each raises a blocking warning until reconciled.',
  events: [
    { id: 'd1', account: 'a', at: '2023-01-01T00:00:00Z', type: 'deposit', received: '1 BTC', usd: '20000' },
    { id: 'd2', account: 'a', at: '2023-01-02T00:00:00Z', type: 'deposit', received: '1 BTC' },
    { id: 'w1', account: 'a', at: '2023-02-01T00:00:00Z', type: 'withdrawal', sent: '1.5 BTC' },
  ],
  expect: {
    disposals: [],
    removals: [
      { eventId: 'w1', kind: 'withdrawal', lotId: 'd1', quantity: '1', costBasis: '20000' },
      { eventId: 'w1', kind: 'withdrawal', lotId: 'd2', quantity: '0.5', costBasis: '0' },
    ],
    lots: [
      { id: 'd1', missingBasis: false, costBasis: '20000' },
      { id: 'd2', missingBasis: true, costBasis: '0' },
    ],
    warnings: [
      { code: 'unreconciled-deposit', blocking: true, eventIds: ['d1'] },
      { code: 'unreconciled-deposit', blocking: true, eventIds: ['d2'] },
      { code: 'unpriced-event', blocking: true, eventIds: ['d2'] },
      { code: 'unreconciled-withdrawal', blocking: true, eventIds: ['w1'], quantity: '1.5' },
    ],
  },
};
