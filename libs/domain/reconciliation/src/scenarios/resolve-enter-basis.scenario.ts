import { missingBasisEvents } from './engine-missing-basis.scenario';
import type { Scenario } from './scenario';

export const resolveEnterBasis: Scenario = {
  name: 'resolve-enter-basis',
  rule:
    'Basis for the missing 1 ETH entered with evidence (bought 2023-01-01 for 2,000): a manual acquisition event; ' +
    'recomputed FIFO: that lot first (long term, basis 2,000, proceeds 3,000, gain 1,000), then 0.5 ETH of b1 ' +
    '(short, basis 1,000, proceeds 1,500, gain 500); no engine warning left.',
  events: missingBasisEvents,
  resolutions: [
    {
      id: 'r1',
      payload: { action: 'enter-basis', account: 'coinbase', asset: 'ETH', quantity: '1', costBasis: '2000', acquiredAt: '2023-01-01T00:00:00Z', evidence: 'Gemini 2023 statement p.2' },
      warningIds: ['missing-basis:s1@ETH'],
    },
  ],
  expect: {
    warnings: [],
    merged: [],
    events: [{ id: 'b1' }, { id: 's1' }, { id: 'basis:r1', type: 'buy', sent: '2000 USD', received: '1 ETH', note: 'basis entered: Gemini 2023 statement p.2' }],
    disposals: [
      { eventId: 's1', quantity: '1', costBasis: '2000', proceeds: '3000', gain: '1000', term: 'long' },
      { eventId: 's1', quantity: '0.5', costBasis: '1000', proceeds: '1500', gain: '500', term: 'short' },
    ],
  },
};
