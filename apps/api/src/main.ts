import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { type AdminChannel, openAdminChannel } from './admin/admin-channel';
import { BackupService } from './admin/backup.service';
import { CoordinatorsService } from './admin/coordinators.service';
import { createApp } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { DEMO_PASSWORD, DEMO_USERS } from './database/demo/demo-catalogue';
import { DemoDataService } from './database/demo/demo-data.service';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';

/** Requests under way may finish within this, after the server stopped accepting connections. */
const HTTP_DRAIN_MS = 10_000;
/** Last resort: the steps' own bounds (HTTP 10 s, an SMTP send's 5 s grace) keep a shutdown well under it. */
const FORCE_EXIT_MS = 30_000;

/** Stops accepting connections; idle keep-alive sockets close now, busy ones once their request ends or the drain time is up. */
async function drainHttp(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
  await closed;
  clearTimeout(timer);
}

/**
 * Start-up order: validate the environment, open the database (embedded PGlite unless DATABASE_URL),
 * build the app (migrations run before it listens), load demo data on a first run, invite the first
 * coordinator (BOOTSTRAP_COORDINATOR_EMAIL), listen, open the admin channel (embedded database).
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Equipôle cannot start.\n${error.message}\nSee docs/deployment.md for every variable.`);
      process.exit(1);
    }
    throw error;
  }

  let embedded: EmbeddedPostgres | undefined;
  if (config.database.embedded) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: config.database.poolSize + 4 });
    config = { ...config, database: { ...config.database, url: embedded.url } };
  }

  let shuttingDown = false;
  let channel: AdminChannel | undefined;
  const app = await createApp(config, embedded).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  /**
   * Shutdown in order (docs/operations.md): stop accepting connections and let the requests under way
   * finish (at most HTTP_DRAIN_MS, then the idle and remaining sockets are closed), stop the workers
   * and jobs (an SMTP exchange gets a short grace, then its row is let go), close the pool and the
   * embedded database, exit 0. The force timer is a last resort that the steps' own bounds stay under.
   */
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const force = setTimeout(() => {
      console.error(`Equipôle did not stop within ${FORCE_EXIT_MS / 1000} s (${signal}): exiting anyway.`);
      process.exit(1);
    }, FORCE_EXIT_MS);
    force.unref();
    let code = 0;
    try {
      await channel?.close();
      await drainHttp(app.getHttpServer() as Server);
      await app.close();
      await embedded?.stop();
    } catch (error) {
      code = 1;
      console.error(`Equipôle stopped with an error (${signal}):`, error);
    } finally {
      console.log(`Equipôle stopped (${signal}).`);
      process.exit(code);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const demo = config.demoData ? await app.get(DemoDataService).seedIfEmpty() : undefined;
  const invited = await app.get(CoordinatorsService).bootstrap();
  if (invited) new Logger('Bootstrap').log({ email: invited.email }, 'First coordinator invited (BOOTSTRAP_COORDINATOR_EMAIL)');
  await app.listen(config.port, config.host);
  if (embedded) {
    channel = await openAdminChannel(
      config.dataDir,
      { coordinators: app.get(CoordinatorsService), backups: app.get(BackupService) },
      new Logger('AdminChannel'),
    );
  }

  const lines = [
    '',
    `Equipôle ${config.version} is running on ${config.publicUrl}`,
    `  database: ${config.database.embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL server from DATABASE_URL'}`,
    `  API docs: ${config.publicUrl}/api/docs`,
  ];
  if (config.clock.startAt) lines.push(`  business time starts at ${config.clock.startAt.toISOString()} (EQUIPOLE_NOW)`);
  if (config.clock.ignored) lines.push(`  EQUIPOLE_NOW is ignored in production (NODE_ENV=production): the real time is used`);
  if (!config.webDistDir) lines.push('  web app: not built (run `npm run build`), API only');
  if (config.backups.enabled) lines.push(`  backups: daily at 02:30 (Europe/Brussels) into ${config.backups.dir}, the last ${config.backups.keep} kept`);
  if (invited?.invitation) {
    lines.push(
      `  first coordinator invited: ${invited.email} (BOOTSTRAP_COORDINATOR_EMAIL); the link to choose a password`,
      `  (works once, valid ${invited.invitation.days} days, also in the outbox): ${invited.invitation.link}`,
    );
  } else if (invited) {
    lines.push(`  first coordinator: ${invited.email} (BOOTSTRAP_COORDINATOR_EMAIL), an existing account that signs in with its password`);
  }
  if (demo) lines.push(`  demo data loaded: ${demo.organisations} organisations, ${demo.resources} equipment items, ${demo.bookings} bookings`);
  if (config.demoData) {
    lines.push(`  demo logins (password ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) lines.push(`    ${user.email.padEnd(36)} ${user.role}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('Equipôle failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
