/**
 * Koinly universal template: Date, Sent Amount, Sent Currency, Received Amount, Received Currency, Fee Amount,
 * Fee Currency, Net Worth Amount, Net Worth Currency, Label, Description, TxHash. Koinly reads dates as UTC
 * ("2018-01-01 14:25 UTC"); labels refine deposits (airdrop, staking...) and withdrawals (gift, lost, cost...).
 */
import { income, type LabelMeaning } from '../shared/event-shapes';
import { createSidesTemplateParser, type SidesTemplateSpec } from '../shared/sides-template.parser';
import type { SourceFormat } from '../source-format';

const LABELS: Readonly<Record<string, LabelMeaning | 'unsupported'>> = {
  airdrop: income('airdrop'),
  fork: income('fork'),
  mining: income('mining'),
  reward: income('reward'),
  income: income('other'),
  'other income': income('other'),
  'lending interest': income('interest'),
  'loan interest': income('interest'),
  interest: income('interest'),
  staking: income('staking'),
  cashback: income('reward'),
  salary: income('wages'),
  gift: { type: 'gift_out' },
  'gift received': { type: 'gift_in' },
  donation: { type: 'gift_out' },
  lost: { type: 'lost' },
  stolen: { type: 'lost' },
  cost: { type: 'spend' },
  payment: { type: 'spend' },
  'margin fee': 'unsupported',
  'loan fee': { type: 'fee' },
  'realized gain': 'unsupported',
  'realized loss': 'unsupported',
  'margin trade': 'unsupported',
  'derivatives': 'unsupported',
  loan: 'unsupported',
  'loan repayment': 'unsupported',
  'margin loan': 'unsupported',
  'margin repayment': 'unsupported',
  'liquidity in': { type: 'trade' },
  'liquidity out': { type: 'trade' },
  swap: { type: 'trade' },
};

const SPEC: SidesTemplateSpec = {
  tool: 'Koinly',
  zone: 'UTC',
  date: ['date', 'koinly date', 'date (utc)'],
  sentAmount: 'sent amount',
  sentAsset: 'sent currency',
  receivedAmount: 'received amount',
  receivedAsset: 'received currency',
  feeAmount: 'fee amount',
  feeAsset: 'fee currency',
  label: 'label',
  plainLabels: new Set(['', 'stake', 'unstake', 'to pool', 'from pool', 'exchange', 'trade']),
  labels: LABELS,
  worthAmount: 'net worth amount',
  worthCurrency: 'net worth currency',
  description: 'description',
  txHash: 'txhash',
};

export const koinlyUniversalFormat: SourceFormat = {
  id: 'koinly-universal',
  label: 'Koinly universal template',
  family: 'koinly',
  timeZone: 'UTC',
  headerVariants: [
    {
      required: ['date', 'sent amount', 'sent currency', 'received amount', 'received currency'],
      optional: ['fee amount', 'fee currency', 'net worth amount', 'net worth currency', 'label', 'description', 'txhash'],
    },
  ],
  createRowParser: (header, sink) => createSidesTemplateParser(SPEC, header, sink),
};
