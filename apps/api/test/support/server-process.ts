import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The built API, started the way `npm start` starts it. */
export const BUILT_MAIN = resolve(__dirname, '../../dist/main.js');
/** The built administration command (`npm run admin -- …`). */
export const BUILT_CLI = resolve(__dirname, '../../dist/cli.js');

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Environment of a child server: this process's, without any database URL, plus `env`. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, TEST_DATABASE_URL: _test, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env };
}

export function spawnServer(env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, [BUILT_MAIN], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { child, baseUrl: `http://127.0.0.1:${env.PORT}`, output: () => output, exited };
}

export async function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const server = spawnServer({ ...env, PORT: port });
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`Server exited with ${exitCode}:\n${server.output()}`);
    try {
      const response = await fetch(`${server.baseUrl}/api/health`);
      // Healthy, and done starting: the summary (demo data, first coordinator's link) is printed last.
      if (response.ok && server.output().includes('is running on')) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.child.kill('SIGKILL');
  throw new Error(`Server did not become healthy:\n${server.output()}`);
}

export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  server.child.kill(signal);
  return server.exited;
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
