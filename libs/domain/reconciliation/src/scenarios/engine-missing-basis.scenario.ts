import type { Scenario } from './scenario';

/** Shared by the merge check and the basis resolutions. */
export const missingBasisEvents: Scenario['events'] = [
  { id: 'b1', account: 'coinbase', at: '2024-03-01T00:00:00Z', type: 'buy', sent: '1000 USD', received: '0.5 ETH' },
  { id: 's1', account: 'coinbase', at: '2024-04-01T00:00:00Z', type: 'sell', sent: '1.5 ETH', received: '4500 USD' },
];

export const engineMissingBasis: Scenario = {
  name: 'engine-missing-basis',
  rule:
    'Selling 1.5 ETH with 0.5 held: the engine reports missing basis for 1 ETH and a negative running balance; both ' +
    'are merged as blocking reconciliation warnings with their resolutions. 8949: 0.5 ETH at basis 1,000 plus a ' +
    'shortfall row of 1 ETH at basis 0.',
  events: missingBasisEvents,
  expect: {
    warnings: [],
    merged: [
      { kind: 'missing-basis', blocking: true, code: 'missing-basis', eventIds: ['s1'], actions: ['match-pair', 'enter-basis', 'accept-zero-basis', 'explain'] },
      { kind: 'negative-balance', blocking: true, code: 'negative-balance', eventIds: ['s1'] },
    ],
    disposals: [
      { eventId: 's1', quantity: '0.5', proceeds: '1500', costBasis: '1000', missingBasis: false },
      { eventId: 's1', quantity: '1', proceeds: '3000', costBasis: '0', missingBasis: true },
    ],
  },
};
