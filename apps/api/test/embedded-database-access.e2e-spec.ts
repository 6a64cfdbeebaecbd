import { readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { migratedDataDir } from './support/embedded-data';
import { startServer, stopServer } from './support/server-process';

/** The TCP ports a process listens on, read from /proc (Linux). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? ''];
      } catch {
        return [];
      }
    }),
  );
  const ports: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // state 0A = LISTEN
      if (fields.length > 9 && fields[3] === '0A' && inodes.has(fields[9])) ports.push(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return [...new Set(ports)];
}

async function answersPostgres(port: number): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Issue 15, point 3: no local process may read the embedded database without the app's own rights. */
describe('the embedded database', () => {
  it('is served on a Unix socket in a folder only its user may enter, removed when it stops', async () => {
    const embedded = await startEmbeddedPostgres({ maxConnections: 2 });
    const folder = new URL(embedded.url).searchParams.get('host')!;
    expect(folder).toMatch(/^\//);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(new URL(embedded.url).port).toBe('');
    await embedded.stop();
    expect(() => statSync(folder)).toThrow();
  });

  const linux = process.platform === 'linux' ? it : it.skip;
  linux('answers the PostgreSQL protocol on no TCP port of the running app', async () => {
    const dataDir = await migratedDataDir('access');
    const server = await startServer({ DATA_DIR: dataDir, DEMO_DATA: 'false', SCHEDULED_JOBS: 'false' });
    try {
      const ports = listeningPorts(server.child.pid!);
      expect(ports).toContain(Number(new URL(server.baseUrl).port));
      for (const port of ports) expect({ port, postgres: await answersPostgres(port) }).toEqual({ port, postgres: false });
    } finally {
      await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
