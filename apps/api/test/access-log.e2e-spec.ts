import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { emptyDataDir, migratedDataDir } from './support/embedded-data';
import { createDatabaseFromTemplate, dropDatabase, serverUrl } from './support/databases';
import { type ServerProcess, startServer, stopServer } from './support/server-process';

const token = () => randomBytes(32).toString('base64url');

/**
 * The built server as it runs, logging at `info`: its access log (pino-http, JSON lines on stdout)
 * must not carry the secrets that travel in URLs — calendar feed tokens, invitation and password
 * reset tokens, and query parameters named like secrets.
 */
describe('access log', () => {
  let server: ServerProcess;
  let dataDir: string;
  let database: string | undefined;

  beforeAll(async () => {
    const url = serverUrl() ? await createDatabaseFromTemplate() : undefined;
    dataDir = url ? emptyDataDir('access-log') : await migratedDataDir('access-log');
    database = url ? new URL(url).pathname.slice(1) : undefined;
    server = await startServer({ DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'info', SCHEDULED_JOBS: 'false', ...(url ? { DATABASE_URL: url } : {}) });
  });
  afterAll(async () => {
    await stopServer(server);
    if (database) await dropDatabase(database);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never writes a token of a URL to the log, and still says which route was asked', async () => {
    const secrets = { feed: token(), shouting: token(), invitation: token(), page: token(), reset: token(), query: token(), referer: token() };
    const requests: [string, RequestInit?][] = [
      [`/api/feeds/${secrets.feed}.ics`],
      [`/API/FEEDS/${secrets.shouting}.ics`],
      [`/api/auth/invitations/${secrets.invitation}`],
      [`/api/occupations?limit=5&token=${secrets.query}`],
      ['/api/occupations?limit=5', { headers: { Referer: `http://localhost/invitation/${secrets.referer}` } }],
    ];
    for (const [path, init] of requests) await fetch(`${server.baseUrl}${path}`, init);
    // The web app's link pages are answered outside the API's access log; their tokens stay out of it all the same.
    for (const path of [`/invitation/${secrets.page}`, `/reset-password/${secrets.reset}?lang=nl`]) await fetch(`${server.baseUrl}${path}`);

    const lines = await logLines(server, requests.length);
    expect(lines.map((line) => line.req?.url)).toEqual(expect.arrayContaining([
      '/api/feeds/[REDACTED].ics', '/API/FEEDS/[REDACTED].ics', '/api/auth/invitations/[REDACTED]', '/api/occupations?limit=5&token=[REDACTED]',
    ]));
    expect(lines.find((line) => line.req?.headers?.referer)?.req?.headers?.referer).toBe('http://localhost/invitation/[REDACTED]');
    for (const secret of Object.values(secrets)) expect(server.output()).not.toContain(secret);
  });
});

interface AccessLine {
  req?: { url?: string; headers?: Record<string, string> };
}

/** The access log lines of the server's output, once at least `count` have been written. */
async function logLines(server: ServerProcess, count: number): Promise<AccessLine[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = server.output().split('\n').flatMap((text): AccessLine[] => {
      try {
        const line = JSON.parse(text) as AccessLine;
        return line.req ? [line] : [];
      } catch {
        return [];
      }
    });
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
