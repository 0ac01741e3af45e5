import { Decimal, INCOME_KINDS, parseDecimal, type IncomeKind } from '@lotline/ledger';
import { RESOLUTION_ACTIONS, type InflowCategory, type Resolution, type ResolutionPayload } from './types';

/** JSON form of a resolution (stored by the api, sent by the portal): decimals as strings. */
export type ResolutionJson = {
  readonly id: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly warningIds: readonly string[];
  readonly who: string;
  readonly at: string;
  readonly reason: string;
};


function toJsonValue(value: unknown): unknown {
  if (value instanceof Decimal) return value.toFixed();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  return value;
}

export function resolutionToJson(r: Resolution): ResolutionJson {
  return { ...r, payload: toJsonValue(r.payload) as Record<string, unknown> };
}

export class ResolutionFormatError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ResolutionFormatError';
  }
}

/** Parses and checks a stored or submitted resolution; throws ResolutionFormatError naming the field. */
export function resolutionFromJson(json: ResolutionJson): Resolution {
  const p = json.payload;
  const str = (field: string): string => {
    const v = p[field];
    if (typeof v !== 'string' || v === '') throw new ResolutionFormatError(`payload.${field}`, 'a non-empty string is required');
    return v;
  };
  const num = (field: string, source: Readonly<Record<string, unknown>> = p): Decimal => {
    const v = source[field];
    const d = typeof v === 'string' ? parseDecimal(v) : undefined;
    if (d === undefined || d.isNegative()) throw new ResolutionFormatError(`payload.${field}`, 'a non-negative decimal string is required');
    return d;
  };
  const instant = (field: string): string => {
    const v = str(field);
    if (Number.isNaN(Date.parse(v))) throw new ResolutionFormatError(`payload.${field}`, 'an ISO 8601 instant is required');
    return v;
  };
  const action = p['action'];
  if (typeof action !== 'string' || !(RESOLUTION_ACTIONS as readonly string[]).includes(action)) {
    throw new ResolutionFormatError('payload.action', `one of ${RESOLUTION_ACTIONS.join(', ')}`);
  }
  let payload: ResolutionPayload;
  switch (action as ResolutionPayload['action']) {
    case 'match-pair':
    case 'unmatch':
      payload = { action: action as 'match-pair' | 'unmatch', withdrawalId: str('withdrawalId'), depositId: str('depositId') };
      break;
    case 'mark-sent-to-third-party': {
      const as = p['as'];
      if (as !== 'disposal' && as !== 'gift') throw new ResolutionFormatError('payload.as', 'disposal or gift');
      payload = { action: 'mark-sent-to-third-party', eventId: str('eventId'), as };
      break;
    }
    case 'mark-external':
    case 'categorise-inflow':
      payload = { action: action as 'mark-external' | 'categorise-inflow', eventId: str('eventId'), category: category(p['category'], num) };
      break;
    case 'merge-duplicates': {
      const drop = p['dropEventIds'];
      if (!Array.isArray(drop) || drop.length === 0 || !drop.every((x) => typeof x === 'string')) throw new ResolutionFormatError('payload.dropEventIds', 'a non-empty list of event ids');
      payload = { action: 'merge-duplicates', keepEventId: str('keepEventId'), dropEventIds: drop as string[] };
      break;
    }
    case 'keep-both':
    case 'explain':
      payload = { action: action as 'keep-both' | 'explain', warningId: str('warningId') };
      break;
    case 'enter-price':
      payload = { action: 'enter-price', eventId: str('eventId'), usdValue: num('usdValue'), source: str('source') };
      break;
    case 'enter-basis':
      payload = { action: 'enter-basis', account: str('account'), asset: str('asset'), quantity: num('quantity'), costBasis: num('costBasis'), acquiredAt: instant('acquiredAt'), evidence: str('evidence') };
      break;
    case 'accept-zero-basis':
      payload = { action: 'accept-zero-basis', account: str('account'), asset: str('asset'), quantity: num('quantity'), acquiredAt: instant('acquiredAt') };
      break;
    case 'map-asset':
      payload = { action: 'map-asset', from: str('from'), to: str('to') };
      break;
    case 'undo':
      payload = { action: 'undo', resolutionId: str('resolutionId') };
      break;
  }
  return { id: json.id, payload, warningIds: [...json.warningIds], who: json.who, at: json.at, reason: json.reason };
}

function category(value: unknown, num: (field: string, source: Readonly<Record<string, unknown>>) => Decimal): InflowCategory {
  if (value === null || typeof value !== 'object') throw new ResolutionFormatError('payload.category', 'an object with "as"');
  const c = value as Readonly<Record<string, unknown>>;
  switch (c['as']) {
    case 'income': {
      const kind = c['incomeKind'];
      if (typeof kind !== 'string' || !(INCOME_KINDS as readonly string[]).includes(kind)) throw new ResolutionFormatError('payload.category.incomeKind', `one of ${INCOME_KINDS.join(', ')}`);
      return { as: 'income', incomeKind: kind as IncomeKind };
    }
    case 'purchase':
      return c['usdCost'] === undefined ? { as: 'purchase' } : { as: 'purchase', usdCost: num('usdCost', c) };
    case 'own-transfer': {
      const from = c['fromAccount'];
      if (typeof from !== 'string' || from === '') throw new ResolutionFormatError('payload.category.fromAccount', 'the own account the units came from');
      return { as: 'own-transfer', fromAccount: from };
    }
    case 'gift-received':
      return { as: 'gift-received' };
    default:
      throw new ResolutionFormatError('payload.category.as', 'income, purchase, own-transfer or gift-received');
  }
}
