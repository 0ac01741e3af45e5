module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  // Starts the built api (dist/apps/api/main.js) on the embedded default database in a throwaway data directory.
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 90000,
  coverageDirectory: '../../coverage/api-e2e',
};
