import type { Scenario } from './scenario';

/** Shared with engine-unpriced-transfer (the same ledger without the resolution). */
export const unpricedTransferEvents: Scenario['events'] = [
  { id: 'b1', account: 'coinbase', at: '2024-01-10T00:00:00Z', type: 'buy', sent: '2000 USD', received: '1 ETH' },
  { id: 'w1', account: 'coinbase', at: '2024-02-01T00:00:00Z', type: 'withdrawal', sent: '1 ETH' },
  { id: 'd1', account: 'ledger', at: '2024-02-01T00:30:00Z', type: 'deposit', received: '0.998 ETH' },
];

export const resolveEnterPriceTransfer: Scenario = {
  name: 'resolve-enter-price-transfer',
  rule:
    'An automatic transfer (confidence 0.99 - 0.0017 - 0.25 x 0.002/0.01 = 0.9383) whose fee units have no USD value: ' +
    'the engine values them at $0 and asks for a price (merged as missing-price on the transfer). A price of 3,000 ' +
    'entered for the transfer itself values the 0.002 ETH fee at 3,000 x 0.002 = 6 (basis 0.002 x 2,000 = 4, gain 2).',
  events: unpricedTransferEvents,
  resolutions: [{ id: 'r1', payload: { action: 'enter-price', eventId: 'w1>d1', usdValue: '3000', source: 'Kraken close 2024-02-01' }, warningIds: ['missing-price:w1>d1'] }],
  expect: {
    matches: [{ id: 'w1>d1', confidence: 0.9383, tier: 'high', origin: 'auto' }],
    events: [{ id: 'b1' }, { id: 'w1>d1', usdValue: '3000', priceSource: 'manual', resolutionIds: ['r1'], sourceEventIds: ['w1', 'd1'] }],
    merged: [],
    disposals: [{ eventId: 'w1>d1', leg: 'fee', quantity: '0.002', proceeds: '6', costBasis: '4', gain: '2' }],
  },
};
