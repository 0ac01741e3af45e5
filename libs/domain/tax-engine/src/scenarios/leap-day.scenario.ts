import type { Scenario } from './scenario';

export const leapDay: Scenario = {
  name: 'leap-day',
  rule: 'Feb 29: acquired 2023-02-28 (last day of Feb) and sold 2024-02-29 is short (long only from 2024-03-01, ' +
    'Rev. Rul. 66-7). Acquired 2024-02-29: sold 2025-02-28 short (box I), 2025-03-01 long (box L). The 2025 sales use ' +
    'the lot allocated to account a at the transition.',
  events: [
    { id: 'b2', account: 'a', at: '2023-02-28T12:00:00Z', type: 'buy', sent: '1500 USD', received: '1 ETH' },
    { id: 'b1', account: 'a', at: '2024-02-29T12:00:00Z', type: 'buy', sent: '3000 USD', received: '1 ETH' },
    { id: 's1', account: 'a', at: '2024-02-29T15:00:00Z', type: 'sell', sent: '1 ETH', received: '3500 USD' },
    { id: 's2', account: 'a', at: '2025-02-28T12:00:00Z', type: 'sell', sent: '0.5 ETH', received: '1000 USD' },
    { id: 's3', account: 'a', at: '2025-03-01T12:00:00Z', type: 'sell', sent: '0.5 ETH', received: '1200 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', lotId: 'b2', dateAcquired: '2023-02-28', dateSold: '2024-02-29', term: 'short', formBox: 'C', costBasis: '1500', gain: '2000' },
      { eventId: 's2', lotId: 'b1@a', dateAcquired: '2024-02-29', dateSold: '2025-02-28', term: 'short', formBox: 'I', costBasis: '1500', gain: '-500' },
      { eventId: 's3', lotId: 'b1@a', dateAcquired: '2024-02-29', dateSold: '2025-03-01', term: 'long', formBox: 'L', costBasis: '1500', gain: '-300' },
    ],
    lotAllocations: [{ sourceLotId: 'b1', lotId: 'b1@a', account: 'a', asset: 'ETH', quantity: '1', costBasis: '3000', dateAcquired: '2024-02-29', rule: 'global-hifo' }],
  },
};
