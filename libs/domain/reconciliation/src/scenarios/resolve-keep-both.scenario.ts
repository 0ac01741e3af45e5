import { duplicateEvents } from './duplicates.scenario';
import type { Scenario } from './scenario';

export const resolveKeepBoth: Scenario = {
  name: 'resolve-keep-both',
  rule: 'Keeping both: the duplicate is still detected but answered (resolved by r1), so it no longer blocks.',
  events: duplicateEvents,
  resolutions: [{ id: 'r1', payload: { action: 'keep-both', warningId: 'possible-duplicate:a1,a2' }, warningIds: ['possible-duplicate:a1,a2'] }],
  expect: {
    warnings: [{ id: 'possible-duplicate:a1,a2', blocking: true, status: 'resolved', resolvedBy: 'r1' }],
    events: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }, { id: 'a4' }],
  },
};
