import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { dataDirOwner, EmbeddedDatabaseLockedError, type EmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';
import { downloadBackup, findAdminChannel, sendAdminRequest } from './admin-channel';
import { AdminCliModule } from './admin-cli.module';
import { type AdminRequest, describeResponse, runAdminRequest } from './admin-commands';
import { AdminError } from './admin-error';
import { verifyArchive } from './backup-archive';
import { BackupService, SERVER_BACKUP_HINT } from './backup.service';
import { CoordinatorsService } from './coordinators.service';
import { restoreBackup } from './restore';

export type AdminCliTask = { kind: 'request'; request: AdminRequest } | { kind: 'backup'; file: string } | { kind: 'restore'; file: string; force: boolean };

/** Runs one command of `cli.ts`; expected failures are AdminErrors (one line, an exit code). */
export async function runAdminCli(task: AdminCliTask): Promise<void> {
  const config = readConfig();
  if (task.kind === 'restore') {
    const { manifest, photos } = await restoreBackup(config, resolve(task.file), { force: task.force });
    print([
      `Restored the backup of ${manifest.createdAt} (Equipôle ${manifest.appVersion}): the database and ${photos} photo file(s), into ${config.dataDir}.`,
      'Start the app: it applies any newer migrations at start-up.',
    ]);
    return;
  }
  if (task.kind === 'backup') {
    await backup(config, resolve(task.file));
    return;
  }

  const owner = config.database.embedded ? dataDirOwner(config.dataDir) : undefined;
  if (owner) {
    print(describeResponse(await sendAdminRequest(await findAdminChannel(config.dataDir, owner), task.request)));
    return;
  }
  await withDatabase(config, async (app) => print(describeResponse(await runAdminRequest(app.get(CoordinatorsService), task.request))));
}

/** Through the running instance when there is one; the archive is checked before it takes the file's name. */
async function backup(config: AppConfig, file: string): Promise<void> {
  if (!config.database.embedded) throw new AdminError(SERVER_BACKUP_HINT);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  try {
    const owner = dataDirOwner(config.dataDir);
    if (owner) await downloadBackup(await findAdminChannel(config.dataDir, owner), partial);
    else await withDatabase(config, (app) => app.get(BackupService).writeArchive(createWriteStream(partial, { mode: 0o600 })), { migrate: false });
    const manifest = await verifyArchive(partial);
    await chmod(partial, 0o600);
    await rename(partial, file);
    const { size } = await stat(file);
    print([
      `Backup written: ${file} (${(size / 1024 / 1024).toFixed(1)} MB: the database and ${manifest.files.length - 1} photo file(s), checked).`,
      'It holds personal data and password hashes: keep it somewhere safe.',
    ]);
  } finally {
    await rm(partial, { force: true });
  }
}

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new AdminError(`Invalid configuration: ${error.problems.join('; ')} (docs/deployment.md).`);
    throw error;
  }
}

/**
 * Opens the database itself, as the app would (migrations first): the embedded one, locked against an
 * app starting meanwhile, or the server of DATABASE_URL.
 */
async function withDatabase<T>(config: AppConfig, run: (app: INestApplicationContext) => Promise<T>, options = { migrate: true }): Promise<T> {
  let embedded: EmbeddedPostgres | undefined;
  if (config.database.embedded) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: 2 });
    } catch (error) {
      if (error instanceof EmbeddedDatabaseLockedError) throw new AdminError(`${error.message} Run the command again once it has started.`);
      throw new AdminError(`Cannot open the embedded database in ${config.dataDir}: ${(error as Error).message}`);
    }
  }
  try {
    const url = embedded?.url ?? config.database.url!;
    let app: INestApplicationContext;
    try {
      app = await NestFactory.createApplicationContext(AdminCliModule.forRoot({ ...config, database: { ...config.database, url } }, embedded, options), {
        logger: false,
        abortOnError: false,
      });
    } catch (error) {
      throw unreachable(config, error);
    }
    try {
      return await run(app);
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

/** The server's address without its password, and why it did not answer. */
function unreachable(config: AppConfig, error: unknown): AdminError {
  const where = config.database.embedded ? `the embedded database in ${config.dataDir}` : `the database server of DATABASE_URL (${serverAddress(config.database.url!)})`;
  const errors = error instanceof AggregateError ? error.errors : [error];
  const reason = errors.map((e: unknown) => (e instanceof Error ? e.message || (e as NodeJS.ErrnoException).code : String(e))).find(Boolean);
  return new AdminError(`Cannot reach ${where}: ${reason ?? 'no answer'}.`);
}

function serverAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'unreadable URL';
  }
}

function print(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}
