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

export async function createDatabaseFromTemplate(): Promise<string> {
  const runPid = templateDatabase().split('_').pop();
  const name = `${TEST_DATABASE_PREFIX}${runPid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
        await client.query(`ALTER DATABASE ${name} SET ${TEST_DATABASE_SETTINGS}`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant: PostgreSQL asks the second to retry.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return databaseUrl(serverUrl()!, name);
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
