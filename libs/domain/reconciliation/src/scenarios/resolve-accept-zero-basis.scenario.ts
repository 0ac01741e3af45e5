import { missingBasisEvents } from './engine-missing-basis.scenario';
import type { Scenario } from './scenario';

export const resolveAcceptZeroBasis: Scenario = {
  name: 'resolve-accept-zero-basis',
  rule:
    'Accepting $0 basis for the missing 1 ETH (explicit, with the reason recorded on the manual lot): the shortfall ' +
    'row becomes an ordinary row with basis 0 (gain 3,000), no missing-basis warning.',
  events: missingBasisEvents,
  resolutions: [
    {
      id: 'r1',
      payload: { action: 'accept-zero-basis', account: 'coinbase', asset: 'ETH', quantity: '1', acquiredAt: '2024-02-01T00:00:00Z' },
      warningIds: ['missing-basis:s1@ETH'],
      reason: 'client has no records of the 2021 purchase',
    },
  ],
  expect: {
    merged: [],
    events: [{ id: 'b1' }, { id: 's1' }, { id: 'basis:r1', sent: '0 USD', note: '$0 basis accepted: client has no records of the 2021 purchase' }],
    disposals: [
      { eventId: 's1', quantity: '1', costBasis: '0', proceeds: '3000', gain: '3000', missingBasis: false },
      { eventId: 's1', quantity: '0.5', costBasis: '1000', proceeds: '1500', gain: '500', missingBasis: false },
    ],
  },
};
