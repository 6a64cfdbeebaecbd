import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort, spawnApi, stopApi, waitForHealth } from '../../api/test/support/spawn-server';

/**
 * One app under test: where it answers (e.g. `http://127.0.0.1:41234`), its DATA_DIR (the admin command
 * reaches it there) and, on a PostgreSQL server, the database and secret the admin command needs too.
 */
export interface ServerUnderTest {
  baseUrl: string;
  dataDir: string;
  /** Set when the app runs on a database of TEST_DATABASE_URL's server; unset on the embedded database. */
  database?: { url: string; appSecret: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One server per worker: files on one worker run one after the other on its own server and database. */
    servers: ServerUnderTest[];
  }
}

/**
 * Where the servers keep their data. With TEST_DATABASE_URL (npm test, CI) each server gets its own fresh
 * database on that PostgreSQL, with the demo data, as a deployment does: the journeys run several times
 * faster than on the embedded database, whose WebAssembly engine shares the cores with Chromium. Without
 * it, or with E2E_DATABASE=embedded (the runs at fixed instants), each server runs the way `npm start`
 * does, on an embedded database in a fresh DATA_DIR.
 */
export function databaseMode(env: Record<string, string | undefined> = process.env): 'server' | 'embedded' {
  if (env.E2E_DATABASE === 'embedded') return 'embedded';
  return process.env.TEST_DATABASE_URL ? 'server' : 'embedded';
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

  // A project's own environment (vitest.config.ts: a project per fixed instant) over the run's.
  const projectEnv = { ...process.env, ...project.config.env };
  const mode = databaseMode(projectEnv);
  if (mode === 'server') await dropDatabasesOfEndedRuns();
  const started = await Promise.allSettled(Array.from({ length: serverCount() }, () => startOne(projectEnv, mode)));
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  const stopAll = () => Promise.all(servers.map((server) => server.stop()));
  if (failure) {
    await stopAll();
    throw failure.reason;
  }
  project.provide('servers', servers.map(({ baseUrl, dataDir, database }) => ({ baseUrl, dataDir, database })));
  return async () => {
    await stopAll();
  };
}

/** One server the way `npm start` runs it, on a free port with its own database (see databaseMode). */
async function startOne(projectEnv: NodeJS.ProcessEnv, mode: 'server' | 'embedded'): Promise<ServerUnderTest & { stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'equipole-e2e-'));
  const env: NodeJS.ProcessEnv = { ...projectEnv, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  // Same defaults as `npm start`: production mode, default web folder, demo data on a new database.
  for (const name of ['DATABASE_URL', 'NODE_ENV', 'WEB_DIST_DIR', 'PUBLIC_URL', 'DEMO_DATA', 'APP_SECRET']) delete env[name];
  let database: ServerUnderTest['database'];
  if (mode === 'server') {
    database = { url: await createDatabase(`${DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`), appSecret: randomBytes(32).toString('hex') };
    Object.assign(env, { DATABASE_URL: database.url, APP_SECRET: database.appSecret, DEMO_DATA: 'true' });
  }
  // A run at a fixed instant (scripts/test-at-instants.mjs): production ignores EQUIPOLE_NOW, development honours it.
  if (env.EQUIPOLE_NOW) env.NODE_ENV = 'development';
  if (WEB_DIST) env.WEB_DIST_DIR = WEB_DIST;

  const server = spawnApi({ entry: SERVER_ENTRY, cwd: REPO_ROOT, env });
  const stopAndClean = async () => {
    await stopApi(server, { killAfterMs: STOP_TIMEOUT_MS });
    rmSync(dataDir, { recursive: true, force: true });
    if (database) await dropDatabase(new URL(database.url).pathname.slice(1));
  };
  try {
    await waitForHealth(server, { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 500 });
  } catch (error) {
    await stopAndClean();
    throw error;
  }
  return { baseUrl: server.baseUrl, dataDir, database, stop: stopAndClean };
}

/** Databases of the browser runs on TEST_DATABASE_URL's server: `equipole_e2e_<pid of the run>_<server>`. */
const DATABASE_PREFIX = 'equipole_e2e_';

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<string> {
  await withAdminClient(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Leftovers of runs that were killed before their teardown: their process is gone. */
async function dropDatabasesOfEndedRuns(): Promise<void> {
  const names = await withAdminClient(async (client) => (await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${DATABASE_PREFIX}%`])).rows.map((row) => row.datname));
  for (const name of names) {
    const pid = Number(name.slice(DATABASE_PREFIX.length).split('_')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) await dropDatabase(name);
  }
}
