import type { Scenario } from './scenario';

export const pricingStablecoinPar: Scenario = {
  name: 'pricing-stablecoin-par',
  rule:
    'With stablecoinsAsUsd on, a USDC or USDT side counts as 1 USD and the assumption is recorded as the price ' +
    'source: t1 = 100, t2 = 1,500. t2 also paid 0.001 BNB gas, priced from the table at 600: feeUsd 0.6.',
  settings: { stablecoinsAsUsd: true },
  events: [
    { id: 't1', account: 'binance', at: '2024-05-11T00:00:00Z', type: 'trade', sent: '100 USDC', received: '0.03 ETH' },
    { id: 't2', account: 'binance', at: '2024-05-11T02:00:00Z', type: 'trade', sent: '0.5 ETH', received: '1500 USDT', fee: '0.001 BNB' },
  ],
  priceTable: [{ asset: 'BNB', at: '2024-05-11', usd: '600', source: 'daily close' }],
  expect: {
    events: [
      { id: 't1', usdValue: '100', feeUsd: null, priceSource: 'stablecoin-par' },
      { id: 't2', usdValue: '1500', feeUsd: '0.6', priceSource: 'stablecoin-par' },
    ],
    warnings: [],
  },
};
