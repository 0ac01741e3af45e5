import { unpricedTransferEvents } from './resolve-enter-price-transfer.scenario';
import type { Scenario } from './scenario';

export const engineUnpricedTransfer: Scenario = {
  name: 'engine-unpriced-transfer',
  rule:
    'The matched transfer has no USD value, so the engine values its 0.002 ETH fee units at $0 and raises ' +
    'unpriced-event: merged as a blocking missing-price warning on the transfer (the id a preparer prices).',
  events: unpricedTransferEvents,
  expect: {
    warnings: [],
    merged: [{ id: 'missing-price:w1>d1', kind: 'missing-price', blocking: true, code: 'unpriced-event', actions: ['enter-price'] }],
    disposals: [{ eventId: 'w1>d1', leg: 'fee', quantity: '0.002', proceeds: '0', costBasis: '4', gain: '-4' }],
  },
};
