import { serverUrl, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, withAdminClient } from './databases';

export default async function globalTeardown(): Promise<void> {
  if (!serverUrl()) return;
  await withAdminClient(async (client) => {
    const left = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DATABASE_PREFIX}%`]);
    for (const row of left.rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  });
}
