import type { Scenario } from './scenario';

export const matchTransferRecompute: Scenario = {
  name: 'match-transfer-recompute',
  rule:
    'Withdrawal 4 ETH (usd 10,000) + deposit 3.99 ETH 30 min later: confidence 0.99 - 0.0017 - 0.25 x 0.01/0.04 = ' +
    '0.9258, applied. The transfer carries fee 0.01 ETH and usdValue 2,500/ETH x 4 = 10,000. Through the engine ' +
    '(dispose fee units): fee 0.01 ETH proceeds 10,000 x 0.01/4 = 25, basis 0.01 x 2,000 = 20, gain 5; the sale of ' +
    '3.99 ETH for 11,970 has basis 7,980, gain 3,990. No warnings at all.',
  events: [
    { id: 'b1', account: 'coinbase', at: '2024-01-10T00:00:00Z', type: 'buy', sent: '20000 USD', received: '10 ETH' },
    { id: 'w1', account: 'coinbase', at: '2024-02-01T00:00:00Z', type: 'withdrawal', sent: '4 ETH', usd: '10000' },
    { id: 'd1', account: 'ledger', at: '2024-02-01T00:30:00Z', type: 'deposit', received: '3.99 ETH' },
    { id: 's1', account: 'ledger', at: '2024-03-01T00:00:00Z', type: 'sell', sent: '3.99 ETH', received: '11970 USD' },
  ],
  expect: {
    matches: [{ id: 'w1>d1', confidence: 0.9258, tier: 'high', origin: 'auto' }],
    events: [
      { id: 'b1', type: 'buy' },
      { id: 'w1>d1', type: 'transfer', sent: '4 ETH', received: '3.99 ETH', fee: '0.01 ETH', usdValue: '10000', sourceEventIds: ['w1', 'd1'] },
      { id: 's1', type: 'sell' },
    ],
    warnings: [],
    merged: [],
    disposals: [
      { eventId: 'w1>d1', leg: 'fee', quantity: '0.01', proceeds: '25', costBasis: '20', gain: '5' },
      { eventId: 's1', leg: 'principal', quantity: '3.99', proceeds: '11970', costBasis: '7980', gain: '3990' },
    ],
    years: [{ taxYear: 2024, shortProceeds: '11995', shortBasis: '8000', shortGain: '3995' }],
  },
};
