import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { serverCount } from './global-setup';

/** Browser journeys: Chromium against the production build served by the real API. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    alias: { '@equipole/shared': fileURLToPath(new URL('../../../libs/shared/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'browser',
    environment: 'node',
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // One server per worker (global-setup.ts): a worker's files run one after the other on its own
    // server and database; the workers run side by side.
    fileParallelism: true,
    maxWorkers: serverCount(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
