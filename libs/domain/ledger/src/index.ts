export * from './lib/decimal';
export * from './lib/ledger-event';
export * from './lib/decimal-compact';
export * from './lib/decimal-scaled';
