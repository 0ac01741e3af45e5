import { duplicateEvents } from './duplicates.scenario';
import type { Scenario } from './scenario';

export const resolveMergeDuplicates: Scenario = {
  name: 'resolve-merge-duplicates',
  rule: 'Merging keeps a1 and drops a2 from the computation (the imported row stays stored); the warning is gone.',
  events: duplicateEvents,
  resolutions: [{ id: 'r1', payload: { action: 'merge-duplicates', keepEventId: 'a1', dropEventIds: ['a2'] }, warningIds: ['possible-duplicate:a1,a2'] }],
  expect: {
    warnings: [],
    events: [{ id: 'a1' }, { id: 'a3' }, { id: 'a4' }],
  },
};
