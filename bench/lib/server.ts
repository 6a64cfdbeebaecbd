import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, spawnApi, stopApi, waitForHealth } from '../../apps/api/test/support/spawn-server.js';

export const REPO_ROOT = join(import.meta.dirname, '../..');
const SERVER_ENTRY = join(REPO_ROOT, 'apps/api/dist/main.js');

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Resident set size of the API process, from /proc (Linux). */
  rssBytes(): number;
}

/** Starts the built API (`npm run build` first) against `databaseUrl`, without demo data. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run "npm run build" first`);
  const port = await freePort();
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = spawnApi({
    entry: SERVER_ENTRY,
    nodeArgs,
    cwd: REPO_ROOT,
    // Scheduled jobs off: the start-up warm-up of the reports' cache would run beside the measurements
    // (the report scenarios' own warm-up request fills it instead).
    // Production with a database server needs APP_SECRET; the bench's is fixed, so a reused database keeps working.
    env: {
      ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DEMO_DATA: 'false', LOG_LEVEL: 'warn',
      SCHEDULED_JOBS: 'false', APP_SECRET: process.env.APP_SECRET ?? 'equipole-bench-app-secret-never-used-in-production', ...env,
    },
  });
  await waitForHealth(server, { timeoutMs: 120_000, intervalMs: 300 });
  const child = server.child;
  return {
    baseUrl: server.baseUrl,
    process: child,
    rssBytes: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kb * 1024;
    },
    stop: async () => {
      await stopApi(server);
    },
  };
}
