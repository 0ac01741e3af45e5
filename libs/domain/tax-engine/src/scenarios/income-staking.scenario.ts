import type { Scenario } from './scenario';

export const incomeStaking: Scenario = {
  name: 'income-staking',
  rule: 'Income at FMV is ordinary income (225 in 2023) and the basis of the units: selling 11 SOL for 330 gives ' +
    '300 - 200 and 30 - 25.',
  events: [
    { id: 'i1', account: 'w', at: '2023-03-01T00:00:00Z', type: 'income', received: '10 SOL', usd: '200', kind: 'staking' },
    { id: 'i2', account: 'w', at: '2023-04-01T00:00:00Z', type: 'income', received: '1 SOL', usd: '25', kind: 'airdrop' },
    { id: 's1', account: 'w', at: '2023-05-01T00:00:00Z', type: 'sell', sent: '11 SOL', received: '330 USD' },
  ],
  expect: {
    income: [
      { eventId: 'i1', kind: 'staking', date: '2023-03-01', asset: 'SOL', quantity: '10', usdValue: '200', priced: true },
      { eventId: 'i2', kind: 'airdrop', date: '2023-04-01', asset: 'SOL', quantity: '1', usdValue: '25', priced: true },
    ],
    disposals: [
      { lotId: 'i1', proceeds: '300', costBasis: '200', gain: '100' },
      { lotId: 'i2', proceeds: '30', costBasis: '25', gain: '5' },
    ],
    years: [{ taxYear: 2023, income: '225', shortGain: '105' }],
  },
};
