import type { EngineWarning, TaxResult } from '@lotline/tax-engine';
import type { FirmPolicy, ReconcileResult, Warning, WarningKind } from './types';
import { buildWarning, compareWarnings } from './warning-catalogue';

function kindOf(w: EngineWarning): WarningKind {
  switch (w.code) {
    case 'missing-basis':
      return 'missing-basis';
    case 'negative-balance':
      return 'negative-balance';
    case 'unpriced-event':
      return 'missing-price';
    case 'unreconciled-deposit':
      return 'unmatched-deposit';
    case 'unreconciled-withdrawal':
      return 'unmatched-withdrawal';
    case 'broker-basis-mismatch':
    case 'broker-proceeds-mismatch':
      return 'form-1099-da-mismatch';
    case 'gift-basis-at-fmv':
    case 'specific-id-invalid-pick':
    case 'specific-id-ignored':
    case 'transition-excess-lots':
    case 'unsupported-event':
    case 'duplicate-event-id':
      return 'engine-notice';
  }
}

/**
 * Reconciliation warnings plus the tax engine's: missing basis and negative balances come from the engine; engine
 * warnings that restate a reconciliation warning about the same events (unpriced, unreconciled deposit/withdrawal)
 * are dropped; 1099-DA differences become 1099-DA mismatches; the rest are engine notices with the engine's flag.
 */
export function mergeEngineWarnings(recon: ReconcileResult, tax: Pick<TaxResult, 'warnings'>, policy?: FirmPolicy): Warning[] {
  const covered = new Set<string>();
  for (const w of recon.warnings) {
    if (w.kind === 'uncategorised-inflow') for (const id of w.eventIds) covered.add(`unmatched-deposit|${id}`);
    if (w.kind === 'unknown-asset') continue;
    for (const id of w.eventIds) covered.add(`${w.kind}|${id}`);
  }
  const seen = new Set(recon.warnings.map((w) => w.id));
  const wanted = new Set(tax.warnings.map((w) => w.eventIds[0]).filter((id) => id !== undefined));
  const timeOf = new Map<string, string>();
  if (wanted.size > 0) for (const e of recon.events) if (wanted.has(e.id)) timeOf.set(e.id, e.timestamp);
  const out: Warning[] = [...recon.warnings];
  for (const w of tax.warnings) {
    const kind = kindOf(w);
    const restated = (kind === 'missing-price' || kind === 'unmatched-deposit' || kind === 'unmatched-withdrawal') && w.eventIds.every((id) => covered.has(`${kind}|${id}`));
    if (restated) continue;
    const subject = kind === 'engine-notice' || kind === 'form-1099-da-mismatch' ? `${w.code}${w.asset === null ? '' : `/${w.asset}`}` : (w.asset ?? undefined);
    const warning = buildWarning(
      { kind, eventIds: w.eventIds, subject, account: w.account, asset: w.asset, at: timeOf.get(w.eventIds[0] ?? '') ?? null, message: w.message, code: w.code, blocking: kind === 'engine-notice' ? w.blocking : undefined },
      policy,
      recon.resolvedWarningIds,
    );
    if (seen.has(warning.id)) continue;
    seen.add(warning.id);
    out.push(warning);
  }
  return out.sort(compareWarnings);
}

/** Warnings that stop final generation: blocking and not answered by a resolution. */
export function openBlocking(warnings: readonly Warning[]): Warning[] {
  return warnings.filter((w) => w.blocking && w.status === 'open');
}
