import type { IncomeKindName, LedgerEventView, RecomputeState, ResolutionAction, WarningKind, WarningSeverity } from '@lotline/contracts';

export const WARNING_KIND_LABELS: Readonly<Record<WarningKind, string>> = {
  'missing-basis': 'Missing cost basis',
  'negative-balance': 'Negative balance',
  'unmatched-withdrawal': 'Unmatched withdrawal',
  'unmatched-deposit': 'Unmatched deposit',
  'possible-duplicate': 'Possible duplicate',
  'missing-price': 'Missing USD price',
  'price-outlier': 'Price outlier',
  'uncategorised-inflow': 'Uncategorised inflow',
  'balance-mismatch': 'Balance mismatch',
  'form-1099-da-mismatch': '1099-DA mismatch',
  'unknown-asset': 'Unknown asset',
  'engine-notice': 'Calculation notice',
};

export const SEVERITY_LABELS: Readonly<Record<WarningSeverity, string>> = { high: 'High', medium: 'Medium', low: 'Low' };

export const ACTION_LABELS: Readonly<Record<ResolutionAction, string>> = {
  'match-pair': 'Matched a transfer',
  unmatch: 'Unmatched a transfer',
  'mark-sent-to-third-party': 'Sent to a third party',
  'mark-external': 'External deposit',
  'merge-duplicates': 'Merged duplicates',
  'keep-both': 'Kept both',
  'enter-price': 'Entered a price',
  'enter-basis': 'Entered a cost basis',
  'accept-zero-basis': 'Accepted $0 basis',
  'categorise-inflow': 'Categorised an inflow',
  'map-asset': 'Mapped an asset',
  explain: 'Explained',
  undo: 'Undo',
};

export const INCOME_KIND_LABELS: Readonly<Record<IncomeKindName, string>> = {
  staking: 'Staking',
  mining: 'Mining',
  airdrop: 'Airdrop',
  interest: 'Interest',
  reward: 'Reward',
  fork: 'Fork',
  wages: 'Wages',
  other: 'Other income',
};

export const RECOMPUTE_LABELS: Readonly<Record<RecomputeState, string>> = {
  never: 'Not computed yet',
  queued: 'Recalculation queued…',
  running: 'Recalculating…',
  done: 'Up to date',
  failed: 'Recalculation failed',
};

/** Where an event came from, in words: "coinbase.csv line 12", "Kraken API L123", "entered by a resolution". */
export function sourceText(e: LedgerEventView): string {
  switch (e.source.kind) {
    case 'file':
      return `${e.source.fileName} line ${e.source.line}`;
    case 'api':
      return `${e.source.exchange} API ${e.source.recordId}`;
    case 'manual':
      return 'entered by a resolution';
  }
}
