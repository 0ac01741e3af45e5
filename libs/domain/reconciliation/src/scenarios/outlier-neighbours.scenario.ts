import type { Scenario } from './scenario';

export const outlierNeighbours: Scenario = {
  name: 'outlier-neighbours',
  rule:
    'Without a table, each self-priced event is compared with the median unit price of up to two neighbours on each ' +
    'side within 7 days. n3 (0.5 BTC for 45,000 = 90,000/BTC) against the median of 60,000/61,000/61,500/62,000 = ' +
    '61,250: +47%, an outlier. n1 against median(61,000, 90,000) = 75,500: -20.5%, fine; n5 against 76,000: -19%, fine. ' +
    'n6, dust worth 0.01 USD (under the 1 USD minimum, where cent rounding decides the unit price), is not checked.',
  events: [
    { id: 'n1', account: 'gemini', at: '2024-06-01T00:00:00Z', type: 'sell', sent: '1 BTC', received: '60000 USD' },
    { id: 'n2', account: 'gemini', at: '2024-06-02T00:00:00Z', type: 'sell', sent: '1 BTC', received: '61000 USD' },
    { id: 'n3', account: 'gemini', at: '2024-06-03T00:00:00Z', type: 'sell', sent: '0.5 BTC', received: '45000 USD' },
    { id: 'n4', account: 'gemini', at: '2024-06-04T00:00:00Z', type: 'sell', sent: '1 BTC', received: '62000 USD' },
    { id: 'n5', account: 'gemini', at: '2024-06-05T00:00:00Z', type: 'sell', sent: '1 BTC', received: '61500 USD' },
    { id: 'n6', account: 'gemini', at: '2024-06-05T01:00:00Z', type: 'sell', sent: '0.00000011 BTC', received: '0.01 USD' },
  ],
  expect: {
    warnings: [{ id: 'price-outlier:n3', kind: 'price-outlier', blocking: false }],
  },
};
