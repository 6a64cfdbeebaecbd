import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database-options';
import { databaseUrl, serverUrl, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, withAdminClient } from './databases';

/** Migrates a template database once per run on the real server; PGlite runs need nothing here. */
export default async function globalSetup(): Promise<void> {
  const base = serverUrl();
  if (!base) return;
  await withAdminClient(async (client) => {
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DATABASE_PREFIX}%`]);
    for (const row of stale.rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const dataSource = new DataSource(databaseOptions(databaseUrl(base, TEMPLATE_DATABASE), 2));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
