import type { Scenario } from './scenario';

/** Shared by the duplicate detector and its two resolutions. */
export const duplicateEvents: Scenario['events'] = [
  { id: 'a1', account: 'coinbase', at: '2024-07-01T10:00:00Z', type: 'buy', sent: '6000 USD', received: '0.1 BTC', file: 'coinbase.csv' },
  { id: 'a2', account: 'coinbase', at: '2024-07-01T10:00:30Z', type: 'buy', sent: '6000 USD', received: '0.1 BTC', file: 'coinbase-api.csv' },
  { id: 'a3', account: 'kraken', at: '2024-07-01T10:05:00Z', type: 'buy', sent: '6000 USD', received: '0.1 BTC' },
  { id: 'a4', account: 'kraken', at: '2024-07-01T10:00:10Z', type: 'sell', sent: '0.1 BTC', received: '6000 USD' },
];

export const duplicates: Scenario = {
  name: 'duplicates',
  rule:
    'Same direction, type, asset and amount within 60 s, from different sources or accounts: a1/a2 (30 s apart, ' +
    'two files). a3 is 5 min later (outside the window); a4 goes the other way (a sell).',
  events: duplicateEvents,
  expect: {
    warnings: [{ id: 'possible-duplicate:a1,a2', kind: 'possible-duplicate', blocking: true, eventIds: ['a1', 'a2'] }],
  },
};
