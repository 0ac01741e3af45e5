export * from './lib/enums';
export * from './lib/errors';
export * from './lib/system';
