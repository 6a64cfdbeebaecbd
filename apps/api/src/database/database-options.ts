import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** The one way the app (and its tests and CLI) connect to PostgreSQL, embedded or not. */
export function databaseOptions(url: string, poolSize: number, poolWaitMs = 10_000): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: poolWaitMs },
  } as DataSourceOptions;
}
