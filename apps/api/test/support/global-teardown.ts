import { serverUrl, TEST_DATABASE_PREFIX, withAdminClient } from './databases';

/** Drops this run's template and whatever databases its test files left. */
export default async function globalTeardown(): Promise<void> {
  if (!serverUrl()) return;
  const ownPrefix = `${TEST_DATABASE_PREFIX}${process.pid}_`;
  await withAdminClient(async (client) => {
    const left = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${ownPrefix}%`]);
    for (const row of left.rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE_PREFIX}template_${process.pid} WITH (FORCE)`);
  });
}
