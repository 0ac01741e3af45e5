import type { Scenario } from './scenario';

export const fifoFees: Scenario = {
  name: 'fifo-fees',
  rule: 'FIFO; buy fees add to basis; the sell fee reduces proceeds, split over the lot pieces by quantity. ' +
    'Net proceeds 45000-45 = 44955: 1 BTC of b1 gets 44955/1.5 = 29970, 0.5 BTC of b2 gets 14985 and half of 20020.',
  events: [
    { id: 'b1', account: 'cb', at: '2023-01-10T12:00:00Z', type: 'buy', sent: '10000 USD', received: '1 BTC', fee: '10 USD' },
    { id: 'b2', account: 'cb', at: '2023-02-10T12:00:00Z', type: 'buy', sent: '20000 USD', received: '1 BTC', fee: '20 USD' },
    { id: 's1', account: 'cb', at: '2023-06-01T12:00:00Z', type: 'sell', sent: '1.5 BTC', received: '45000 USD', fee: '45 USD' },
  ],
  expect: {
    disposals: [
      { lotId: 'b1', quantity: '1', dateAcquired: '2023-01-10', dateSold: '2023-06-01', proceeds: '29970', costBasis: '10010', gain: '19960', term: 'short', formBox: 'C', description: '1 BTC' },
      { lotId: 'b2', quantity: '0.5', dateAcquired: '2023-02-10', dateSold: '2023-06-01', proceeds: '14985', costBasis: '10010', gain: '4975', term: 'short', formBox: 'C', description: '0.5 BTC' },
    ],
    holdings: [{ taxYear: 2023, scopeKey: '*', asset: 'BTC', quantity: '0.5', costBasis: '10010' }],
    years: [{ taxYear: 2023, method: 'fifo', scope: 'universal', shortProceeds: '44955', shortBasis: '20020', shortGain: '24935', longGain: '0' }],
    warnings: [],
  },
};
