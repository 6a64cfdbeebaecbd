import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { serverCount } from './global-setup';

/**
 * Browser journeys that depend on "now" (calendar weeks, lead time, emails and reports of the demo),
 * which scripts/test-at-instants.mjs runs again with business time set to fixed instants…
 */
const TIME_SENSITIVE_JOURNEYS = ['e2e/bookings.spec.ts', 'e2e/inbox.spec.ts', 'e2e/notifications.spec.ts', 'e2e/reports.spec.ts'];
/** …without their accessibility sweeps, which look at the same pages whatever the date. */
const SKIP_ACCESSIBILITY_SWEEPS = '^(?!.*(WCAG|axe)).*$';

/**
 * E2E_INSTANTS (comma-separated, set by scripts/test-at-instants.mjs and npm test): one more project per
 * instant, in the same run, with its own servers at that business time (EQUIPOLE_NOW), so the workers
 * stay busy from the first file to the last instead of starting again for each instant.
 * E2E_INSTANTS_ONLY=true leaves out the suite at the real clock. The first instant's servers run on the
 * embedded database, as `npm start` does (E2E_DATABASE, global-setup.ts).
 */
const instants = (process.env.E2E_INSTANTS ?? '').split(',').map((instant) => instant.trim()).filter(Boolean);
const projects: TestProjectInlineConfiguration[] = [
  // `include` is set per project: a project that extends the root would add its list to the root's.
  ...(process.env.E2E_INSTANTS_ONLY === 'true' && instants.length > 0 ? [] : [{ extends: true as const, test: { name: 'browser', include: ['e2e/**/*.spec.ts'] } }]),
  ...instants.map((instant, index) => ({
    extends: true as const,
    test: {
      name: `at ${instant}`,
      include: TIME_SENSITIVE_JOURNEYS,
      testNamePattern: SKIP_ACCESSIBILITY_SWEEPS,
      env: { EQUIPOLE_NOW: instant, ...(index === 0 ? { E2E_DATABASE: 'embedded' } : {}) },
    },
  })),
];

/** Browser journeys: Chromium against the production build served by the real API. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    alias: { '@equipole/shared': fileURLToPath(new URL('../../../libs/shared/src/index.ts', import.meta.url)) },
  },
  test: {
    environment: 'node',
    // Each project (the real clock, each instant) starts its own servers, one per worker.
    globalSetup: ['e2e/global-setup.ts'],
    // One server per worker (global-setup.ts): a worker's files run one after the other on its own
    // server and database; the workers run side by side.
    fileParallelism: true,
    maxWorkers: serverCount(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    projects,
  },
});
