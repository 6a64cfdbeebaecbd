/**
 * Integration tests: the whole Nest app over HTTP against PostgreSQL.
 * TEST_DATABASE_URL set → a real server (one database per test file, cloned from a migrated template);
 * unset → an embedded PGlite per test file.
 */
module.exports = {
  rootDir: '.',
  testRegex: '.*\\.e2e-spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
