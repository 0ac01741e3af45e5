import type { Scenario } from './scenario';

export const missingBasis: Scenario = {
  name: 'missing-basis',
  rule: 'Selling 1.5 BTC with 1 held: a row for the held lot and a zero-basis shortfall row for 0.5 (proceeds split ' +
    '200/100), plus a blocking warning for 0.5 (and the running balance of x turns negative). In 2025 (per account) a sale in y is short even though x holds BTC.',
  events: [
    { id: 'b1', account: 'x', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '100 USD', received: '1 BTC' },
    { id: 's1', account: 'x', at: '2023-02-01T00:00:00Z', type: 'sell', sent: '1.5 BTC', received: '300 USD' },
    { id: 'b2', account: 'x', at: '2025-01-10T00:00:00Z', type: 'buy', sent: '100 USD', received: '1 BTC' },
    { id: 's2', account: 'y', at: '2025-01-20T00:00:00Z', type: 'sell', sent: '0.2 BTC', received: '50 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', lotId: 'b1', quantity: '1', proceeds: '200', costBasis: '100', gain: '100', missingBasis: false },
      { eventId: 's1', lotId: null, quantity: '0.5', proceeds: '100', costBasis: '0', gain: '100', missingBasis: true, dateAcquired: null, term: 'short', formBox: 'C' },
      { eventId: 's2', lotId: null, quantity: '0.2', proceeds: '50', costBasis: '0', gain: '50', missingBasis: true, account: 'y', formBox: 'I' },
    ],
    warnings: [
      { code: 'missing-basis', blocking: true, eventIds: ['s1'], account: 'x', asset: 'BTC', quantity: '0.5' },
      { code: 'negative-balance', blocking: true, eventIds: ['s1'], account: 'x', asset: 'BTC', quantity: '0.5' },
      { code: 'missing-basis', blocking: true, eventIds: ['s2'], account: 'y', asset: 'BTC', quantity: '0.2' },
      { code: 'negative-balance', blocking: true, eventIds: ['s2'], account: 'y', asset: 'BTC', quantity: '0.2' },
    ],
  },
};
