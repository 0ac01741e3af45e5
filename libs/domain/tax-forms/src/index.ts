export * from './lib/tax-forms';
