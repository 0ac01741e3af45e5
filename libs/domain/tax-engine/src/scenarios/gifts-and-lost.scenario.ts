import type { Scenario } from './scenario';

export const giftsAndLost: Scenario = {
  name: 'gifts-and-lost',
  rule: 'Gift in with the donor\'s basis 5000 and date 2020-01-01 (carryover: long term when sold in 2023); a gift ' +
    'without donor data takes FMV 31000 as basis with a warning. Gift out and lost units leave with their basis ' +
    '(15500, 7750) as removals, not 8949 rows.',
  giftCarryovers: [{ eventId: 'g1', costBasis: '5000', acquiredAt: '2020-01-01T00:00:00Z' }],
  events: [
    { id: 'g1', account: 'a', at: '2023-05-01T00:00:00Z', type: 'gift_in', received: '1 BTC', usd: '30000' },
    { id: 'g2', account: 'a', at: '2023-05-02T00:00:00Z', type: 'gift_in', received: '1 BTC', usd: '31000' },
    { id: 's1', account: 'a', at: '2023-06-01T00:00:00Z', type: 'sell', sent: '1 BTC', received: '32000 USD' },
    { id: 'go1', account: 'a', at: '2023-07-01T00:00:00Z', type: 'gift_out', sent: '0.5 BTC', usd: '16000' },
    { id: 'l1', account: 'a', at: '2023-08-01T00:00:00Z', type: 'lost', sent: '0.25 BTC' },
  ],
  expect: {
    disposals: [{ eventId: 's1', lotId: 'g1', dateAcquired: '2020-01-01', term: 'long', formBox: 'F', costBasis: '5000', gain: '27000' }],
    removals: [
      { eventId: 'go1', kind: 'gift_out', lotId: 'g2', quantity: '0.5', costBasis: '15500', fairMarketValue: '16000' },
      { eventId: 'l1', kind: 'lost', lotId: 'g2', quantity: '0.25', costBasis: '7750', fairMarketValue: null },
    ],
    warnings: [{ code: 'gift-basis-at-fmv', blocking: false, eventIds: ['g2'] }],
    holdings: [{ taxYear: 2023, quantity: '0.25', costBasis: '7750' }],
    years: [{ taxYear: 2023, removedCostBasis: '23250', longGain: '27000' }],
  },
};
