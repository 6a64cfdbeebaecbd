import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort, spawnApi, stopApi, waitForHealth } from '../../api/test/support/spawn-server';

/** One app under test: where it answers (e.g. `http://127.0.0.1:41234`) and its DATA_DIR (the admin command reaches it there). */
export interface ServerUnderTest {
  baseUrl: string;
  dataDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One server per worker: files on one worker run one after the other on its own server and database. */
    servers: ServerUnderTest[];
  }
}

/** How many servers (and test workers) run side by side: E2E_SERVERS, 1–4, two by default. */
export function serverCount(): number {
  const wanted = Number(process.env.E2E_SERVERS ?? 2);
  return Number.isInteger(wanted) && wanted >= 1 && wanted <= 4 ? wanted : 2;
}

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const SERVER_ENTRY = join(REPO_ROOT, 'apps/api/dist/main.js');
/** E2E_WEB_DIST serves another build of the web app (e.g. one built to a private folder while others rebuild dist/). */
const WEB_DIST = process.env.E2E_WEB_DIST ? resolve(process.env.E2E_WEB_DIST) : undefined;
const WEB_INDEX = join(WEB_DIST ?? join(REPO_ROOT, 'apps/web/dist'), 'index.html');
const STARTUP_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Starts the built application the way `npm start` does (`node apps/api/dist/main.js` from
 * the repository root, embedded database in a fresh folder), once per test worker, and stops
 * them after the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const [path, what] of [
    [SERVER_ENTRY, 'the API'],
    [WEB_INDEX, 'the web app'],
  ]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: build ${what} first (npm run build at the repository root).`);
  }

  const started = await Promise.allSettled(Array.from({ length: serverCount() }, () => startOne()));
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  const stopAll = () => Promise.all(servers.map((server) => server.stop()));
  if (failure) {
    await stopAll();
    throw failure.reason;
  }
  project.provide('servers', servers.map(({ baseUrl, dataDir }) => ({ baseUrl, dataDir })));
  return async () => {
    await stopAll();
  };
}

/** One server the way `npm start` runs it, on a free port with its own embedded database. */
async function startOne(): Promise<ServerUnderTest & { stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'equipole-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  // Same defaults as `npm start`: embedded database, production mode, default web folder.
  for (const name of ['DATABASE_URL', 'NODE_ENV', 'WEB_DIST_DIR', 'PUBLIC_URL', 'DEMO_DATA']) delete env[name];
  // A run at a fixed instant (scripts/test-at-instants.mjs): production ignores EQUIPOLE_NOW, development honours it.
  if (env.EQUIPOLE_NOW) env.NODE_ENV = 'development';
  if (WEB_DIST) env.WEB_DIST_DIR = WEB_DIST;

  const server = spawnApi({ entry: SERVER_ENTRY, cwd: REPO_ROOT, env });
  const stopAndClean = async () => {
    await stopApi(server, { killAfterMs: STOP_TIMEOUT_MS });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(server, { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 500 });
  } catch (error) {
    await stopAndClean();
    throw error;
  }
  return { baseUrl: server.baseUrl, dataDir, stop: stopAndClean };
}
