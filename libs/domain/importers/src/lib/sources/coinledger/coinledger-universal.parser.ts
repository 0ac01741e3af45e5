/**
 * CoinLedger universal manual import template: Date (UTC), Platform (Optional), Asset Sent, Amount Sent,
 * Asset Received, Amount Received, Fee Currency (Optional), Fee Amount (Optional), Type, Description (Optional),
 * TxHash (Optional). Dates "MM/DD/YYYY HH:MM:SS" in UTC. Type names the transaction (Trade, Deposit, Income...).
 */
import { income, type LabelMeaning } from '../shared/event-shapes';
import { createSidesTemplateParser, type SidesTemplateSpec } from '../shared/sides-template.parser';
import type { SourceFormat } from '../source-format';

const TYPES: Readonly<Record<string, LabelMeaning | 'unsupported'>> = {
  trade: { type: 'trade' },
  buy: { type: 'trade' },
  sell: { type: 'trade' },
  deposit: { type: 'deposit' },
  receive: { type: 'deposit' },
  withdrawal: { type: 'withdrawal' },
  send: { type: 'withdrawal' },
  income: income('other'),
  'other income': income('other'),
  interest: income('interest'),
  staking: income('staking'),
  mining: income('mining'),
  airdrop: income('airdrop'),
  'hard fork': income('fork'),
  fork: income('fork'),
  reward: income('reward'),
  'gift received': { type: 'gift_in' },
  'gift sent': { type: 'gift_out' },
  gift: { type: 'gift_out' },
  donation: { type: 'gift_out' },
  'casualty loss': { type: 'lost' },
  'theft loss': { type: 'lost' },
  'investment loss': { type: 'lost' },
  'merchant payment': { type: 'spend' },
  payment: { type: 'spend' },
  fee: { type: 'fee' },
};

const SPEC: SidesTemplateSpec = {
  tool: 'CoinLedger',
  zone: 'UTC',
  date: ['date (utc)', 'date'],
  sentAmount: 'amount sent',
  sentAsset: 'asset sent',
  receivedAmount: 'amount received',
  receivedAsset: 'asset received',
  feeAmount: 'fee amount (optional)',
  feeAsset: 'fee currency (optional)',
  label: 'type',
  plainLabels: new Set<string>(),
  labels: TYPES,
  description: 'description (optional)',
  txHash: 'txhash (optional)',
};

export const coinledgerUniversalFormat: SourceFormat = {
  id: 'coinledger-universal',
  label: 'CoinLedger universal import',
  family: 'coinledger',
  timeZone: 'UTC',
  headerVariants: [
    {
      required: ['date (utc)', 'asset sent', 'amount sent', 'asset received', 'amount received', 'type'],
      optional: ['platform (optional)', 'fee currency (optional)', 'fee amount (optional)', 'description (optional)', 'txhash (optional)'],
    },
  ],
  createRowParser: (header, sink) => createSidesTemplateParser(SPEC, header, sink),
};
