import type { Scenario } from './scenario';

export const transferFeeCarryBasis: Scenario = {
  name: 'transfer-fee-carry-basis',
  rule: 'Firm setting carry-basis: the 0.1 BTC fee of a transfer is not a disposal; its basis (100) moves with the ' +
    '0.9 BTC that arrive (900 + 100 = 1000), so selling them for 1800 gains 800.',
  settings: { scope: 'per-account', transferFee: 'carry-basis' },
  events: [
    { id: 'b1', account: 'a', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '2000 USD', received: '2 BTC' },
    { id: 't1', account: 'a', at: '2023-03-01T00:00:00Z', type: 'transfer', sent: '1 BTC', received: '0.9 BTC', to: 'b' },
    { id: 's1', account: 'b', at: '2023-04-01T00:00:00Z', type: 'sell', sent: '0.9 BTC', received: '1800 USD' },
  ],
  expect: {
    disposals: [{ eventId: 's1', lotId: 't1/1', quantity: '0.9', costBasis: '1000', gain: '800', dateAcquired: '2023-01-01' }],
    lots: [
      { id: 'b1', account: 'a', quantity: '2', costBasis: '2000', remainingQuantity: '1', remainingCostBasis: '1000' },
      { id: 't1/1', account: 'b', quantity: '0.9', costBasis: '1000', remainingQuantity: '0', sourceEventIds: ['b1', 't1'] },
    ],
    holdings: [{ taxYear: 2023, scopeKey: 'a', quantity: '1', costBasis: '1000' }],
  },
};
