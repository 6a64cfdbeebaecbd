import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, startServer, stopServer } from './support/server-process';

/** The built server as `npm start` runs it: configuration checks and the embedded database on disk. */
describe('start-up', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/equipole' }, 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('refuses to start with a clear message on a bad setting %j', async (env, expected) => {
    const server = spawnServer({ DATA_DIR: join(tmpdir(), 'never-used'), ...env });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration');
    expect(server.output()).toContain(expected);
  });

  describe('embedded database', () => {
    let dataDir: string;
    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'equipole-embedded-'));
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    const countOrganisations = async (baseUrl: string) => {
      const response = await fetch(`${baseUrl}/api/occupations?limit=200`);
      return ((await response.json()) as { total: number }).total;
    };

    it('loads demo data on the first run, keeps it across a clean restart and a kill, and refuses a second process', async () => {
      const first = await startServer({ DATA_DIR: dataDir });
      expect(first.output()).toContain('demo data loaded');
      const occupations = await countOrganisations(first.baseUrl);
      expect(occupations).toBeGreaterThan(0);

      const intruder = spawnServer({ DATA_DIR: dataDir, PORT: '1' });
      expect(await intruder.exited).toBe(1);
      expect(intruder.output()).toContain('already used by another Equipôle process');

      expect(await stopServer(first)).toBe(0);

      const second = await startServer({ DATA_DIR: dataDir });
      expect(second.output()).not.toContain('demo data loaded');
      expect(await countOrganisations(second.baseUrl)).toBe(occupations);
      await stopServer(second, 'SIGKILL');

      const third = await startServer({ DATA_DIR: dataDir });
      expect(await countOrganisations(third.baseUrl)).toBe(occupations);
      expect(await stopServer(third)).toBe(0);
    }, 180_000); // three start-ups, one with the demo: slow when the other test files load the two cores too
  });
});
