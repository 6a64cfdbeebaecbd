import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EMBEDDED_DATABASE, type EmbeddedPostgres } from '../database/embedded-postgres';
import { AdminError } from './admin-error';
import { BackupRepository } from './backup.repository';
import { type BackupManifest, DATABASE_FILE, describeStagedBackup, linkTree, MANIFEST_FILE, packStagedBackup } from './backup-archive';

/** Said to whoever asks for a backup of a PostgreSQL server. */
export const SERVER_BACKUP_HINT =
  'With DATABASE_URL the database is a PostgreSQL server: back it up with pg_dump and copy the uploads folder (docs/operations.md, "Backups").';

/** Names of the automatic backups: `equipole-2027-03-28T02-30-00.000Z.tar.gz` (sorting by name sorts by time). */
const AUTOMATIC_NAME = /^equipole-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.tar\.gz$/;

export interface WrittenBackup {
  path: string;
  bytes: number;
  manifest: BackupManifest;
}

/**
 * Consistent archives of the embedded database and the photos, while the app runs: the dump is taken
 * while this service holds the app's only connection to PGlite, so no transaction is half-way, and
 * the photos are hard-linked at that same moment (a photo is written inside the transaction that
 * adds its row, and deleted after the one that removes it commits).
 */
@Injectable()
export class BackupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedPostgres | null,
    private readonly backups: BackupRepository,
  ) {}

  /** Streams one .tar.gz into `out`; rejects with a server database. */
  async writeArchive(out: Writable): Promise<BackupManifest> {
    const embedded = this.embedded;
    if (!embedded) throw new AdminError(SERVER_BACKUP_HINT);
    await mkdir(this.config.dataDir, { recursive: true });
    const staging = await mkdtemp(join(this.config.dataDir, '.backup-'));
    try {
      await mkdir(join(staging, 'database'));
      const runner = this.dataSource.createQueryRunner();
      let database: Buffer;
      let lastMigration: string | null;
      await runner.connect();
      try {
        const migrated = await this.backups.lastMigration(runner.manager);
        if (!migrated) throw new AdminError(`${this.config.dataDir} holds no Equipôle database yet: there is nothing to back up.`);
        lastMigration = migrated.name;
        database = await embedded.dumpDataDir();
        await linkTree(this.config.uploadsDir, join(staging, 'uploads'));
      } finally {
        await runner.release();
      }
      await writeFile(join(staging, ...DATABASE_FILE.split('/')), database);
      const manifest = await describeStagedBackup(staging, { appVersion: this.config.version, lastMigration });
      await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      await packStagedBackup(staging, manifest, out);
      return manifest;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Writes the archive to `path` (readable by its owner only), complete or not at all. */
  async writeFile(path: string): Promise<WrittenBackup> {
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial-${randomBytes(4).toString('hex')}`;
    try {
      const manifest = await this.writeArchive(createWriteStream(partial, { mode: 0o600 }));
      await chmod(partial, 0o600);
      await rename(partial, path);
      return { path, bytes: (await stat(path)).size, manifest };
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** The daily backup into BACKUP_DIR, keeping the newest BACKUP_KEEP automatic ones. */
  async automatic(): Promise<{ bytes: number; photos: number; removed: number }> {
    const dir = this.config.backups.dir;
    // Backups hold password hashes and personal data: the folder is its owner's only.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/:/g, '-');
    const written = await this.writeFile(join(dir, `equipole-${stamp}.tar.gz`));
    const automatic = (await readdir(dir)).filter((name) => AUTOMATIC_NAME.test(name)).sort().reverse();
    const old = automatic.slice(this.config.backups.keep);
    for (const name of old) await rm(join(dir, name), { force: true });
    return { bytes: written.bytes, photos: written.manifest.files.length - 1, removed: old.length };
  }
}
