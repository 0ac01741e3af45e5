export * from './lib/enums';
export * from './lib/errors';
export * from './lib/system';
export * from './lib/auth';
export * from './lib/firm';
export * from './lib/imports';
export * from './lib/exchanges';
export * from './lib/reconciliation';
