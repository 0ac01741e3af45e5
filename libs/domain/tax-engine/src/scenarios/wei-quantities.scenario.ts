import type { Scenario } from './scenario';

export const weiQuantities: Scenario = {
  name: 'wei-quantities',
  rule: '18-decimal quantities stay exact: 2.000000000000000002 ETH for 4000.000000000000004 is 2000/ETH, so 1 wei ' +
    'has basis 0.000000000000002; the rest (2.000000000000000001 ETH) keeps 4000.000000000000002.',
  events: [
    { id: 'b1', account: 'w', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '4000.000000000000004 USD', received: '2.000000000000000002 ETH' },
    { id: 's1', account: 'w', at: '2023-02-01T00:00:00Z', type: 'sell', sent: '0.000000000000000001 ETH', received: '0.000000000000003 USD' },
    { id: 's2', account: 'w', at: '2023-03-01T00:00:00Z', type: 'sell', sent: '2.000000000000000001 ETH', received: '5000 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', quantity: '0.000000000000000001', proceeds: '0.000000000000003', costBasis: '0.000000000000002', gain: '0.000000000000001' },
      { eventId: 's2', quantity: '2.000000000000000001', proceeds: '5000', costBasis: '4000.000000000000002', gain: '999.999999999999998' },
    ],
    holdings: [],
  },
};
