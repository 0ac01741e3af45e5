module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    // ccxt's CommonJS build requires @noble/* and @scure/* packages that ship ES modules only (Node loads them with require(esm);
    // Jest's module loader does not), so those files alone are converted to CommonJS.
    '/node_modules/@(noble|scure)/.+\\.js$': ['babel-jest', { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] }],
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(ccxt/node_modules/)?@(noble|scure)/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  // One real PostgreSQL for the run; each test file gets its own database cloned from a migrated template.
  globalSetup: '<rootDir>/test/global-setup.ts',
  // argon2id hashing (64 MiB, t=3) is deliberately slow; give HTTP journeys room on a loaded 2-core machine
  // (the root jest.config.ts sets the same for the all-projects run, where a project's testTimeout is ignored).
  testTimeout: 30000,
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  coverageDirectory: '../../coverage/apps/api',
};
