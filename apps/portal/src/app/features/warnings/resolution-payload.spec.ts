import type { WarningDetail } from '@lotline/contracts';
import { DraftError, buildResolveRequest, initialDraft, type ResolutionDraft } from './resolution-payload';

function warning(patch: Partial<WarningDetail> = {}): WarningDetail {
  return {
    id: 'missing-price:e1',
    key: 'k1',
    clientId: 'c1',
    clientName: 'Alice',
    kind: 'missing-price',
    severity: 'high',
    blocking: true,
    status: 'open',
    resolvedBy: null,
    account: 'Wallet',
    asset: 'ETH',
    at: '2024-03-01T10:00:00Z',
    eventIds: ['e1'],
    message: 'No USD price',
    actions: ['enter-price'],
    code: null,
    suggestionCount: 0,
    explanation: '',
    events: [
      {
        id: 'e1',
        account: 'Wallet',
        timestamp: '2024-03-01T10:00:00Z',
        type: 'trade',
        sent: { asset: 'ETH', amount: '1.5' },
        received: { asset: 'SOL', amount: '40' },
        fee: null,
        usdValue: null,
        externalId: null,
        source: { kind: 'file', fileName: 'w.csv', line: 3 },
      },
    ],
    suggestions: [],
    resolutions: [],
    ...patch,
  };
}

function draft(w: WarningDetail, patch: Partial<ResolutionDraft>): ResolutionDraft {
  return { ...initialDraft(w), ...patch };
}

describe('buildResolveRequest', () => {
  it('enters a price as a decimal string with its source, answering the warning', () => {
    const w = warning();
    expect(buildResolveRequest(w, draft(w, { usdValue: '$4500.10', priceSource: 'CoinGecko close' }))).toEqual({
      payload: { action: 'enter-price', eventId: 'e1', usdValue: '4500.1', source: 'CoinGecko close' },
      warningIds: ['missing-price:e1'],
      reason: 'Entered a price',
    });
  });

  it('refuses amounts with thousands separators or signs, naming the field', () => {
    const w = warning();
    for (const usdValue of ['4,500', '-3', 'abc', '']) {
      const run = () => buildResolveRequest(w, draft(w, { usdValue, priceSource: 'x' }));
      expect(run).toThrow(DraftError);
      try {
        run();
      } catch (e) {
        expect((e as DraftError).field).toBe('usdValue');
      }
    }
    expect(() => buildResolveRequest(w, draft(w, { usdValue: '1', priceSource: ' ' }))).toThrow('The price source is required.');
  });

  it('matches the picked suggestion (starting from the best one)', () => {
    const w = warning({
      id: 'unmatched-withdrawal:w1',
      kind: 'unmatched-withdrawal',
      actions: ['match-pair', 'mark-sent-to-third-party'],
      suggestions: [
        { withdrawalId: 'w1', depositId: 'd1', asset: 'BTC', fromAccount: 'A', toAccount: 'B', sent: '1', received: '0.999', fee: '0.001', confidence: 0.7, tier: 'medium', gapMinutes: 30, reason: '' },
        { withdrawalId: 'w1', depositId: 'd2', asset: 'BTC', fromAccount: 'A', toAccount: 'C', sent: '1', received: '0.99', fee: '0.01', confidence: 0.4, tier: 'low', gapMinutes: 90, reason: '' },
      ],
    });
    const d = initialDraft(w);
    expect(d.action).toBe('match-pair');
    expect(buildResolveRequest(w, d).payload).toEqual({ action: 'match-pair', withdrawalId: 'w1', depositId: 'd1' });
    expect(buildResolveRequest(w, { ...d, pair: 'w1>d2' }).payload).toEqual({ action: 'match-pair', withdrawalId: 'w1', depositId: 'd2' });
    expect(() => buildResolveRequest(w, { ...d, pair: '' })).toThrow('Pick the matching transfer.');
  });

  it('requires a note for a $0 basis and sends it as the evidence note', () => {
    const w = warning({ id: 'missing-basis:e1', kind: 'missing-basis', actions: ['match-pair', 'enter-basis', 'accept-zero-basis', 'explain'] });
    const d = draft(w, { action: 'accept-zero-basis' });
    expect(() => buildResolveRequest(w, d)).toThrow('A note is required');
    expect(buildResolveRequest(w, { ...d, note: 'Client confirmed: airdrop with no cost' })).toEqual({
      payload: { action: 'accept-zero-basis', account: 'Wallet', asset: 'ETH', quantity: '1.5', acquiredAt: '2024-03-01T00:00:00Z' },
      warningIds: ['missing-basis:e1'],
      reason: 'Client confirmed: airdrop with no cost',
      evidenceNote: 'Client confirmed: airdrop with no cost',
    });
  });

  it('categorises an inflow as income of a kind, or as a transfer from a named own account', () => {
    const w = warning({ id: 'uncategorised-inflow:e1', kind: 'uncategorised-inflow', actions: ['categorise-inflow', 'match-pair'] });
    expect(buildResolveRequest(w, draft(w, { action: 'categorise-inflow', category: 'income', incomeKind: 'airdrop' })).payload).toEqual({
      action: 'categorise-inflow',
      eventId: 'e1',
      category: { as: 'income', incomeKind: 'airdrop' },
    });
    expect(() => buildResolveRequest(w, draft(w, { action: 'categorise-inflow', category: 'own-transfer' }))).toThrow('The other account is required.');
    expect(buildResolveRequest(w, draft(w, { action: 'categorise-inflow', category: 'own-transfer', fromAccount: 'Ledger' })).payload).toEqual({
      action: 'categorise-inflow',
      eventId: 'e1',
      category: { as: 'own-transfer', fromAccount: 'Ledger' },
    });
  });

  it('merges duplicates keeping the chosen one and dropping the others; keeps both with a note', () => {
    const w = warning({ id: 'possible-duplicate:e1,e2', kind: 'possible-duplicate', eventIds: ['e1', 'e2'], actions: ['merge-duplicates', 'keep-both'] });
    expect(buildResolveRequest(w, draft(w, { action: 'merge-duplicates', eventId: 'e2' })).payload).toEqual({ action: 'merge-duplicates', keepEventId: 'e2', dropEventIds: ['e1'] });
    expect(() => buildResolveRequest(w, draft(w, { action: 'keep-both' }))).toThrow('A note is required');
    expect(buildResolveRequest(w, draft(w, { action: 'keep-both', note: 'Two real buys' })).payload).toEqual({ action: 'keep-both', warningId: 'possible-duplicate:e1,e2' });
  });
});
