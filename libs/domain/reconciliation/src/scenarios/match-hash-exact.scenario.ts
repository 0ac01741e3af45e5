import type { Scenario } from './scenario';

export const matchHashExact: Scenario = {
  name: 'match-hash-exact',
  rule:
    'An equal tx hash is an exact match even 98 h apart (outside the 72 h window). Hash matches are fixed first, so the ' +
    'plain candidate d2 (1 h later, same amount) is left over: it had a candidate, so it is an unmatched deposit, not an ' +
    'uncategorised inflow. Transfer sent = 0.5 + 0.0001 withdrawal fee = 0.5001, received 0.5, fee 0.0001.',
  events: [
    { id: 'b1', account: 'coinbase', at: '2024-01-02T10:00:00Z', type: 'buy', sent: '20000 USD', received: '0.5001 BTC' },
    { id: 'w1', account: 'coinbase', at: '2024-03-01T10:00:00Z', type: 'withdrawal', sent: '0.5 BTC', fee: '0.0001 BTC', hash: '0xabc' },
    { id: 'd1', account: 'ledger', at: '2024-03-05T12:00:00Z', type: 'deposit', received: '0.5 BTC', hash: '0xabc', usd: '31000' },
    { id: 'd2', account: 'ledger', at: '2024-03-01T11:00:00Z', type: 'deposit', received: '0.5 BTC', usd: '31000' },
  ],
  expect: {
    matches: [{ id: 'w1>d1', tier: 'exact', confidence: 1, origin: 'auto', fromAccount: 'coinbase', toAccount: 'ledger', sent: '0.5001', received: '0.5', fee: '0.0001' }],
    suggestions: [],
    events: [
      { id: 'b1', type: 'buy' },
      { id: 'w1>d1', type: 'transfer', account: 'coinbase', toAccount: 'ledger', sent: '0.5001 BTC', received: '0.5 BTC', fee: '0.0001 BTC', sourceEventIds: ['w1', 'd1'] },
      { id: 'd2', type: 'deposit' },
    ],
    warnings: [{ id: 'unmatched-deposit:d2', kind: 'unmatched-deposit', blocking: true, status: 'open' }],
  },
};
