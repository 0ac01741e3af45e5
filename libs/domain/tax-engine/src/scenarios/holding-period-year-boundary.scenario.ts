import type { Scenario } from './scenario';

export const holdingPeriodYearBoundary: Scenario = {
  name: 'holding-period-year-boundary',
  rule: 'Holding period on New York calendar dates: acquired 2023-03-01, sold 2024-03-01 is short, 2024-03-02 long. ' +
    'A sale at 2025-01-01T03:00Z is 2024-12-31 22:00 in New York: tax year 2024, still universal scope, box F.',
  settings: { timeZone: 'America/New_York' },
  events: [
    { id: 'b1', account: 'a', at: '2023-03-01T17:00:00Z', type: 'buy', sent: '2000 USD', received: '2 BTC' },
    { id: 's1', account: 'a', at: '2024-03-01T17:00:00Z', type: 'sell', sent: '1 BTC', received: '1500 USD' },
    { id: 's2', account: 'a', at: '2024-03-02T17:00:00Z', type: 'sell', sent: '0.5 BTC', received: '800 USD' },
    { id: 's3', account: 'a', at: '2025-01-01T03:00:00Z', type: 'sell', sent: '0.5 BTC', received: '900 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', dateAcquired: '2023-03-01', dateSold: '2024-03-01', term: 'short', formBox: 'C', taxYear: 2024, gain: '500' },
      { eventId: 's2', dateAcquired: '2023-03-01', dateSold: '2024-03-02', term: 'long', formBox: 'F', taxYear: 2024, gain: '300' },
      { eventId: 's3', dateAcquired: '2023-03-01', dateSold: '2024-12-31', term: 'long', formBox: 'F', taxYear: 2024, gain: '400' },
    ],
    years: [
      { taxYear: 2023, shortGain: '0', longGain: '0' },
      { taxYear: 2024, scope: 'universal', shortProceeds: '1500', shortBasis: '1000', shortGain: '500', longProceeds: '1700', longBasis: '1000', longGain: '700' },
    ],
  },
};
