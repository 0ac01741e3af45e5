import type { Scenario } from './scenario';

export const lifoFees: Scenario = {
  name: 'lifo-fees',
  rule: 'LIFO on the fifo-fees ledger: b2 (basis 20020) first for 29970, then half of b1 (5005) for 14985.',
  settings: { defaultMethod: 'lifo' },
  events: [
    { id: 'b1', account: 'cb', at: '2023-01-10T12:00:00Z', type: 'buy', sent: '10000 USD', received: '1 BTC', fee: '10 USD' },
    { id: 'b2', account: 'cb', at: '2023-02-10T12:00:00Z', type: 'buy', sent: '20000 USD', received: '1 BTC', fee: '20 USD' },
    { id: 's1', account: 'cb', at: '2023-06-01T12:00:00Z', type: 'sell', sent: '1.5 BTC', received: '45000 USD', fee: '45 USD' },
  ],
  expect: {
    disposals: [
      { lotId: 'b2', quantity: '1', proceeds: '29970', costBasis: '20020', gain: '9950', method: 'lifo' },
      { lotId: 'b1', quantity: '0.5', proceeds: '14985', costBasis: '5005', gain: '9980', method: 'lifo' },
    ],
    holdings: [{ taxYear: 2023, asset: 'BTC', quantity: '0.5', costBasis: '5005' }],
  },
};
