import type { Scenario } from './scenario';

export const matchWindowEdges: Scenario = {
  name: 'match-window-edges',
  rule:
    'Window [withdrawal, withdrawal + 72 h], both ends inclusive. d1 exactly 72 h later: candidate with ' +
    'confidence 0.99 - 0.25 = 0.74 (medium): a suggestion, not applied, both stay unmatched with a hint. ' +
    'd2 72 h + 1 ms later and d3 1 s before its withdrawal: no candidate, so uncategorised inflows.',
  events: [
    { id: 'w1', account: 'A', at: '2024-05-01T00:00:00Z', type: 'withdrawal', sent: '2 SOL' },
    { id: 'd1', account: 'B', at: '2024-05-04T00:00:00Z', type: 'deposit', received: '2 SOL', usd: '200' },
    { id: 'w2', account: 'A', at: '2024-06-01T00:00:00Z', type: 'withdrawal', sent: '3 SOL' },
    { id: 'd2', account: 'B', at: '2024-06-04T00:00:00.001Z', type: 'deposit', received: '3 SOL', usd: '300' },
    { id: 'w3', account: 'A', at: '2024-07-01T12:00:00Z', type: 'withdrawal', sent: '4 SOL' },
    { id: 'd3', account: 'B', at: '2024-07-01T11:59:59Z', type: 'deposit', received: '4 SOL', usd: '400' },
  ],
  expect: {
    matches: [],
    suggestions: [{ id: 'w1>d1', confidence: 0.74, tier: 'medium', origin: 'suggested', gapMs: 259_200_000 }],
    warnings: [
      { id: 'unmatched-withdrawal:w1', kind: 'unmatched-withdrawal', blocking: true },
      { id: 'unmatched-deposit:d1', kind: 'unmatched-deposit', blocking: true },
      { id: 'unmatched-withdrawal:w2', kind: 'unmatched-withdrawal', blocking: true },
      { id: 'uncategorised-inflow:d2', kind: 'uncategorised-inflow', blocking: true },
      { id: 'uncategorised-inflow:d3', kind: 'uncategorised-inflow', blocking: true },
      { id: 'unmatched-withdrawal:w3', kind: 'unmatched-withdrawal', blocking: true },
    ],
  },
};
