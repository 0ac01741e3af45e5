import type { Scenario } from './scenario';

export const formBoxesPre2025: Scenario = {
  name: 'form-boxes-pre-2025',
  rule: 'Before 2025: 1099-B with basis reported -> A/D, without -> B/E, none -> C/F; b1 (2022) lots are long in ' +
    'February 2023, b2 (June 2023) lots short in July 2023. Every sale gains 500.',
  brokerLines: [
    { eventId: 's1', form: '1099-B', basisReported: true, costBasis: '1000' },
    { eventId: 's2', form: '1099-B', basisReported: false },
    { eventId: 's4', form: '1099-B', basisReported: true, costBasis: '2000' },
    { eventId: 's5', form: '1099-B', basisReported: false },
  ],
  events: [
    { id: 'b1', account: 'ex', at: '2022-01-01T00:00:00Z', type: 'buy', sent: '3000 USD', received: '3 BTC' },
    { id: 's1', account: 'ex', at: '2023-02-01T00:00:00Z', type: 'sell', sent: '1 BTC', received: '1500 USD' },
    { id: 's2', account: 'ex', at: '2023-02-02T00:00:00Z', type: 'sell', sent: '1 BTC', received: '1500 USD' },
    { id: 's3', account: 'ex', at: '2023-02-03T00:00:00Z', type: 'sell', sent: '1 BTC', received: '1500 USD' },
    { id: 'b2', account: 'ex', at: '2023-06-01T00:00:00Z', type: 'buy', sent: '6000 USD', received: '3 BTC' },
    { id: 's4', account: 'ex', at: '2023-07-01T00:00:00Z', type: 'sell', sent: '1 BTC', received: '2500 USD' },
    { id: 's5', account: 'ex', at: '2023-07-02T00:00:00Z', type: 'sell', sent: '1 BTC', received: '2500 USD' },
    { id: 's6', account: 'ex', at: '2023-07-03T00:00:00Z', type: 'sell', sent: '1 BTC', received: '2500 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', formBox: 'D', gain: '500' },
      { eventId: 's2', formBox: 'E', gain: '500' },
      { eventId: 's3', formBox: 'F', gain: '500' },
      { eventId: 's4', formBox: 'A', gain: '500' },
      { eventId: 's5', formBox: 'B', gain: '500' },
      { eventId: 's6', formBox: 'C', gain: '500' },
    ],
    years: [
      { taxYear: 2022, shortGain: '0', longGain: '0' },
      { taxYear: 2023, boxAGain: '500', boxBGain: '500', boxCGain: '500', boxDGain: '500', boxEGain: '500', boxFGain: '500', shortGain: '1500', longGain: '1500' },
    ],
  },
};
