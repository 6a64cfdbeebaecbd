import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { createDatabaseFromTemplate, dropDatabase, serverUrl } from './databases';

/** The tests' APP_SECRET: no secret file is written beside the tests. */
export const TEST_APP_SECRET = 'equipole-integration-tests-secret-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  /** The app's business time: tests compute "next week" from it, never from the real clock. */
  clock: Clock;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The whole app over HTTP on a clean, migrated database: a fresh database cloned from the template
 * on the real server (TEST_DATABASE_URL), or an in-memory PGlite otherwise.
 */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: { connectThrough?: (url: string) => Promise<string> } = {}): Promise<TestApp> {
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  if (serverUrl()) {
    url = await createDatabaseFromTemplate();
  } else {
    embedded = await startEmbeddedPostgres({ maxConnections: 16 });
    url = embedded.url;
  }
  // EQUIPOLE_NOW runs the whole suite at a fixed instant (scripts/test-at-instants.mjs).
  const appUrl = options.connectThrough ? await options.connectThrough(url) : url;
  const base = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', DATABASE_URL: appUrl, EQUIPOLE_NOW: process.env.EQUIPOLE_NOW, APP_SECRET: TEST_APP_SECRET, ...env,
  });
  const config: AppConfig = { ...base, database: { ...base.database, embedded: Boolean(embedded) } };
  const app = await createApp(config);
  const dataSource = app.get(DataSource);
  return {
    app,
    config,
    dataSource,
    clock: app.get(Clock),
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (embedded) await embedded.stop();
      else await dropDatabase(new URL(url).pathname.slice(1));
    },
  };
}
