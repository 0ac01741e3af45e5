// Public API of @lotline/reconciliation: pricing, transfer matching, warnings and preparer resolutions (pure).
export { reconcile } from './lib/reconcile';
export { mergeEngineWarnings, openBlocking } from './lib/engine-warnings';
export { applyResolutions, activeResolutions, type AppliedResolutions } from './lib/resolutions';
export { matchTransfers, scoreCandidate, tierOf, pairKey, transferEvents, type MatchingInput, type MatchingResult } from './lib/transfer-matching';
export { maxWeightAssignment, hungarian, EXACT_COMPONENT_LIMIT, type Edge } from './lib/assignment';
export { balanceDeltas } from './lib/balance-and-broker';
export { acceptSuggestions, dustResolutions, type BulkMeta } from './lib/bulk-actions';
export { resolutionFromJson, resolutionToJson, ResolutionFormatError, type ResolutionJson } from './lib/resolution-wire';
export { DEFAULT_SETTINGS, DEFAULT_STABLECOINS, resolveSettings } from './lib/settings';
export { WARNING_CATALOGUE, warningId } from './lib/warning-catalogue';
export { WARNING_KINDS, RESOLUTION_ACTIONS } from './lib/types';
export type * from './lib/types';
