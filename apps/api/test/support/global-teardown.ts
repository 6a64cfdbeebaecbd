import { rmSync } from 'node:fs';
import { serverUrl, TEST_DATABASE_PREFIX, withAdminClient } from './databases';
import type { GlobalWithClones } from './global-setup';

/** Removes the run's scratch folder, drops this run's template and whatever databases its test files left. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.EQUIPOLE_TEST_RUN_DIR) rmSync(process.env.EQUIPOLE_TEST_RUN_DIR, { recursive: true, force: true });
  if (!serverUrl()) return;
  await (globalThis as GlobalWithClones).stopReadyClones?.();
  const ownPrefix = `${TEST_DATABASE_PREFIX}${process.pid}_`;
  await withAdminClient(async (client) => {
    const left = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${ownPrefix}%`]);
    for (const row of left.rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE_PREFIX}template_${process.pid} WITH (FORCE)`);
  });
}
