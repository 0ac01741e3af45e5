import type { FirmPolicy, ResolutionAction, Severity, Warning, WarningKind } from './types';

interface KindInfo {
  readonly severity: Severity;
  readonly blocking: boolean;
  readonly actions: readonly ResolutionAction[];
}

/** PRODUCT.md "Reconciliation warnings": severity, default blocking flag and the resolutions offered, per kind. */
export const WARNING_CATALOGUE: Readonly<Record<WarningKind, KindInfo>> = {
  'missing-basis': { severity: 'high', blocking: true, actions: ['match-pair', 'enter-basis', 'accept-zero-basis', 'explain'] },
  'negative-balance': { severity: 'high', blocking: true, actions: ['match-pair', 'enter-basis', 'accept-zero-basis', 'explain'] },
  'unmatched-withdrawal': { severity: 'high', blocking: true, actions: ['match-pair', 'mark-sent-to-third-party'] },
  'unmatched-deposit': { severity: 'high', blocking: true, actions: ['match-pair', 'mark-external'] },
  'possible-duplicate': { severity: 'high', blocking: true, actions: ['merge-duplicates', 'keep-both'] },
  'missing-price': { severity: 'high', blocking: true, actions: ['enter-price'] },
  'price-outlier': { severity: 'low', blocking: false, actions: ['explain', 'enter-price'] },
  'uncategorised-inflow': { severity: 'medium', blocking: true, actions: ['categorise-inflow', 'match-pair'] },
  'balance-mismatch': { severity: 'medium', blocking: false, actions: ['explain'] },
  'form-1099-da-mismatch': { severity: 'medium', blocking: false, actions: ['explain'] },
  'unknown-asset': { severity: 'high', blocking: true, actions: ['map-asset'] },
  'engine-notice': { severity: 'low', blocking: false, actions: ['explain'] },
};

export interface WarningDraft {
  readonly kind: WarningKind;
  readonly eventIds: readonly string[];
  /** Part of the id besides the event ids (reported balance key, 1099-DA line id, engine code). */
  readonly subject?: string;
  /** Replaces the id key (kind-wide warnings such as an unknown asset listing every event). */
  readonly idKey?: string;
  readonly account: string | null;
  readonly asset: string | null;
  readonly at: string | null;
  readonly message: string;
  readonly code?: string;
  /** Overrides the catalogue (engine warnings carry their own flag). */
  readonly blocking?: boolean;
}

export function warningId(kind: WarningKind, eventIds: readonly string[], subject?: string): string {
  const ids = [...eventIds].sort().join(',');
  return subject === undefined ? `${kind}:${ids}` : ids === '' ? `${kind}:@${subject}` : `${kind}:${ids}@${subject}`;
}

/** Turns a draft into a warning: id, catalogue severity/actions, firm policy on blocking, resolution status. */
export function buildWarning(draft: WarningDraft, policy: FirmPolicy | undefined, resolvedBy: ReadonlyMap<string, string>): Warning {
  const info = WARNING_CATALOGUE[draft.kind];
  const id = draft.idKey === undefined ? warningId(draft.kind, draft.eventIds, draft.subject) : `${draft.kind}:@${draft.idKey}`;
  const blocking = (draft.blocking ?? info.blocking) || (policy?.blockingKinds?.includes(draft.kind) ?? false);
  const by = resolvedBy.get(id);
  return {
    id,
    kind: draft.kind,
    severity: blocking && info.severity === 'low' ? 'medium' : info.severity,
    blocking,
    eventIds: draft.eventIds,
    account: draft.account,
    asset: draft.asset,
    at: draft.at,
    message: draft.message,
    actions: info.actions,
    ...(draft.code === undefined ? {} : { code: draft.code }),
    status: by === undefined ? 'open' : 'resolved',
    ...(by === undefined ? {} : { resolvedBy: by }),
  };
}

const KIND_ORDER = new Map<WarningKind, number>(Object.keys(WARNING_CATALOGUE).map((k, i) => [k as WarningKind, i]));

/** Deterministic order: time, then kind (catalogue order), then id. Warnings without a time come last. */
export function compareWarnings(a: Warning, b: Warning): number {
  const at = a.at ?? '\uffff';
  const bt = b.at ?? '\uffff';
  if (at !== bt) return at < bt ? -1 : 1;
  const k = (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0);
  if (k !== 0) return k;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
