import type { IncomeKindName, LedgerEventView, ResolutionAction, ResolveRequest, WarningDetail } from '@lotline/contracts';
import { dec, parseDecimal } from '@lotline/ledger';
import { ACTION_LABELS } from './warning-labels';

/** Actions the resolution dialog offers (undo and unmatch live in the history). */
export const DIALOG_ACTIONS: readonly ResolutionAction[] = [
  'match-pair',
  'enter-price',
  'categorise-inflow',
  'mark-external',
  'mark-sent-to-third-party',
  'merge-duplicates',
  'keep-both',
  'accept-zero-basis',
  'enter-basis',
  'map-asset',
  'explain',
];

/** What the preparer chose for each action: the dialog's form values (all text; decimals stay strings). */
export interface ResolutionDraft {
  readonly action: ResolutionAction;
  /** match-pair: "<withdrawalId>><depositId>" of the picked suggestion. */
  readonly pair: string;
  /** enter-price, categorise/mark-external, mark-sent, merge (the one to keep). */
  readonly eventId: string;
  readonly usdValue: string;
  readonly priceSource: string;
  readonly category: 'income' | 'purchase' | 'own-transfer' | 'gift-received';
  readonly incomeKind: IncomeKindName;
  readonly purchaseUsd: string;
  readonly fromAccount: string;
  readonly sentAs: 'disposal' | 'gift';
  readonly quantity: string;
  readonly costBasis: string;
  /** YYYY-MM-DD (the acquisition day, taken as 00:00 UTC). */
  readonly acquiredOn: string;
  readonly mapTo: string;
  /** Why (reason) and, for $0 / entered basis and explanations, the evidence note. */
  readonly note: string;
}

/** Actions whose note is required (the API also refuses accept-zero-basis and enter-basis without it). */
export function noteRequired(action: ResolutionAction): boolean {
  return action === 'accept-zero-basis' || action === 'enter-basis' || action === 'explain' || action === 'keep-both';
}

/** The amount that moved in an event (what was sent, else what was received). */
export function eventAmount(e: LedgerEventView): { asset: string; amount: string } | null {
  return e.sent ?? e.received;
}

/** The leg an event's USD value prices: the fee of a fee event, else the crypto side (what was sent, else received). */
export function pricedLeg(e: LedgerEventView): { asset: string; amount: string } | null {
  if (e.type === 'fee') return e.fee;
  if (e.sent && e.sent.asset !== 'USD') return e.sent;
  if (e.received && e.received.asset !== 'USD') return e.received;
  return e.fee;
}

/** The USD value of `amount` units at a quoted unit price, exact (decimal strings in, decimal string out). */
export function valueAt(amount: string, priceUsd: string): string {
  return dec(amount).times(dec(priceUsd)).toFixed();
}

/** Starting values of the form for a warning: its first event, its asset and account, the best suggestion. */
export function initialDraft(w: WarningDetail): ResolutionDraft {
  const first = w.events[0];
  const moved = first ? eventAmount(first) : null;
  const best = w.suggestions[0];
  return {
    action: w.actions.find((a) => DIALOG_ACTIONS.includes(a)) ?? 'explain',
    pair: best ? `${best.withdrawalId}>${best.depositId}` : '',
    eventId: first?.id ?? '',
    usdValue: '',
    priceSource: '',
    category: 'income',
    incomeKind: 'staking',
    purchaseUsd: '',
    fromAccount: '',
    sentAs: 'disposal',
    quantity: moved?.amount ?? '',
    costBasis: '',
    acquiredOn: (w.at ?? first?.timestamp ?? '').slice(0, 10),
    mapTo: '',
    note: '',
  };
}

export class DraftError extends Error {
  constructor(readonly field: keyof ResolutionDraft, message: string) {
    super(message);
    this.name = 'DraftError';
  }
}

function amount(d: ResolutionDraft, field: 'usdValue' | 'purchaseUsd' | 'quantity' | 'costBasis', what: string, optional = false): string | undefined {
  const text = d[field].trim();
  if (text === '' && optional) return undefined;
  const v = parseDecimal(text.replace(/^\$/, ''));
  if (v === undefined || v.isNegative() || text.includes(',')) throw new DraftError(field, `${what} must be a plain non-negative amount like 1234.56.`);
  return v.toFixed();
}

function required(d: ResolutionDraft, field: keyof ResolutionDraft, what: string): string {
  const v = String(d[field]).trim();
  if (!v) throw new DraftError(field, `${what} is required.`);
  return v;
}

/**
 * The request for the chosen action (the domain's resolution wire format, decimals as strings), or a DraftError
 * naming the form field that is missing or wrong.
 */
export function buildResolveRequest(w: WarningDetail, d: ResolutionDraft): ResolveRequest {
  const note = d.note.trim();
  if (noteRequired(d.action) && !note) throw new DraftError('note', 'A note is required for this resolution (it is kept as evidence).');
  const eventId = () => required(d, 'eventId', 'The transaction');
  let payload: Record<string, unknown>;
  switch (d.action) {
    case 'match-pair': {
      const [withdrawalId, depositId] = d.pair.split('>');
      if (!withdrawalId || !depositId) throw new DraftError('pair', 'Pick the matching transfer.');
      payload = { action: 'match-pair', withdrawalId, depositId };
      break;
    }
    case 'enter-price':
      payload = { action: 'enter-price', eventId: eventId(), usdValue: amount(d, 'usdValue', 'The USD value'), source: required(d, 'priceSource', 'The price source') };
      break;
    case 'categorise-inflow':
    case 'mark-external':
      payload = { action: d.action, eventId: eventId(), category: category(d) };
      break;
    case 'mark-sent-to-third-party':
      payload = { action: 'mark-sent-to-third-party', eventId: eventId(), as: d.sentAs };
      break;
    case 'merge-duplicates': {
      const keep = eventId();
      const drop = w.eventIds.filter((id) => id !== keep);
      if (!drop.length) throw new DraftError('eventId', 'There is no other transaction to merge.');
      payload = { action: 'merge-duplicates', keepEventId: keep, dropEventIds: drop };
      break;
    }
    case 'keep-both':
    case 'explain':
      payload = { action: d.action, warningId: w.id };
      break;
    case 'accept-zero-basis':
    case 'enter-basis': {
      const base = {
        account: w.account ?? required(d, 'fromAccount', 'The account'),
        asset: w.asset ?? '',
        quantity: amount(d, 'quantity', 'The quantity'),
        acquiredAt: `${required(d, 'acquiredOn', 'The acquisition date')}T00:00:00Z`,
      };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.acquiredOn.trim())) throw new DraftError('acquiredOn', 'The acquisition date must be a date (YYYY-MM-DD).');
      payload = d.action === 'accept-zero-basis'
        ? { action: 'accept-zero-basis', ...base }
        : { action: 'enter-basis', ...base, costBasis: amount(d, 'costBasis', 'The cost basis'), evidence: note };
      break;
    }
    case 'map-asset':
      payload = { action: 'map-asset', from: w.asset ?? '', to: required(d, 'mapTo', 'The known asset').toUpperCase() };
      break;
    default:
      throw new DraftError('action', `"${ACTION_LABELS[d.action]}" is not offered here.`);
  }
  const evidence = d.action === 'accept-zero-basis' || d.action === 'enter-basis';
  return {
    payload,
    warningIds: [w.id],
    reason: note || ACTION_LABELS[d.action],
    ...(evidence ? { evidenceNote: note } : {}),
  };
}

function category(d: ResolutionDraft): Record<string, unknown> {
  switch (d.category) {
    case 'income':
      return { as: 'income', incomeKind: d.incomeKind };
    case 'purchase': {
      const usdCost = amount(d, 'purchaseUsd', 'The purchase cost', true);
      return usdCost === undefined ? { as: 'purchase' } : { as: 'purchase', usdCost };
    }
    case 'own-transfer':
      return { as: 'own-transfer', fromAccount: required(d, 'fromAccount', 'The other account') };
    case 'gift-received':
      return { as: 'gift-received' };
  }
}
