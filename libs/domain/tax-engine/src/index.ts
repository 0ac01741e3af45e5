export { computeTaxes, PER_ACCOUNT_FROM_YEAR } from './lib/compute-taxes';
export { UNIVERSAL_KEY } from './lib/engine-state';
export type * from './lib/engine-types';
export { FORM_2025_YEAR, formBoxFor } from './lib/form-box';
export { longTermFromDay } from './lib/local-calendar';
export { TaxEngineError, type TaxEngineErrorCode } from './lib/tax-engine-error';
