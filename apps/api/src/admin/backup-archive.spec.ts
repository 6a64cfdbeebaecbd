import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { type BackupManifest, describeStagedBackup, extractArchive, MANIFEST_FILE, packStagedBackup, verifyArchive } from './backup-archive';

describe('backup archives', () => {
  let root: string;
  let staging: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'equipole-archive-'));
    staging = join(root, 'staging');
    mkdirSync(join(staging, 'database'), { recursive: true });
    mkdirSync(join(staging, 'uploads', 'resources', 'r1'), { recursive: true });
    writeFileSync(join(staging, 'database', 'pglite.tar.gz'), 'not really a database, the archive does not look inside');
    writeFileSync(join(staging, 'uploads', 'resources', 'r1', 'p1.png'), 'photo bytes');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function pack(name = 'backup.tar.gz'): Promise<{ file: string; manifest: BackupManifest }> {
    const manifest = await describeStagedBackup(staging, { appVersion: '9.9.9', lastMigration: 'Some1' });
    writeFileSync(join(staging, MANIFEST_FILE), JSON.stringify(manifest));
    const file = join(root, name);
    await packStagedBackup(staging, manifest, createWriteStream(file));
    return { file, manifest };
  }

  it('lists every file with its size and SHA-256, and reads back what it wrote', async () => {
    const { file, manifest } = await pack();
    expect(manifest).toMatchObject({ format: 'equipole-backup', formatVersion: 1, appVersion: '9.9.9', database: { kind: 'pglite', lastMigration: 'Some1' } });
    expect(manifest.files.map((entry) => entry.path)).toEqual(['database/pglite.tar.gz', 'uploads/resources/r1/p1.png']);
    expect(await verifyArchive(file)).toEqual(manifest);
    await extractArchive(file, manifest, join(root, 'out'));
    expect(readFileSync(join(root, 'out', 'uploads', 'resources', 'r1', 'p1.png'), 'utf8')).toBe('photo bytes');
  });

  it('refuses a file whose bytes differ from the manifest, a file the manifest does not list, and a manifest reaching outside', async () => {
    const { manifest } = await pack();
    const repack = async (name: string, files: string[], edit?: (m: BackupManifest) => BackupManifest) => {
      writeFileSync(join(staging, MANIFEST_FILE), JSON.stringify(edit ? edit(manifest) : manifest));
      const file = join(root, name);
      await tar.c({ gzip: true, file, cwd: staging }, [MANIFEST_FILE, ...files]);
      return file;
    };
    writeFileSync(join(staging, 'uploads', 'resources', 'r1', 'p1.png'), 'other bytes');
    await expect(verifyArchive(await repack('changed.tar.gz', manifest.files.map((f) => f.path)))).rejects.toThrow(/p1\.png does not match its checksum/);
    writeFileSync(join(staging, 'extra.txt'), 'x');
    await expect(verifyArchive(await repack('extra.tar.gz', ['database/pglite.tar.gz', 'extra.txt'], (m) => ({ ...m, files: m.files.slice(0, 1) }))))
      .rejects.toThrow(/extra\.txt is not in the manifest/);
    const outside = (m: BackupManifest) => ({ ...m, files: [...m.files, { path: 'uploads/../../etc/passwd', bytes: 1, sha256: '0'.repeat(64) }] });
    await expect(verifyArchive(await repack('outside.tar.gz', ['database/pglite.tar.gz'], outside))).rejects.toThrow(/lists unexpected files/);
    await expect(verifyArchive(await repack('future.tar.gz', ['database/pglite.tar.gz'], (m) => ({ ...m, formatVersion: 2 })))).rejects.toThrow(/format version 2/);
  });
});
