import type { Scenario } from './scenario';

export const codeBAdjustment: Scenario = {
  name: 'code-b-adjustment',
  rule: 'The broker reported basis 2000 but the true basis is 2010 (half of 4000 + 20 fee): column (e) shows 2000, ' +
    'code B with adjustment -10, gain 3000 - 2010 = 990. s2 reports the right basis but other proceeds: no code B, ' +
    'a non-blocking proceeds warning.',
  brokerLines: [
    { eventId: 's1', form: '1099-DA', basisReported: true, proceeds: '3000', costBasis: '2000' },
    { eventId: 's2', form: '1099-DA', basisReported: true, proceeds: '3000', costBasis: '2010' },
  ],
  events: [
    { id: 'b1', account: 'ex', at: '2025-01-02T00:00:00Z', type: 'buy', sent: '4000 USD', received: '2 ETH', fee: '20 USD' },
    { id: 's1', account: 'ex', at: '2025-03-01T00:00:00Z', type: 'sell', sent: '1 ETH', received: '3000 USD' },
    { id: 's2', account: 'ex', at: '2025-03-02T00:00:00Z', type: 'sell', sent: '1 ETH', received: '3100 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', formBox: 'G', proceeds: '3000', costBasis: '2010', formCostBasis: '2000', adjustmentCode: 'B', adjustmentAmount: '-10', gain: '990' },
      { eventId: 's2', formBox: 'G', proceeds: '3100', costBasis: '2010', formCostBasis: '2010', adjustmentCode: null, adjustmentAmount: '0', gain: '1090' },
    ],
    warnings: [
      { code: 'broker-basis-mismatch', blocking: false, eventIds: ['s1'] },
      { code: 'broker-proceeds-mismatch', blocking: false, eventIds: ['s2'] },
    ],
    years: [{ taxYear: 2025, boxGRows: 2, boxGProceeds: '6100', boxGBasis: '4020', boxGFormBasis: '4010', boxGAdjustment: '-10', boxGGain: '2080' }],
  },
};
