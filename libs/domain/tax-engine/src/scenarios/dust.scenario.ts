import type { Scenario } from './scenario';

export const dust: Scenario = {
  name: 'dust',
  rule: 'Dust is tracked, not dropped: 1 satoshi left after a sale is later spent as a fee (basis 0.00001); ' +
    'a further 1e-18 BTC sale has no lot: a zero-basis shortfall row and a blocking warning for exactly that quantity.',
  events: [
    { id: 'b1', account: 'd', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '1000 USD', received: '1 BTC' },
    { id: 's1', account: 'd', at: '2023-02-01T00:00:00Z', type: 'sell', sent: '0.99999999 BTC', received: '999.99999 USD' },
    { id: 'f1', account: 'd', at: '2023-03-01T00:00:00Z', type: 'fee', fee: '0.00000001 BTC', feeUsd: '0.0003' },
    { id: 's2', account: 'd', at: '2023-04-01T00:00:00Z', type: 'sell', sent: '0.000000000000000001 BTC', received: '0 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', leg: 'principal', quantity: '0.99999999', costBasis: '999.99999', gain: '0', missingBasis: false },
      { eventId: 'f1', leg: 'fee', quantity: '0.00000001', proceeds: '0.0003', costBasis: '0.00001', gain: '0.00029', missingBasis: false },
      { eventId: 's2', leg: 'principal', quantity: '0.000000000000000001', costBasis: '0', lotId: null, dateAcquired: null, missingBasis: true },
    ],
    warnings: [
      { code: 'missing-basis', blocking: true, quantity: '0.000000000000000001', asset: 'BTC', account: 'd' },
      { code: 'negative-balance', blocking: true, quantity: '0.000000000000000001', asset: 'BTC', account: 'd' },
    ],
    holdings: [],
  },
};
