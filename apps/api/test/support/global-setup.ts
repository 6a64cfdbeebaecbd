import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database-options';
import { databaseUrl, isStale, keepClonesReady, serverUrl, TEST_DATABASE_PREFIX, TEST_DATABASE_SETTINGS, withAdminClient } from './databases';

/**
 * Makes the run's scratch folder (embedded-data.ts keeps its migrated PGlite folder there) and, on the
 * real server, migrates a template database once per run.
 */
export default async function globalSetup(): Promise<void> {
  process.env.EQUIPOLE_TEST_RUN_DIR = mkdtempSync(join(tmpdir(), `equipole-test-run-${process.pid}-`));
  const base = serverUrl();
  if (!base) return;
  const template = `${TEST_DATABASE_PREFIX}template_${process.pid}`;
  process.env.EQUIPOLE_TEST_TEMPLATE = template;
  await withAdminClient(async (client) => {
    const existing = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DATABASE_PREFIX}%`]);
    for (const row of existing.rows) {
      if (isStale(row.datname) || row.datname === template) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${template}`);
    await client.query(`ALTER DATABASE ${template} SET ${TEST_DATABASE_SETTINGS}`);
  });
  const dataSource = new DataSource(databaseOptions(databaseUrl(base, template), 2));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  // Two ready clones: one for the next file of each worker. global-teardown.ts stops this.
  (globalThis as GlobalWithClones).stopReadyClones = keepClonesReady(template, READY_CLONES);
}

const READY_CLONES = 2;

/** What the global setup leaves to the global teardown (same process, same globals). */
export interface GlobalWithClones {
  stopReadyClones?: () => Promise<void>;
}
