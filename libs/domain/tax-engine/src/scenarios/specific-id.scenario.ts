import type { Scenario } from './scenario';

export const specificId: Scenario = {
  name: 'specific-id',
  rule: 'Specific ID with a LIFO standing order: s1 picks all of b2, the other 0.5 follows LIFO (b3); s2 has no picks ' +
    '(LIFO: rest of b3); s3 picks b2 again, which is used up: blocking warning, standing order takes b1.',
  settings: { years: { '2023': { method: 'specific-id', standingOrder: 'lifo' } } },
  specificId: [
    { eventId: 's1', picks: [{ lotId: 'b2', quantity: '1' }] },
    { eventId: 's3', picks: [{ lotId: 'b2', quantity: '0.5' }] },
  ],
  events: [
    { id: 'b1', account: 'a', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '1000 USD', received: '1 ETH' },
    { id: 'b2', account: 'a', at: '2023-02-01T00:00:00Z', type: 'buy', sent: '2000 USD', received: '1 ETH' },
    { id: 'b3', account: 'a', at: '2023-03-01T00:00:00Z', type: 'buy', sent: '3000 USD', received: '1 ETH' },
    { id: 's1', account: 'a', at: '2023-04-01T00:00:00Z', type: 'sell', sent: '1.5 ETH', received: '4500 USD' },
    { id: 's2', account: 'a', at: '2023-05-01T00:00:00Z', type: 'sell', sent: '0.5 ETH', received: '1000 USD' },
    { id: 's3', account: 'a', at: '2023-06-01T00:00:00Z', type: 'sell', sent: '0.5 ETH', received: '600 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', lotId: 'b2', quantity: '1', proceeds: '3000', costBasis: '2000', gain: '1000', method: 'specific-id' },
      { eventId: 's1', lotId: 'b3', quantity: '0.5', proceeds: '1500', costBasis: '1500', gain: '0', method: 'specific-id' },
      { eventId: 's2', lotId: 'b3', quantity: '0.5', proceeds: '1000', costBasis: '1500', gain: '-500', method: 'specific-id' },
      { eventId: 's3', lotId: 'b1', quantity: '0.5', proceeds: '600', costBasis: '500', gain: '100', method: 'specific-id' },
    ],
    warnings: [{ code: 'specific-id-invalid-pick', blocking: true, eventIds: ['s3'], quantity: '0.5' }],
  },
};
