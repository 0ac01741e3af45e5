import { Decimal } from '@lotline/ledger';
import type { ReconcileSettings } from './types';

const HOUR_MS = 3_600_000;

export const DEFAULT_STABLECOINS: readonly string[] = ['USDC', 'USDT', 'DAI', 'PYUSD', 'USDP', 'GUSD', 'TUSD', 'BUSD', 'FDUSD', 'USDS'];

export const DEFAULT_SETTINGS: ReconcileSettings = {
  timeZone: 'America/New_York',
  transferWindowMs: 72 * HOUR_MS,
  transferFeeTolerance: new Decimal('0.01'),
  autoMatchConfidence: 0.85,
  stablecoinsAsUsd: false,
  stablecoins: DEFAULT_STABLECOINS,
  priceMaxAgeMs: 24 * HOUR_MS,
  outlierThreshold: new Decimal('0.25'),
  outlierMinUsd: new Decimal(1),
  duplicateWindowMs: 60_000,
  balanceTolerance: new Decimal('0.00000001'),
};

export function resolveSettings(partial: Partial<ReconcileSettings> | undefined): ReconcileSettings {
  return { ...DEFAULT_SETTINGS, ...(partial ?? {}) };
}
