import type { Scenario } from './scenario';

export const tiesSameInstant: Scenario = {
  name: 'ties-same-instant',
  rule: 'Three events at the same instant, listed out of order in the input: source order (line) decides, so b1 ' +
    '(line 1, basis 20000) is bought first and is the FIFO lot for s1 (line 3); b2 (line 2) remains.',
  events: [
    { id: 's1', account: 'a', at: '2023-05-01T10:00:00Z', type: 'sell', sent: '1 BTC', received: '25000 USD', line: 3 },
    { id: 'b2', account: 'a', at: '2023-05-01T10:00:00Z', type: 'buy', sent: '30000 USD', received: '1 BTC', line: 2 },
    { id: 'b1', account: 'a', at: '2023-05-01T10:00:00Z', type: 'buy', sent: '20000 USD', received: '1 BTC', line: 1 },
  ],
  expect: {
    disposals: [{ eventId: 's1', lotId: 'b1', costBasis: '20000', gain: '5000', missingBasis: false }],
    holdings: [{ taxYear: 2023, asset: 'BTC', quantity: '1', costBasis: '30000' }],
    warnings: [],
  },
};
