import type { Scenario } from './scenario';

export const resolveMarkSent: Scenario = {
  name: 'resolve-mark-sent',
  rule:
    'Two unmatched withdrawals marked as sent to third parties: w1 as a gift (gift_out, a removal) and w2 as a ' +
    'disposal (spend at its 600 value). Recomputed: one 8949 row, 0.2 ETH bought at 2,000 = basis 400, gain 200.',
  events: [
    { id: 'b1', account: 'coinbase', at: '2024-01-05T00:00:00Z', type: 'buy', sent: '4000 USD', received: '2 ETH' },
    { id: 'w1', account: 'coinbase', at: '2024-02-01T00:00:00Z', type: 'withdrawal', sent: '0.5 ETH', usd: '1500' },
    { id: 'w2', account: 'coinbase', at: '2024-03-01T00:00:00Z', type: 'withdrawal', sent: '0.2 ETH', usd: '600' },
  ],
  resolutions: [
    { id: 'r1', payload: { action: 'mark-sent-to-third-party', eventId: 'w1', as: 'gift' } },
    { id: 'r2', payload: { action: 'mark-sent-to-third-party', eventId: 'w2', as: 'disposal' } },
  ],
  expect: {
    warnings: [],
    events: [
      { id: 'b1', type: 'buy' },
      { id: 'w1', type: 'gift_out', resolutionIds: ['r1'] },
      { id: 'w2', type: 'spend', resolutionIds: ['r2'] },
    ],
    disposals: [{ eventId: 'w2', quantity: '0.2', proceeds: '600', costBasis: '400', gain: '200' }],
    merged: [],
  },
};
