import { dec } from '@lotline/ledger';
import { resolutionFromJson, resolutionToJson, ResolutionFormatError } from './resolution-wire';
import type { Resolution } from './types';

const base = { id: 'r1', warningIds: ['missing-basis:s1@ETH'], who: 'preparer@firm.test', at: '2026-02-01T00:00:00.000Z', reason: 'statement' };

describe('resolution wire format', () => {
  it.each<Resolution['payload']>([
    { action: 'enter-basis', account: 'coinbase', asset: 'ETH', quantity: dec('1.5'), costBasis: dec('2000.10'), acquiredAt: '2023-01-01T00:00:00Z', evidence: 'p.2' },
    { action: 'categorise-inflow', eventId: 'd1', category: { as: 'purchase', usdCost: dec('2900') } },
    { action: 'mark-external', eventId: 'd1', category: { as: 'income', incomeKind: 'staking' } },
    { action: 'merge-duplicates', keepEventId: 'a1', dropEventIds: ['a2'] },
    { action: 'undo', resolutionId: 'r0' },
  ])('round-trips %j with decimals as strings', (payload) => {
    const json = resolutionToJson({ ...base, payload });
    const back = resolutionFromJson(JSON.parse(JSON.stringify(json)));
    expect(resolutionToJson(back)).toEqual(json);
  });

  it('writes decimals as plain decimal strings', () => {
    const json = resolutionToJson({ ...base, payload: { action: 'enter-price', eventId: 'e1', usdValue: dec('1E-8'), source: 'x' } });
    expect(json.payload).toEqual({ action: 'enter-price', eventId: 'e1', usdValue: '0.00000001', source: 'x' });
  });

  it.each([
    [{ action: 'enter-price', eventId: 'e1', usdValue: '12,5', source: 'x' }, 'payload.usdValue'],
    [{ action: 'enter-basis', account: 'a', asset: 'ETH', quantity: '1', costBasis: '-3', acquiredAt: '2023-01-01T00:00:00Z', evidence: 'x' }, 'payload.costBasis'],
    [{ action: 'accept-zero-basis', account: 'a', asset: 'ETH', quantity: '1', acquiredAt: 'yesterday' }, 'payload.acquiredAt'],
    [{ action: 'categorise-inflow', eventId: 'd1', category: { as: 'income', incomeKind: 'lottery' } }, 'payload.category.incomeKind'],
    [{ action: 'mark-sent-to-third-party', eventId: 'w1', as: 'sold' }, 'payload.as'],
    [{ action: 'delete-everything' }, 'payload.action'],
  ])('refuses %j naming %s', (payload, field) => {
    expect(() => resolutionFromJson({ ...base, payload })).toThrow(ResolutionFormatError);
    expect(() => resolutionFromJson({ ...base, payload })).toThrow(new RegExp(`^${field.replace(/\./g, '\\.')}:`));
  });
});
