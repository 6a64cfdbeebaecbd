/**
 * Integration tests: the whole Nest app over HTTP against PostgreSQL.
 * TEST_DATABASE_URL set → a real server (one database per test file, cloned from a migrated template);
 * unset → an embedded PGlite per test file.
 *
 * EQUIPOLE_TEST_RUNS (scripts/test-at-instants.mjs) runs the suite several times in one jest run, one
 * project per run: a JSON list of { instant, ignore?, only? }, `instant` being business time for the
 * project's files (EQUIPOLE_NOW, "" for the real clock) and `ignore`/`only` regular expressions of test
 * files. One run instead of one per instant: one build and one template, and both workers stay busy
 * until the last file of all instants.
 */
const project = {
  rootDir: __dirname,
  testRegex: '.*\\.e2e-spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }] },
  testEnvironment: 'node',
};
const global = {
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  testSequencer: '<rootDir>/support/sequencer.js',
};

function runs() {
  const text = process.env.EQUIPOLE_TEST_RUNS?.trim();
  if (!text) return undefined;
  return JSON.parse(text).map(({ instant, ignore, only }) => ({
    ...project,
    displayName: instant ? `at ${instant}` : 'at the real clock',
    ...(only ? { testRegex: only } : {}),
    ...(ignore ? { testPathIgnorePatterns: ['/node_modules/', ...ignore] } : {}),
    // Read by support/at-instant.js in each test file's own copy of process.env.
    globals: { EQUIPOLE_TEST_INSTANT: instant ?? '' },
    setupFiles: ['<rootDir>/support/at-instant.js'],
  }));
}

const projects = runs();
module.exports = projects ? { ...global, rootDir: __dirname, projects } : { ...project, ...global };
