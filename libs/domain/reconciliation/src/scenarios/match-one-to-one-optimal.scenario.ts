import type { Scenario } from './scenario';

export const matchOneToOneOptimal: Scenario = {
  name: 'match-one-to-one-optimal',
  rule:
    'Greedy is wrong here. Candidates (confidence = 0.99 - 0.25 x gap/72h - 0.25 x fee/(1% of sent)): ' +
    'w1-d1 gap 1.5 h, no fee: 0.99 - 0.0052 = 0.9848; w1-d2 gap 30 h, fee 0.001 of 0.01: 0.99 - 0.1042 - 0.025 = 0.8608; ' +
    'w2-d1 gap 0.5 h, fee 0.005 of 0.01005: 0.99 - 0.0017 - 0.1244 = 0.8639; w2-d2 impossible (same account B). ' +
    'Greedy (first withdrawal, or best edge first) takes w1-d1 and leaves w2 alone (0.9848); the optimum is ' +
    'w1-d2 + w2-d1 = 1.7247, both high, so both applied.',
  events: [
    { id: 'w1', account: 'A', at: '2024-04-01T00:00:00Z', type: 'withdrawal', sent: '1 ETH' },
    { id: 'w2', account: 'B', at: '2024-04-01T01:00:00Z', type: 'withdrawal', sent: '1.005 ETH' },
    { id: 'd1', account: 'C', at: '2024-04-01T01:30:00Z', type: 'deposit', received: '1 ETH' },
    { id: 'd2', account: 'B', at: '2024-04-02T06:00:00Z', type: 'deposit', received: '0.999 ETH' },
  ],
  expect: {
    matches: [
      { id: 'w1>d2', confidence: 0.8608, tier: 'high', origin: 'auto', fee: '0.001' },
      { id: 'w2>d1', confidence: 0.8639, tier: 'high', origin: 'auto', fee: '0.005' },
    ],
    suggestions: [],
    warnings: [],
    events: [
      { id: 'w1>d2', type: 'transfer', account: 'A', toAccount: 'B', sent: '1 ETH', received: '0.999 ETH', fee: '0.001 ETH' },
      { id: 'w2>d1', type: 'transfer', account: 'B', toAccount: 'C', sent: '1.005 ETH', received: '1 ETH', fee: '0.005 ETH' },
    ],
  },
};
