import type { Scenario } from './scenario';

export const transferPerAccount: Scenario = {
  name: 'transfer-per-account',
  rule: 'Per-account scope: transfer 1.5 BTC, 1.499 arrive. Fee 0.001 BTC is disposed of at 45000 x 0.001/1.5 = 30 ' +
    '(FIFO from b1, basis 10). Moved units keep date and basis: 0.999 of b1 (9990) and 0.5 of b2 (10000) in b. ' +
    'Selling 1 BTC in b: 0.999 long (39960 - 9990) and 0.001 of the b2 piece short (40 - 20).',
  settings: { scope: 'per-account' },
  events: [
    { id: 'b1', account: 'a', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '10000 USD', received: '1 BTC' },
    { id: 'b2', account: 'a', at: '2023-02-01T00:00:00Z', type: 'buy', sent: '20000 USD', received: '1 BTC' },
    { id: 't1', account: 'a', at: '2023-03-01T00:00:00Z', type: 'transfer', sent: '1.5 BTC', received: '1.499 BTC', to: 'b', usd: '45000' },
    { id: 's1', account: 'b', at: '2024-01-15T00:00:00Z', type: 'sell', sent: '1 BTC', received: '40000 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 't1', leg: 'fee', account: 'a', lotId: 'b1', quantity: '0.001', proceeds: '30', costBasis: '10', gain: '20', formBox: 'C' },
      { eventId: 's1', account: 'b', lotId: 't1/1', quantity: '0.999', dateAcquired: '2023-01-01', proceeds: '39960', costBasis: '9990', gain: '29970', term: 'long', formBox: 'F', lotSourceEventIds: ['b1', 't1'] },
      { eventId: 's1', account: 'b', lotId: 't1/2', quantity: '0.001', dateAcquired: '2023-02-01', proceeds: '40', costBasis: '20', gain: '20', term: 'short', formBox: 'C', lotSourceEventIds: ['b2', 't1'] },
    ],
    holdings: [
      { taxYear: 2023, scopeKey: 'a', quantity: '0.5', costBasis: '10000' },
      { taxYear: 2023, scopeKey: 'b', quantity: '1.499', costBasis: '19990' },
      { taxYear: 2024, scopeKey: 'a', quantity: '0.5', costBasis: '10000' },
      { taxYear: 2024, scopeKey: 'b', quantity: '0.499', costBasis: '9980' },
    ],
    warnings: [],
  },
};
