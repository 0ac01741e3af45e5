export * from './lib/reconciliation';
