import type { Scenario } from './scenario';

export const multiYearMethodChange: Scenario = {
  name: 'multi-year-method-change',
  rule: 'Method per tax year (universal scope throughout): 2023 FIFO takes b1 (100), 2024 HIFO takes b2 (300), ' +
    '2025 LIFO takes b4 (50); b3 (200) remains.',
  settings: { scope: 'universal', years: { '2023': { method: 'fifo' }, '2024': { method: 'hifo' }, '2025': { method: 'lifo' } } },
  events: [
    { id: 'b1', account: 'a', at: '2023-01-01T00:00:00Z', type: 'buy', sent: '100 USD', received: '1 X' },
    { id: 'b2', account: 'a', at: '2023-02-01T00:00:00Z', type: 'buy', sent: '300 USD', received: '1 X' },
    { id: 'b3', account: 'a', at: '2023-03-01T00:00:00Z', type: 'buy', sent: '200 USD', received: '1 X' },
    { id: 'b4', account: 'a', at: '2023-04-01T00:00:00Z', type: 'buy', sent: '50 USD', received: '1 X' },
    { id: 's1', account: 'a', at: '2023-06-01T00:00:00Z', type: 'sell', sent: '1 X', received: '250 USD' },
    { id: 's2', account: 'a', at: '2024-06-01T00:00:00Z', type: 'sell', sent: '1 X', received: '250 USD' },
    { id: 's3', account: 'a', at: '2025-06-01T00:00:00Z', type: 'sell', sent: '1 X', received: '250 USD' },
  ],
  expect: {
    disposals: [
      { eventId: 's1', lotId: 'b1', method: 'fifo', gain: '150', term: 'short', formBox: 'C' },
      { eventId: 's2', lotId: 'b2', method: 'hifo', gain: '-50', term: 'long', formBox: 'F' },
      { eventId: 's3', lotId: 'b4', method: 'lifo', gain: '200', term: 'long', formBox: 'L' },
    ],
    years: [
      { taxYear: 2023, method: 'fifo', scope: 'universal' },
      { taxYear: 2024, method: 'hifo', scope: 'universal' },
      { taxYear: 2025, method: 'lifo', scope: 'universal' },
    ],
    holdings: [
      { taxYear: 2023, quantity: '3', costBasis: '550' },
      { taxYear: 2024, quantity: '2', costBasis: '250' },
      { taxYear: 2025, quantity: '1', costBasis: '200' },
    ],
    lotAllocations: [],
  },
};
