import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Starting the built API as a child process and waiting until it answers, written once for the
 * integration tests (server-process.ts), the browser tests (apps/web/e2e/global-setup.ts) and the
 * bench (bench/lib/server.ts). Plain Node: imported as CommonJS by jest, as ESM by vitest and tsx.
 */

/** A running (or exited) API process. */
export interface SpawnedServer {
  child: ChildProcess;
  /** Where it answers, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  /** Its exit code once it has exited (null after a signal). */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  /** The built entry point (`apps/api/dist/main.js`). */
  entry: string;
  /** The child's whole environment: the caller decides what it inherits. It listens on 127.0.0.1:`PORT`. */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Node options before the entry point (the bench's profiling flags). */
  nodeArgs?: string[];
}

export interface HealthWait {
  /** How long start-up may take. */
  timeoutMs: number;
  /** Pause between two health checks. */
  intervalMs: number;
  /** Beyond a 200 on /api/health: the output shows start-up is over (e.g. its summary line). */
  ready?: (output: string) => boolean;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('No free port'))));
    });
  });
}

/** Starts `node [nodeArgs] entry` with its output captured; does not wait for it. */
export function spawnApi({ entry, env, cwd, nodeArgs = [] }: SpawnOptions): SpawnedServer {
  const child = spawn(process.execPath, [...nodeArgs, entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, baseUrl: `http://127.0.0.1:${env.PORT}`, output: () => chunks.join(''), exited };
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Polls GET /api/health until it answers 200 (and `ready` holds); throws with the output when the process exits or time runs out. */
export async function waitForHealth(server: SpawnedServer, { timeoutMs, intervalMs, ready = () => true }: HealthWait): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited(server.child)) {
      throw new Error(`The server exited (${server.child.exitCode ?? server.child.signalCode}) before it was ready:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200 && ready(server.output())) return;
      lastProblem = response.status === 200 ? 'healthy, still starting' : `GET /api/health answered ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
  throw new Error(`The server was not ready after ${timeoutMs / 1000} s (${lastProblem}). Its output:\n${server.output()}`);
}

/** Sends `signal` (unless it has exited already) and waits for the exit; SIGKILL after `killAfterMs` if given. */
export async function stopApi(server: SpawnedServer, { signal = 'SIGTERM', killAfterMs }: { signal?: NodeJS.Signals; killAfterMs?: number } = {}): Promise<number | null> {
  if (hasExited(server.child)) return server.exited;
  server.child.kill(signal);
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => server.child.kill('SIGKILL'), killAfterMs);
  const code = await server.exited;
  clearTimeout(timer);
  return code;
}
