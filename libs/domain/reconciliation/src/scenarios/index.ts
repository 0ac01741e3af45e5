import type { Scenario } from './scenario';
import { balanceMismatch } from './balance-mismatch.scenario';
import { duplicates } from './duplicates.scenario';
import { engineMissingBasis } from './engine-missing-basis.scenario';
import { engineUnpricedTransfer } from './engine-unpriced-transfer.scenario';
import { form1099Da } from './form-1099-da.scenario';
import { knownAssetsList } from './known-assets-list.scenario';
import { matchFeeTolerance } from './match-fee-tolerance.scenario';
import { matchHashExact } from './match-hash-exact.scenario';
import { matchOneToOneOptimal } from './match-one-to-one-optimal.scenario';
import { matchSameAccount } from './match-same-account.scenario';
import { matchTransferRecompute } from './match-transfer-recompute.scenario';
import { matchWindowEdges } from './match-window-edges.scenario';
import { outlierNeighbours } from './outlier-neighbours.scenario';
import { outlierTable } from './outlier-table.scenario';
import { policyBlocking } from './policy-blocking.scenario';
import { pricingStablecoinPar } from './pricing-stablecoin-par.scenario';
import { pricingTable } from './pricing-table.scenario';
import { resolveAcceptZeroBasis } from './resolve-accept-zero-basis.scenario';
import { resolveCategoriseInflow } from './resolve-categorise-inflow.scenario';
import { resolveEnterBasis } from './resolve-enter-basis.scenario';
import { resolveEnterPriceTransfer } from './resolve-enter-price-transfer.scenario';
import { resolveEnterPrice } from './resolve-enter-price.scenario';
import { resolveExplain } from './resolve-explain.scenario';
import { resolveKeepBoth } from './resolve-keep-both.scenario';
import { resolveMapAsset } from './resolve-map-asset.scenario';
import { resolveMarkExternal } from './resolve-mark-external.scenario';
import { resolveMarkSent } from './resolve-mark-sent.scenario';
import { resolveMatchPair } from './resolve-match-pair.scenario';
import { resolveMergeDuplicates } from './resolve-merge-duplicates.scenario';
import { resolveUnmatch } from './resolve-unmatch.scenario';
import { unknownAsset } from './unknown-asset.scenario';

/** One golden scenario per file, each hand-checked (see its `rule`). */
export const SCENARIOS: readonly Scenario[] = [
  balanceMismatch,
  duplicates,
  engineMissingBasis,
  engineUnpricedTransfer,
  form1099Da,
  knownAssetsList,
  matchFeeTolerance,
  matchHashExact,
  matchOneToOneOptimal,
  matchSameAccount,
  matchTransferRecompute,
  matchWindowEdges,
  outlierNeighbours,
  outlierTable,
  policyBlocking,
  pricingStablecoinPar,
  pricingTable,
  resolveAcceptZeroBasis,
  resolveCategoriseInflow,
  resolveEnterBasis,
  resolveEnterPriceTransfer,
  resolveEnterPrice,
  resolveExplain,
  resolveKeepBoth,
  resolveMapAsset,
  resolveMarkExternal,
  resolveMarkSent,
  resolveMatchPair,
  resolveMergeDuplicates,
  resolveUnmatch,
  unknownAsset,
];
