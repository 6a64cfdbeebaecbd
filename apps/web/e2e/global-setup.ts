import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

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

  const server = spawn(process.execPath, [SERVER_ENTRY], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  server.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stopAndClean = async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server, output);
  } catch (error) {
    await stopAndClean();
    throw error;
  }
  return { baseUrl, dataDir, stop: stopAndClean };
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The server exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${output.join('')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      lastProblem = `GET /api/health answered ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`The server was not ready after ${STARTUP_TIMEOUT_MS / 1000} s (${lastProblem}). Its output:\n${output.join('')}`);
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('No free port'))));
    });
  });
}
