import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { acquireLock, dataDirOwner, openPglite, PGLITE_FOLDER } from '../database/embedded-postgres';
import { MIGRATIONS } from '../database/migrations';
import { AdminError } from './admin-error';
import { type BackupManifest, extractArchive, readExtractedDatabase, verifyArchive } from './backup-archive';

export interface RestoreResult {
  manifest: BackupManifest;
  photos: number;
}

/**
 * Replaces the embedded database and the photos with those of an archive. Nothing changes until the
 * archive has been read whole, checked against its manifest, extracted into a temporary folder and
 * opened as a database; then the folders are swapped by renames (undone if one fails). Refused while
 * an instance holds DATA_DIR, and over existing data without `force`.
 */
export async function restoreBackup(config: AppConfig, file: string, options: { force: boolean }): Promise<RestoreResult> {
  if (!config.database.embedded) {
    throw new AdminError('With DATABASE_URL the database is a PostgreSQL server: restore it with pg_restore and copy the uploads back (docs/operations.md, "Backups").');
  }
  const dataDir = config.dataDir;
  const running = dataDirOwner(dataDir);
  if (running) throw new AdminError(`An Equipôle instance (pid ${running}) is running on ${dataDir}: stop it before restoring.`);
  const fileStat = await stat(file).catch(() => undefined);
  if (!fileStat?.isFile()) throw new AdminError(`No backup file at ${file}.`);
  const livePglite = join(dataDir, PGLITE_FOLDER);
  const uploadsDir = config.uploadsDir;
  const existing = [(await hasFiles(livePglite)) && livePglite, (await hasFiles(uploadsDir)) && uploadsDir].filter(Boolean);
  if (existing.length > 0 && !options.force) {
    throw new AdminError(`${existing.join(' and ')} already ${existing.length > 1 ? 'hold' : 'holds'} data: add --force to replace it with the backup (make a backup of it first).`);
  }

  const manifest = await verifyArchive(file);
  const known = new Set(MIGRATIONS.map((migration) => new migration().name));
  if (manifest.database.lastMigration && !known.has(manifest.database.lastMigration)) {
    throw new AdminError(
      `${file} was made by a newer Equipôle (${manifest.appVersion}, migration ${manifest.database.lastMigration}): restore it with that version or a later one; nothing was changed.`,
    );
  }

  const releaseLock = acquireLock(dataDir);
  const suffix = randomBytes(4).toString('hex');
  const work = await mkdtemp(join(dataDir, '.restore-'));
  const undo: (() => Promise<void>)[] = [];
  try {
    await extractArchive(file, manifest, join(work, 'archive'));
    const restoredPglite = join(work, PGLITE_FOLDER);
    await mkdir(restoredPglite);
    await openAndCheck(restoredPglite, await readExtractedDatabase(join(work, 'archive')), file);

    // The photos are staged beside UPLOADS_DIR, so that the swap below is a rename even when
    // UPLOADS_DIR lives on another file system than DATA_DIR.
    const stagedUploads = `${uploadsDir}.restoring-${suffix}`;
    await mkdir(dirname(uploadsDir), { recursive: true });
    const extractedUploads = join(work, 'archive', 'uploads');
    if (existsSync(extractedUploads)) await moveAcrossDevices(extractedUploads, stagedUploads);
    else await mkdir(stagedUploads);
    undo.push(() => rm(stagedUploads, { recursive: true, force: true }));

    const previousPglite = join(work, `previous-${PGLITE_FOLDER}`);
    const previousUploads = `${uploadsDir}.previous-${suffix}`;
    await swap(livePglite, previousPglite, restoredPglite, undo);
    await swap(uploadsDir, previousUploads, stagedUploads, undo);
    undo.length = 0;
    await rm(previousUploads, { recursive: true, force: true });
    return { manifest, photos: manifest.files.length - 1 };
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
    releaseLock();
  }
}

/** Moves `live` aside to `previous` (when it exists), then `replacement` into its place; records how to undo. */
async function swap(live: string, previous: string, replacement: string, undo: (() => Promise<void>)[]): Promise<void> {
  if (existsSync(live)) {
    await rename(live, previous);
    undo.push(() => rename(previous, live));
  }
  await rename(replacement, live);
  undo.push(async () => {
    await rename(live, replacement);
  });
}

async function moveAcrossDevices(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
  }
}

async function hasFiles(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch(() => []);
  return entries.length > 0;
}

/** The archive's database opens and has the app's tables: only then is anything replaced. */
async function openAndCheck(pgDataDir: string, tarball: Buffer, file: string): Promise<void> {
  let db: Awaited<ReturnType<typeof openPglite>> | undefined;
  try {
    db = await openPglite(pgDataDir, tarball);
    await db.query('SELECT count(*) FROM users');
  } catch (error) {
    throw new AdminError(`${file} holds a database that does not open (${(error as Error).message}); nothing was changed.`);
  } finally {
    await db?.close().catch(() => undefined);
  }
}
