/**
 * CoinTracker CSV import template: Date, Received Quantity, Received Currency, Sent Quantity, Sent Currency,
 * Fee Amount, Fee Currency, Tag. Dates are "MM/DD/YYYY HH:MM:SS" in UTC. Tags refine the meaning of sends
 * (gift, lost, donation, payment) and receives (fork, airdrop, mined, payment, staked, interest).
 */
import { income, type LabelMeaning } from '../shared/event-shapes';
import { createSidesTemplateParser, type SidesTemplateSpec } from '../shared/sides-template.parser';
import type { SourceFormat } from '../source-format';

const TAGS: Readonly<Record<string, LabelMeaning | 'unsupported'>> = {
  gift: { type: 'gift_out' },
  donation: { type: 'gift_out' },
  lost: { type: 'lost' },
  stolen: { type: 'lost' },
  payment: { type: 'spend' },
  fork: income('fork'),
  airdrop: income('airdrop'),
  mined: income('mining'),
  mining: income('mining'),
  staked: income('staking'),
  staking: income('staking'),
  stake: income('staking'),
  interest: income('interest'),
  income: income('other'),
  reward: income('reward'),
};

const SPEC: SidesTemplateSpec = {
  tool: 'CoinTracker',
  zone: 'UTC',
  date: ['date'],
  sentAmount: 'sent quantity',
  sentAsset: 'sent currency',
  receivedAmount: 'received quantity',
  receivedAsset: 'received currency',
  feeAmount: 'fee amount',
  feeAsset: 'fee currency',
  label: 'tag',
  plainLabels: new Set(['']),
  labels: TAGS,
};

export const cointrackerFormat: SourceFormat = {
  id: 'cointracker',
  label: 'CoinTracker CSV',
  family: 'cointracker',
  timeZone: 'UTC',
  headerVariants: [
    {
      required: ['date', 'received quantity', 'received currency', 'sent quantity', 'sent currency'],
      optional: ['fee amount', 'fee currency', 'tag'],
    },
  ],
  createRowParser: (header, sink) => createSidesTemplateParser(SPEC, header, sink),
};
