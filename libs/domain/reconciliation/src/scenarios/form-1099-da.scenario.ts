import type { Scenario } from './scenario';

export const form1099Da: Scenario = {
  name: 'form-1099-da',
  rule:
    'L1 matches s1 exactly (BTC, 2025-06-30, 0.015 units) and becomes an engine broker line; the broker basis 1,450 ' +
    'differs from the computed 0.015 x 90,000 = 1,350, which the engine reports (merged as a 1099-DA mismatch, ' +
    'non-blocking). L2 finds only s2 that day with other units (0.01 vs 0.02): matched with a warning. L3 (ETH) has ' +
    'no disposal at all: a warning on the line.',
  events: [
    { id: 'b1', account: 'coinbase', at: '2025-01-15T15:00:00Z', type: 'buy', sent: '4500 USD', received: '0.05 BTC' },
    { id: 's1', account: 'coinbase', at: '2025-06-30T15:00:00Z', type: 'sell', sent: '0.015 BTC', received: '1612.5 USD' },
    { id: 's2', account: 'coinbase', at: '2025-07-04T15:00:00Z', type: 'sell', sent: '0.01 BTC', received: '1100 USD' },
  ],
  form1099Da: [
    { id: 'L1', asset: 'BTC', units: '0.015', date: '2025-06-30', proceeds: '1612.5', costBasis: '1450', basisReported: true },
    { id: 'L2', asset: 'BTC', units: '0.02', date: '2025-07-04', proceeds: '2200', basisReported: false },
    { id: 'L3', asset: 'ETH', units: '1', date: '2025-08-01', proceeds: '3000', basisReported: false },
  ],
  expect: {
    brokerLines: [
      { eventId: 's1', form: '1099-DA', basisReported: true, proceeds: '1612.5', costBasis: '1450' },
      { eventId: 's2', form: '1099-DA', basisReported: false, proceeds: '2200' },
    ],
    warnings: [
      { id: 'form-1099-da-mismatch:s2@L2', kind: 'form-1099-da-mismatch', blocking: false },
      { id: 'form-1099-da-mismatch:@L3', kind: 'form-1099-da-mismatch', blocking: false },
    ],
    merged: [
      { id: 'form-1099-da-mismatch:s1@broker-basis-mismatch/BTC', code: 'broker-basis-mismatch', blocking: false },
      { id: 'form-1099-da-mismatch:s2@L2', blocking: false },
      { id: 'form-1099-da-mismatch:s2@broker-proceeds-mismatch/BTC', code: 'broker-proceeds-mismatch', blocking: false },
      { id: 'form-1099-da-mismatch:@L3', blocking: false },
    ],
    disposals: [{ eventId: 's1', proceeds: '1612.5', costBasis: '1350', formCostBasis: '1450', adjustmentCode: 'B', adjustmentAmount: '100', gain: '262.5' }, { eventId: 's2' }],
  },
};
