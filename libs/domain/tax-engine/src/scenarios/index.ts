import type { Scenario } from './scenario';
import { codeBAdjustment } from './code-b-adjustment.scenario';
import { depositsWithdrawals } from './deposits-withdrawals.scenario';
import { dust } from './dust.scenario';
import { fifoFees } from './fifo-fees.scenario';
import { formBoxes2025 } from './form-boxes-2025.scenario';
import { formBoxesPre2025 } from './form-boxes-pre-2025.scenario';
import { giftsAndLost } from './gifts-and-lost.scenario';
import { hifoUnitCost } from './hifo-unit-cost.scenario';
import { holdingPeriodYearBoundary } from './holding-period-year-boundary.scenario';
import { incomeStaking } from './income-staking.scenario';
import { leapDay } from './leap-day.scenario';
import { lifoFees } from './lifo-fees.scenario';
import { missingBasis } from './missing-basis.scenario';
import { multiYearMethodChange } from './multi-year-method-change.scenario';
import { specificId } from './specific-id.scenario';
import { tiesSameInstant } from './ties-same-instant.scenario';
import { tradeCryptoFee } from './trade-crypto-fee.scenario';
import { transferFeeCarryBasis } from './transfer-fee-carry-basis.scenario';
import { transferPerAccount } from './transfer-per-account.scenario';
import { transition2025Accounts } from './transition-2025-accounts.scenario';
import { unpricedTrade } from './unpriced-trade.scenario';
import { weiQuantities } from './wei-quantities.scenario';

/** Every golden scenario, one per file. */
export const SCENARIOS: readonly Scenario[] = [
  codeBAdjustment,
  depositsWithdrawals,
  dust,
  fifoFees,
  formBoxes2025,
  formBoxesPre2025,
  giftsAndLost,
  hifoUnitCost,
  holdingPeriodYearBoundary,
  incomeStaking,
  leapDay,
  lifoFees,
  missingBasis,
  multiYearMethodChange,
  specificId,
  tiesSameInstant,
  tradeCryptoFee,
  transferFeeCarryBasis,
  transferPerAccount,
  transition2025Accounts,
  unpricedTrade,
  weiQuantities,
];
