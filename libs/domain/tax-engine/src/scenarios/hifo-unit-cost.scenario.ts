import type { Scenario } from './scenario';

export const hifoUnitCost: Scenario = {
  name: 'hifo-unit-cost',
  rule: 'HIFO orders by per-unit basis including acquisition fees, not by price paid: b1 100+50 fee = 150/unit beats ' +
    'b3 130+10 = 140 and b2 120. 1.5 ABC for 300: b1 gets 200 (basis 150), half of b3 gets 100 (basis 70).',
  settings: { defaultMethod: 'hifo' },
  events: [
    { id: 'b1', account: 'x', at: '2023-01-10T00:00:00Z', type: 'buy', sent: '100 USD', received: '1 ABC', fee: '50 USD' },
    { id: 'b2', account: 'x', at: '2023-01-11T00:00:00Z', type: 'buy', sent: '120 USD', received: '1 ABC' },
    { id: 'b3', account: 'x', at: '2023-01-12T00:00:00Z', type: 'buy', sent: '130 USD', received: '1 ABC', fee: '10 USD' },
    { id: 's1', account: 'x', at: '2023-03-01T00:00:00Z', type: 'sell', sent: '1.5 ABC', received: '300 USD' },
  ],
  expect: {
    disposals: [
      { lotId: 'b1', quantity: '1', proceeds: '200', costBasis: '150', gain: '50' },
      { lotId: 'b3', quantity: '0.5', proceeds: '100', costBasis: '70', gain: '30' },
    ],
    holdings: [{ taxYear: 2023, asset: 'ABC', quantity: '1.5', costBasis: '190', lotCount: 2 }],
  },
};
