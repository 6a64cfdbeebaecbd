import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { AdminError } from './admin-error';

/**
 * An Equipôle backup is one .tar.gz:
 *
 *   manifest.json              first entry: what this is, and the SHA-256 of every other entry
 *   database/pglite.tar.gz     the embedded database's data folder (PGlite dumpDataDir)
 *   uploads/…                  the equipment photos, as laid out under UPLOADS_DIR
 *
 * `restore` accepts an archive only when the manifest is there and every file matches it.
 */
export const BACKUP_FORMAT = 'equipole-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_FILE = 'database/pglite.tar.gz';
export const UPLOADS_PREFIX = 'uploads/';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  database: { kind: 'pglite'; file: typeof DATABASE_FILE; lastMigration: string | null };
  files: { path: string; bytes: number; sha256: string }[];
}

/** Beyond this, a manifest is not ours (and is not read into memory). */
const MANIFEST_MAX_BYTES = 16 * 1024 * 1024;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** The manifest of a staged backup folder holding DATABASE_FILE and `uploads/`. */
export async function describeStagedBackup(staging: string, info: { appVersion: string; lastMigration: string | null }): Promise<BackupManifest> {
  const paths = [DATABASE_FILE, ...(await listFiles(join(staging, 'uploads'))).map((path) => `${UPLOADS_PREFIX}${path}`)];
  const files = [];
  for (const path of paths) {
    const absolute = join(staging, ...path.split('/'));
    files.push({ path, bytes: (await stat(absolute)).size, sha256: await sha256File(absolute) });
  }
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: info.appVersion,
    // A label for people, not a business decision: the real time.
    createdAt: new Date().toISOString(),
    database: { kind: 'pglite', file: DATABASE_FILE, lastMigration: info.lastMigration },
    files,
  };
}

/** Writes the staged folder (its manifest.json already written) as one .tar.gz, the manifest first. */
export async function packStagedBackup(staging: string, manifest: BackupManifest, out: Writable): Promise<void> {
  const pack = tar.c({ gzip: true, cwd: staging, portable: true }, [MANIFEST_FILE, ...manifest.files.map((file) => file.path)]);
  await pipeline(Readable.from(pack), out);
}

/** Relative paths (with `/`) of every file under `root`; none when it does not exist. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Mirrors the files under `from` into `to` as hard links (instant, and the copy no longer changes
 * when the app deletes a photo), copying where links are impossible (another file system).
 */
export async function linkTree(from: string, to: string): Promise<number> {
  const files = await listFiles(from);
  for (const path of files) {
    const source = join(from, ...path.split('/'));
    const target = join(to, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await link(source, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV' && error.code !== 'EPERM' && error.code !== 'ENOTSUP') throw error;
      await copyFile(source, target);
    });
  }
  return files.length;
}

const notABackup = (file: string, why: string) =>
  new AdminError(`${file} is not a usable Equipôle backup (${why}); nothing was changed.`);

/**
 * Reads the whole archive once, hashing every entry, and checks it against its manifest: refuses
 * a non-archive, a truncated or corrupted file, a foreign .tar.gz and a manifest of another format.
 * Writes nothing.
 */
export async function verifyArchive(file: string): Promise<BackupManifest> {
  const seen = new Map<string, { bytes: number; sha256: string }>();
  const problems: string[] = [];
  let manifestText: string | undefined;
  let first = true;
  const pending: Promise<void>[] = [];
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        const path = entry.path;
        const isFirst = first;
        first = false;
        if (entry.type !== 'File') {
          problems.push(`unexpected ${entry.type} entry ${path}`);
          return;
        }
        const hash = createHash('sha256');
        const chunks: Buffer[] = [];
        let bytes = 0;
        const wantText = isFirst && path === MANIFEST_FILE;
        entry.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          hash.update(chunk);
          if (wantText && bytes <= MANIFEST_MAX_BYTES) chunks.push(chunk);
        });
        pending.push(
          new Promise((resolve) =>
            entry.on('end', () => {
              if (wantText) manifestText = Buffer.concat(chunks).toString('utf8');
              else if (seen.has(path)) problems.push(`${path} appears twice`);
              else seen.set(path, { bytes, sha256: hash.digest('hex') });
              resolve();
            }),
          ),
        );
      },
    });
    await Promise.all(pending);
  } catch (error) {
    throw notABackup(file, describeTarError(error));
  }
  if (manifestText === undefined) throw notABackup(file, `no ${MANIFEST_FILE} at its start`);
  const manifest = parseManifest(manifestText, file);
  for (const expected of manifest.files) {
    const actual = seen.get(expected.path);
    if (!actual) problems.push(`${expected.path} is missing`);
    else if (actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) problems.push(`${expected.path} does not match its checksum`);
    seen.delete(expected.path);
  }
  for (const path of seen.keys()) problems.push(`${path} is not in the manifest`);
  if (problems.length > 0) throw notABackup(file, problems.slice(0, 3).join('; '));
  return manifest;
}

/** Extracts a verified archive into `to` and checks the written files against the manifest again. */
export async function extractArchive(file: string, manifest: BackupManifest, to: string): Promise<void> {
  const wanted = new Set([MANIFEST_FILE, ...manifest.files.map((entry) => entry.path)]);
  await mkdir(to, { recursive: true });
  try {
    await tar.x({ file, cwd: to, strict: true, filter: (path, entry) => wanted.has(path) && 'type' in entry && entry.type === 'File' });
  } catch (error) {
    throw notABackup(file, describeTarError(error));
  }
  for (const expected of manifest.files) {
    const path = join(to, ...expected.path.split('/'));
    const written = await stat(path).catch(() => undefined);
    if (!written || written.size !== expected.bytes || (await sha256File(path)) !== expected.sha256) {
      throw notABackup(file, `${expected.path} changed while it was read`);
    }
  }
}

export async function readExtractedDatabase(to: string): Promise<Buffer> {
  return readFile(join(to, ...DATABASE_FILE.split('/')));
}

function parseManifest(text: string, file: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notABackup(file, `${MANIFEST_FILE} is not JSON`);
  }
  const manifest = value as Partial<BackupManifest>;
  if (manifest?.format !== BACKUP_FORMAT) throw notABackup(file, 'its manifest is not an Equipôle manifest');
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw notABackup(file, `format version ${String(manifest.formatVersion)}, this Equipôle reads version ${BACKUP_FORMAT_VERSION}`);
  }
  if (manifest.database?.kind !== 'pglite' || manifest.database.file !== DATABASE_FILE) throw notABackup(file, 'it holds no embedded database');
  const files = Array.isArray(manifest.files) ? manifest.files : [];
  const valid = files.every(
    (entry) =>
      typeof entry?.path === 'string' && typeof entry.bytes === 'number' && /^[0-9a-f]{64}$/.test(String(entry.sha256)) &&
      (entry.path === DATABASE_FILE || (entry.path.startsWith(UPLOADS_PREFIX) && safeRelative(entry.path))),
  );
  if (!valid || !files.some((entry) => entry.path === DATABASE_FILE)) throw notABackup(file, 'its manifest lists unexpected files');
  return manifest as BackupManifest;
}

/** No absolute path, no `..`, no empty segment: the path stays inside the folder it is extracted to. */
function safeRelative(path: string): boolean {
  return !path.startsWith('/') && posix.normalize(path) === path && !path.split('/').some((part) => part === '..' || part === '' || part === '.');
}

function describeTarError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ENTRY_INVALID' || /unrecognized archive format/i.test(message)) return `not a .tar.gz archive: ${message}`;
  if (code === 'TAR_ABORT' || code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /zlib|unexpected end|truncated/i.test(message)) {
    return `truncated or corrupted: ${message}`;
  }
  return message;
}
