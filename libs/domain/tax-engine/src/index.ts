export * from './lib/tax-engine';
