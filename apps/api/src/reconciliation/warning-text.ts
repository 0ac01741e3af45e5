import type { WarningKind } from '@lotline/contracts';

const EXPLANATIONS: Record<WarningKind, string> = {
  'missing-basis':
    'More units were disposed of than the client held in that account (or pool), so part of the disposal has no known cost basis and is counted at $0. Import the missing history, match the transfer that brought the units in, enter the basis with evidence, or accept a $0 basis explicitly.',
  'negative-balance':
    'The running balance of this asset in the account went below zero: outflows that no imported inflow explains. Usually a missing file or an unmatched transfer from another own account.',
  'unmatched-withdrawal':
    'Units left this account and no matching deposit was found in another of the client\'s accounts. Match it to the deposit (suggestions are listed with their confidence), or mark it as sent to a third party (a sale/spend, or a gift).',
  'unmatched-deposit':
    'Units arrived in this account; a possible sending withdrawal exists but was not matched automatically. Match the pair, or mark the deposit as external (income, purchase, gift received).',
  'possible-duplicate':
    'The same asset and amount appear twice within a minute in different accounts or sources. Merge them (keep one) or keep both if they are really two transactions.',
  'missing-price':
    'No USD value is known for this event: not in the file, not a USD or stablecoin trade, and no price-table quote within 24 hours. Enter the price with its source.',
  'price-outlier':
    'The event\'s own USD value is far from the market price or its neighbours. Confirm it (explain) or correct it (enter the price).',
  'uncategorised-inflow':
    'Units arrived from an unknown source and no own-account withdrawal could have sent them. Say what it was: income (staking, airdrop...), a purchase, a gift received, or a transfer from another own account.',
  'balance-mismatch':
    'The balance computed from the imported transactions differs from the balance the exchange reports. Explain the difference or add the missing transactions.',
  'form-1099-da-mismatch':
    'The broker\'s 1099-DA figures differ from the computed ones. Explain (a code B adjustment applies when the reported basis is wrong) or correct the data.',
  'unknown-asset':
    'The asset symbol is not a known ticker (for example a contract address). Map it to the asset it stands for.',
  'engine-notice':
    'A note from the tax computation (for example a gift basis taken at fair market value). Review and explain.',
};

export const explanationOf = (kind: WarningKind): string => EXPLANATIONS[kind];

/**
 * Ledger row ids behind an event id of the computation: a matched transfer `<withdrawal>><deposit>`, its gas fee
 * `<id>#fee`, a manual lot `basis:<resolution id>` (no ledger row), or an imported row's own id.
 */
export function sourceEventIds(id: string): string[] {
  if (id.startsWith('basis:')) return [];
  return id
    .replace(/#fee$/, '')
    .split('>')
    .filter((x) => /^\d+$/.test(x));
}
