import { balanceEvents, reportedBalances } from './balance-mismatch.scenario';
import type { Scenario } from './scenario';

export const resolveExplain: Scenario = {
  name: 'resolve-explain',
  rule: 'A balance mismatch explained with a note: still detected, marked resolved by r1.',
  events: balanceEvents,
  reportedBalances,
  resolutions: [
    { id: 'r1', payload: { action: 'explain', warningId: 'balance-mismatch:@kraken/ETH/2024-03-31T00:00:00Z' }, warningIds: ['balance-mismatch:@kraken/ETH/2024-03-31T00:00:00Z'], reason: 'Kraken staked 0.1 ETH (not in the export)' },
  ],
  expect: {
    warnings: [{ id: 'balance-mismatch:@kraken/ETH/2024-03-31T00:00:00Z', status: 'resolved', resolvedBy: 'r1' }],
  },
};
