import type { Scenario } from './scenario';

export const unpricedTrade: Scenario = {
  name: 'unpriced-trade',
  rule: 'A crypto-for-crypto trade without FMV is never silent: $0 proceeds and $0 basis for the new units, with a ' +
    'blocking unpriced-event warning naming the event.',
  events: [
    { id: 'b1', account: 'a', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '1000 USD', received: '1 ETH' },
    { id: 't1', account: 'a', at: '2023-02-01T00:00:00Z', type: 'trade', sent: '1 ETH', received: '100 XYZ' },
  ],
  expect: {
    disposals: [{ eventId: 't1', asset: 'ETH', proceeds: '0', costBasis: '1000', gain: '-1000' }],
    lots: [
      { id: 'b1', asset: 'ETH', remainingQuantity: '0' },
      { id: 't1', asset: 'XYZ', quantity: '100', costBasis: '0' },
    ],
    warnings: [{ code: 'unpriced-event', blocking: true, eventIds: ['t1'] }],
  },
};
