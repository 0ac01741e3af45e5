import type { Warning } from '@lotline/reconciliation';
import { DEFAULT_RECON_SETTINGS, localYear, statusByYear, storedSettings } from './recon-pipeline';
import { sourceEventIds } from './warning-text';

const warning = (at: string | null, blocking = true, status: Warning['status'] = 'open'): Warning => ({
  id: `missing-price:${at}`,
  kind: 'missing-price',
  severity: 'high',
  blocking,
  eventIds: ['1'],
  account: 'Coinbase',
  asset: 'BTC',
  at,
  message: 'm',
  actions: ['enter-price'],
  status,
});

describe('statusByYear', () => {
  it('holds back the warning\'s year and later years, never earlier ones', () => {
    const s = statusByYear([warning('2024-06-01T12:00:00Z')], [2023, 2024, 2025], 'America/New_York');
    expect(Object.fromEntries(s)).toEqual({ 2023: 'ready', 2024: 'in_review', 2025: 'in_review' });
  });

  it('takes the year in the client\'s zone: 2025-01-01T03:00Z is still 2024 in New York', () => {
    expect(localYear('2025-01-01T03:00:00Z', 'America/New_York')).toBe(2024);
    expect(Object.fromEntries(statusByYear([warning('2025-01-01T03:00:00Z')], [2024], 'America/New_York'))).toEqual({ 2024: 'in_review' });
    expect(Object.fromEntries(statusByYear([warning('2025-01-01T03:00:00Z')], [2024], 'UTC'))).toEqual({ 2024: 'ready' });
  });

  it('ignores resolved and non-blocking warnings; an undated blocking warning holds back every year', () => {
    expect(Object.fromEntries(statusByYear([warning('2024-01-01T12:00:00Z', false), warning('2024-01-01T12:00:00Z', true, 'resolved')], [2024], 'UTC'))).toEqual({ 2024: 'ready' });
    expect(Object.fromEntries(statusByYear([warning(null)], [2021, 2024], 'UTC'))).toEqual({ 2021: 'in_review', 2024: 'in_review' });
  });
});

describe('storedSettings', () => {
  it('falls back to the defaults for anything missing or malformed', () => {
    expect(storedSettings(undefined)).toEqual(DEFAULT_RECON_SETTINGS);
    expect(storedSettings({ transferWindowHours: 'soon', transferFeeTolerance: '1e-2', stablecoinsAsUsd: 'yes' })).toEqual(DEFAULT_RECON_SETTINGS);
  });

  it('keeps valid values and only non-blocking kinds in the firm policy', () => {
    expect(storedSettings({ transferWindowHours: 48, transferFeeTolerance: '0.02', stablecoinsAsUsd: true, blockingKinds: ['price-outlier', 'missing-price', 'nope'] })).toEqual({
      ...DEFAULT_RECON_SETTINGS,
      transferWindowHours: 48,
      transferFeeTolerance: '0.02',
      stablecoinsAsUsd: true,
      blockingKinds: ['price-outlier'],
    });
  });
});

describe('sourceEventIds', () => {
  it('maps computation event ids to the ledger rows behind them', () => {
    expect(sourceEventIds('42')).toEqual(['42']);
    expect(sourceEventIds('3>5')).toEqual(['3', '5']);
    expect(sourceEventIds('3>5#fee')).toEqual(['3', '5']);
    expect(sourceEventIds('basis:9b2f0c1e-0000-4000-8000-000000000000')).toEqual([]);
  });
});
