export * from './lib/decimal';
export * from './lib/ledger-event';
