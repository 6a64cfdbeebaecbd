import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { freePort, spawnApi, stopApi, waitForHealth, type SpawnedServer } from './spawn-server';

/** The built API, started the way `npm start` starts it. */
export const BUILT_MAIN = resolve(__dirname, '../../dist/main.js');
/** The built administration command (`npm run admin -- …`). */
export const BUILT_CLI = resolve(__dirname, '../../dist/cli.js');

/** A started API process (spawn-server.ts): `child`, `baseUrl`, `output()`, `exited`. */
export type ServerProcess = SpawnedServer;

/** Environment of a child server: this process's, without any database URL, plus `env`. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, TEST_DATABASE_URL: _test, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env };
}

export function spawnServer(env: NodeJS.ProcessEnv): ServerProcess {
  return spawnApi({ entry: BUILT_MAIN, env: childEnv(env) });
}

/** Starts the built API on `env.PORT` (else a free port) and waits until it is healthy and done starting. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const server = spawnServer({ ...env, PORT: port });
  try {
    // Healthy, and done starting: the summary (demo data, first coordinator's link) is printed last.
    await waitForHealth(server, { timeoutMs: 180_000, intervalMs: 200, ready: (output) => output.includes('is running on') });
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }
  return server;
}

export function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return stopApi(server, { signal });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built administration command as an operator would, with `env` (childEnv: no database URL unless given). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}
