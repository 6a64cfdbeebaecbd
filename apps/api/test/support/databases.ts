import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * With TEST_DATABASE_URL, every test file gets its own database cloned from a template that the
 * global setup migrated once: files run in parallel and always start clean.
 */
export const TEST_DATABASE_PREFIX = 'equipole_test_';

/**
 * The template of this run, named after the process that runs the global setup, so that two runs
 * on one server (a developer's and CI's) never drop each other's databases.
 */
export function templateDatabase(): string {
  const name = process.env.EQUIPOLE_TEST_TEMPLATE;
  if (!name) throw new Error('EQUIPOLE_TEST_TEMPLATE is set by the global setup');
  return name;
}

/** True when the run that created a database (its pid is in the name) is gone. */
export function isStale(database: string): boolean {
  const pid = Number(/^equipole_test_(?:template_)?(\d+)/.exec(database)?.[1]);
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/**
 * Throwaway databases need no durability: a commit does not wait for its WAL to reach the disk (the
 * integration suite commits thousands of times). Isolation, constraints and locks are unchanged.
 * Settings of a database are not copied by CREATE DATABASE … TEMPLATE, so each clone gets them too.
 */
export const TEST_DATABASE_SETTINGS = 'synchronous_commit = off';

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Clones of this run's template that the global setup keeps ready while the tests run
 * (`equipole_test_<pid>_ready_<n>`): a test file takes one instead of waiting for CREATE DATABASE.
 */
export function readyClonePrefix(runPid: string | number): string {
  return `${TEST_DATABASE_PREFIX}${runPid}_ready_`;
}

/** PostgreSQL's "database does not exist" and "database is being accessed by other users". */
const GONE = '3D000';
const IN_USE = '55006';

export async function createDatabaseFromTemplate(): Promise<string> {
  const runPid = templateDatabase().split('_').pop()!;
  const name = `${TEST_DATABASE_PREFIX}${runPid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    // A ready clone, if there is one: renaming it is atomic, so two files never take the same one.
    const ready = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname', [`${readyClonePrefix(runPid)}%`]);
    for (const { datname } of ready.rows) {
      try {
        await client.query(`ALTER DATABASE ${datname} RENAME TO ${name}`);
        return;
      } catch (error) {
        if (![GONE, IN_USE].includes((error as { code?: string }).code ?? '')) throw error;
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
        await client.query(`ALTER DATABASE ${name} SET ${TEST_DATABASE_SETTINGS}`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant: PostgreSQL asks the second to retry.
        if ((error as { code?: string }).code !== IN_USE || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return databaseUrl(serverUrl()!, name);
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * Keeps `count` clones of the template ready (readyClonePrefix) until the returned function is called,
 * which waits for the clone being made and returns. Runs in the jest parent process beside the workers:
 * the test files then start without waiting for CREATE DATABASE, which copies the template through
 * the WAL (about a second each, and the suite makes one per file and instant).
 */
export function keepClonesReady(template: string, count: number): () => Promise<void> {
  const runPid = template.split('_').pop()!;
  let stopped = false;
  const loop = (async () => {
    const client = new Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      for (let made = 0; !stopped; ) {
        const { rows } = await client.query<{ ready: number }>('SELECT count(*)::int AS ready FROM pg_database WHERE datname LIKE $1', [`${readyClonePrefix(runPid)}%`]);
        if (rows[0].ready >= count) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        // Made under another name, then renamed: a file never takes a clone before its settings are set.
        const making = `${TEST_DATABASE_PREFIX}${runPid}_making_${made}`;
        try {
          await client.query(`CREATE DATABASE ${making} TEMPLATE ${template}`);
        } catch (error) {
          if ((error as { code?: string }).code !== IN_USE) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        await client.query(`ALTER DATABASE ${making} SET ${TEST_DATABASE_SETTINGS}`);
        await client.query(`ALTER DATABASE ${making} RENAME TO ${readyClonePrefix(runPid)}${String(made).padStart(6, '0')}`);
        made += 1;
      }
    } finally {
      await client.end();
    }
  })();
  // A failure here only costs time: the files then create their own clones.
  const settled = loop.catch((error: unknown) => console.warn(`Ready clones stopped: ${String(error)}`));
  return async () => {
    stopped = true;
    await settled;
  };
}
