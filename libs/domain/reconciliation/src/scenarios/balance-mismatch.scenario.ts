import type { Scenario } from './scenario';

/** Shared by the detector and the explain resolution. */
export const balanceEvents: Scenario['events'] = [
  { id: 'b1', account: 'kraken', at: '2024-02-01T00:00:00Z', type: 'buy', sent: '5000 USD', received: '2 ETH', fee: '5 USD' },
  { id: 's1', account: 'kraken', at: '2024-03-01T00:00:00Z', type: 'sell', sent: '0.5 ETH', received: '1750 USD' },
];
export const reportedBalances: Scenario['reportedBalances'] = [
  { account: 'kraken', asset: 'ETH', at: '2024-02-15T00:00:00Z', quantity: '2' },
  { account: 'kraken', asset: 'ETH', at: '2024-03-31T00:00:00Z', quantity: '1.4' },
  { account: 'kraken', asset: 'BTC', at: '2024-03-31T00:00:00Z', quantity: '0' },
];

export const balanceMismatch: Scenario = {
  name: 'balance-mismatch',
  rule:
    'Running balance up to each reported instant: 2 ETH on 02-15 (agrees), 2 - 0.5 = 1.5 ETH on 03-31 against a ' +
    'reported 1.4 (mismatch, non-blocking), 0 BTC (agrees).',
  events: balanceEvents,
  reportedBalances,
  expect: {
    warnings: [{ id: 'balance-mismatch:@kraken/ETH/2024-03-31T00:00:00Z', kind: 'balance-mismatch', blocking: false, account: 'kraken', asset: 'ETH' }],
  },
};
