import type { Scenario } from './scenario';

export const transition2025Accounts: Scenario = {
  name: 'transition-2025-accounts',
  rule: 'Rev. Proc. 2024-28: pooled lots at 2025-01-01 (b1 0.5 @10000, b2 1 @30000, b3 1 @20000) are allocated to ' +
    'the accounts holding the units (cold 1, exchange 1, hot 0.5) highest basis first, accounts in the recorded order ' +
    'cold, exchange, then the rest: b2->cold, b3->exchange, b1->hot. 2025 sales use only their own account\'s lots.',
  safeHarbor: { kind: 'global', lotOrder: 'hifo', accountOrder: ['cold', 'exchange'] },
  events: [
    { id: 'b1', account: 'exchange', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '10000 USD', received: '1 BTC' },
    { id: 'b2', account: 'exchange', at: '2023-06-01T00:00:00Z', type: 'buy', sent: '30000 USD', received: '1 BTC' },
    { id: 'b3', account: 'hot', at: '2024-01-01T00:00:00Z', type: 'buy', sent: '20000 USD', received: '1 BTC' },
    { id: 't1', account: 'exchange', at: '2024-02-01T00:00:00Z', type: 'transfer', sent: '1 BTC', received: '1 BTC', to: 'cold' },
    { id: 's1', account: 'hot', at: '2024-03-01T00:00:00Z', type: 'sell', sent: '0.5 BTC', received: '25000 USD' },
    { id: 's2', account: 'hot', at: '2025-02-01T00:00:00Z', type: 'sell', sent: '0.5 BTC', received: '40000 USD' },
    { id: 's3', account: 'cold', at: '2025-03-01T00:00:00Z', type: 'sell', sent: '0.25 BTC', received: '20000 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', lotId: 'b1', costBasis: '5000', gain: '20000', term: 'long', formBox: 'F', account: 'hot' },
      { eventId: 's2', lotId: 'b1@hot', costBasis: '5000', gain: '35000', term: 'long', formBox: 'L', dateAcquired: '2023-01-01' },
      { eventId: 's3', lotId: 'b2@cold', costBasis: '7500', gain: '12500', term: 'long', formBox: 'L', dateAcquired: '2023-06-01' },
    ],
    lotAllocations: [
      { sourceLotId: 'b2', lotId: 'b2@cold', account: 'cold', quantity: '1', costBasis: '30000', rule: 'global-hifo' },
      { sourceLotId: 'b3', lotId: 'b3@exchange', account: 'exchange', quantity: '1', costBasis: '20000', rule: 'global-hifo' },
      { sourceLotId: 'b1', lotId: 'b1@hot', account: 'hot', quantity: '0.5', costBasis: '5000', rule: 'global-hifo' },
    ],
    holdings: [
      { taxYear: 2023, scopeKey: '*', quantity: '2', costBasis: '40000' },
      { taxYear: 2024, scopeKey: '*', quantity: '2.5', costBasis: '55000' },
      { taxYear: 2025, scopeKey: 'cold', quantity: '0.75', costBasis: '22500' },
      { taxYear: 2025, scopeKey: 'exchange', quantity: '1', costBasis: '20000' },
    ],
    years: [
      { taxYear: 2023, scope: 'universal' },
      { taxYear: 2024, scope: 'universal' },
      { taxYear: 2025, scope: 'per-account', longGain: '47500' },
    ],
    warnings: [],
  },
};
