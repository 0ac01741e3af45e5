import type { Scenario } from './scenario';

export const tradeCryptoFee: Scenario = {
  name: 'trade-crypto-fee',
  rule: 'Trade 2 ETH -> 0.1 BTC at FMV 3000 with a 0.01 ETH fee worth 15: the disposed ETH gets the whole fee ' +
    '(proceeds 2985, basis 2000); BTC basis = FMV 3000; the fee units are a disposal of their own (15 vs basis 10).',
  events: [
    { id: 'b1', account: 'w', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '10000 USD', received: '10 ETH' },
    { id: 't1', account: 'w', at: '2023-05-01T00:00:00Z', type: 'trade', sent: '2 ETH', received: '0.1 BTC', fee: '0.01 ETH', usd: '3000', feeUsd: '15' },
    { id: 's1', account: 'w', at: '2023-06-01T00:00:00Z', type: 'sell', sent: '0.1 BTC', received: '3500 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 't1', leg: 'principal', asset: 'ETH', quantity: '2', proceeds: '2985', costBasis: '2000', gain: '985' },
      { eventId: 't1', leg: 'fee', asset: 'ETH', quantity: '0.01', proceeds: '15', costBasis: '10', gain: '5' },
      { eventId: 's1', leg: 'principal', asset: 'BTC', lotId: 't1', quantity: '0.1', proceeds: '3500', costBasis: '3000', gain: '500' },
    ],
    holdings: [{ taxYear: 2023, asset: 'ETH', quantity: '7.99', costBasis: '7990' }],
  },
};
