import type { Scenario } from './scenario';

export const formBoxes2025: Scenario = {
  name: 'form-boxes-2025',
  rule: '2025 boxes: 1099-DA with basis reported -> G/J, 1099-DA without basis -> H/K, none -> I/L. s4 spans a long ' +
    'piece (J) and a short piece (G) of one reported sale; its reported basis 3000 equals 1000 + 2000 (no code B).',
  brokerLines: [
    { eventId: 's1', form: '1099-DA', basisReported: true, costBasis: '1000' },
    { eventId: 's2', form: '1099-DA', basisReported: false },
    { eventId: 's4', form: '1099-DA', basisReported: true, costBasis: '3000' },
    { eventId: 's5', form: '1099-DA', basisReported: false },
  ],
  events: [
    { id: 'b1', account: 'ex', at: '2024-01-01T00:00:00Z', type: 'buy', sent: '4000 USD', received: '4 BTC' },
    { id: 'b2', account: 'ex', at: '2025-01-05T00:00:00Z', type: 'buy', sent: '6000 USD', received: '3 BTC' },
    { id: 's1', account: 'ex', at: '2025-01-10T00:00:00Z', type: 'sell', sent: '1 BTC', received: '1500 USD' },
    { id: 's2', account: 'ex', at: '2025-01-11T00:00:00Z', type: 'sell', sent: '1 BTC', received: '1500 USD' },
    { id: 's3', account: 'ex', at: '2025-01-12T00:00:00Z', type: 'sell', sent: '1 BTC', received: '1500 USD' },
    { id: 's4', account: 'ex', at: '2025-01-13T00:00:00Z', type: 'sell', sent: '2 BTC', received: '5000 USD' },
    { id: 's5', account: 'ex', at: '2025-02-01T00:00:00Z', type: 'sell', sent: '1 BTC', received: '2100 USD' },
    { id: 's6', account: 'ex', at: '2025-02-02T00:00:00Z', type: 'sell', sent: '1 BTC', received: '2200 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', lotId: 'b1@ex', term: 'long', formBox: 'J', gain: '500', adjustmentCode: null },
      { eventId: 's2', lotId: 'b1@ex', term: 'long', formBox: 'K', gain: '500' },
      { eventId: 's3', lotId: 'b1@ex', term: 'long', formBox: 'L', gain: '500' },
      { eventId: 's4', lotId: 'b1@ex', term: 'long', formBox: 'J', proceeds: '2500', costBasis: '1000', adjustmentCode: null },
      { eventId: 's4', lotId: 'b2', term: 'short', formBox: 'G', proceeds: '2500', costBasis: '2000', adjustmentCode: null },
      { eventId: 's5', lotId: 'b2', term: 'short', formBox: 'H', gain: '100' },
      { eventId: 's6', lotId: 'b2', term: 'short', formBox: 'I', gain: '200' },
    ],
    years: [
      {
        taxYear: 2024,
        shortGain: '0',
      },
      {
        taxYear: 2025,
        boxGGain: '500', boxHGain: '100', boxIGain: '200', boxJProceeds: '4000', boxJBasis: '2000', boxJGain: '2000',
        boxKGain: '500', boxLGain: '500', shortGain: '800', longGain: '3000',
      },
    ],
    warnings: [],
  },
};
