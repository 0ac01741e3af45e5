import type { Scenario } from './scenario';

export const resolveEnterPrice: Scenario = {
  name: 'resolve-enter-price',
  rule: 'Missing price entered by the preparer with its source: usdValue 14.2, source manual; income recomputes to 14.2.',
  events: [{ id: 'i1', account: 'kraken', at: '2024-05-12T06:00:00Z', type: 'income', received: '2 DOT', kind: 'staking' }],
  resolutions: [{ id: 'r1', payload: { action: 'enter-price', eventId: 'i1', usdValue: '14.2', source: 'CoinGecko daily close 2024-05-12' }, warningIds: ['missing-price:i1'] }],
  expect: {
    warnings: [],
    events: [{ id: 'i1', usdValue: '14.2', priceSource: 'manual', resolutionIds: ['r1'] }],
    merged: [],
    years: [{ taxYear: 2024, income: '14.2' }],
  },
};
