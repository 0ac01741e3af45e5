import type { Scenario } from './scenario';

export const pricingTable: Scenario = {
  name: 'pricing-table',
  rule:
    'Own values first (s1: its USD side). Then the price table, nearest earlier quote no older than 24 h: i1 at ' +
    '12:00 takes the 00:00 daily close 7.10 (the 13:00 quote is later), 2 x 7.10 = 14.2. i2 on 05-12 06:00: the ' +
    'quotes are 54 h and 41 h old, so missing price. t1 pays in USDC without the stablecoin setting and the table has ' +
    'no USDC: missing price.',
  events: [
    { id: 'i1', account: 'kraken', at: '2024-05-10T12:00:00Z', type: 'income', received: '2 DOT', kind: 'staking' },
    { id: 't1', account: 'kraken', at: '2024-05-11T00:00:00Z', type: 'trade', sent: '100 USDC', received: '0.03 ETH' },
    { id: 's1', account: 'kraken', at: '2024-05-11T01:00:00Z', type: 'sell', sent: '1 DOT', received: '7.3 USD' },
    { id: 'i2', account: 'kraken', at: '2024-05-12T06:00:00Z', type: 'income', received: '1 DOT', kind: 'staking' },
  ],
  priceTable: [
    { asset: 'DOT', at: '2024-05-10', usd: '7.10', source: 'daily close' },
    { asset: 'DOT', at: '2024-05-10T13:00:00Z', usd: '7.50', source: 'hourly' },
  ],
  expect: {
    events: [
      { id: 'i1', usdValue: '14.2', priceSource: 'table' },
      { id: 't1', usdValue: null, priceSource: null },
      { id: 's1', usdValue: null, priceSource: null },
      { id: 'i2', usdValue: null, priceSource: null },
    ],
    warnings: [
      { id: 'missing-price:t1', kind: 'missing-price', blocking: true, asset: 'USDC' },
      { id: 'missing-price:i2', kind: 'missing-price', blocking: true, asset: 'DOT' },
    ],
  },
};
