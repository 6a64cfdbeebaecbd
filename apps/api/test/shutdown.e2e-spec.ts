import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migratedDataDir } from './support/embedded-data';
import { createDatabaseFromTemplate, dropDatabase, serverUrl } from './support/databases';
import { startServer, type ServerProcess } from './support/server-process';

/** An SMTP server that accepts connections and never says a word (no greeting, no answer). */
async function silentSmtp(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** SIGTERM while the outbox worker is stuck in an SMTP exchange: the built server as `npm start` runs it. */
describe('shutdown with a mail server that never answers', () => {
  const cases: [string, () => Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }>][] = [
    ['the embedded database', async () => {
      const dataDir = await migratedDataDir('shutdown');
      return { env: { DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
    }],
  ];
  if (serverUrl()) {
    cases.push(['a PostgreSQL server', async () => {
      const url = await createDatabaseFromTemplate();
      const dataDir = mkdtempSync(join(tmpdir(), 'equipole-shutdown-'));
      return {
        env: { DATABASE_URL: url, DATA_DIR: dataDir, APP_SECRET: 'equipole-shutdown-test-secret-0123456789' },
        cleanup: async () => {
          await dropDatabase(new URL(url).pathname.slice(1));
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    }]);
  }

  it.each(cases)('stops accepting, lets go of the stuck send and exits 0 within the bound, on %s', async (_name, prepare) => {
    const smtp = await silentSmtp();
    const { env, cleanup } = await prepare();
    let server: ServerProcess | undefined;
    try {
      // The demo writes emails into the outbox; the worker picks them up at once and hangs on the first.
      server = await startServer({ ...env, DEMO_DATA: 'true', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, OUTBOX_POLL_MS: '100', SCHEDULED_JOBS: 'false' });
      await waitFor(() => smtp.connections() > 0, 60_000, 'the worker to connect to the SMTP server');

      const stopping = Date.now();
      server.child.kill('SIGTERM');
      const running = server;
      // A fresh connection each time (fetch would reuse its keep-alive one): refused once the server stopped listening.
      await waitFor(() => refused(Number(new URL(running.baseUrl).port)), 5_000, 'the server to stop accepting connections');
      const code = await server.exited;
      const seconds = (Date.now() - stopping) / 1000;
      expect({ code, output: code === 0 ? '' : server.output() }).toEqual({ code: 0, output: '' });
      expect(seconds).toBeLessThan(20);
      expect(server.output()).toContain('Equipôle stopped (SIGTERM)');
      expect(server.output()).not.toMatch(/did not stop within|Unhandled error/);

      // It opens again at once on the same data, the stuck email still waiting to be sent.
      server = await startServer({ ...env, DEMO_DATA: 'true', SCHEDULED_JOBS: 'false' });
      const health = (await (await fetch(`${server.baseUrl}/api/health`)).json()) as { status: string };
      expect(health.status).toBe('ok');
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
      await smtp.close();
      await cleanup();
    }
  }, 180_000);
});
