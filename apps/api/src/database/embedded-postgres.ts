import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Extension, PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** The contrib modules ship CommonJS builds whose typings TypeScript reads as ESM; load them by name. */
function contrib(name: string): Extension {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`@electric-sql/pglite/contrib/${name}`) as Record<string, Extension>)[name];
}

/** The PostgreSQL extensions the migrations create; PGlite must load them up front. */
const EXTENSIONS = Object.fromEntries(['btree_gist', 'pgcrypto', 'unaccent', 'pg_trgm'].map((name) => [name, contrib(name)]));

export interface EmbeddedPostgres {
  /** A postgres:// URL that the ordinary `pg` driver connects to. */
  readonly url: string;
  /**
   * The whole data folder as a gzipped tarball, taken while PGlite runs no query (it holds its own
   * query lock). Whoever calls it also keeps the app's connection, so that no transaction is open.
   */
  dumpDataDir(): Promise<Buffer>;
  stop(): Promise<void>;
}

/** Nest token of the running EmbeddedPostgres (null with a PostgreSQL server). */
export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

/** The data folder inside DATA_DIR. */
export const PGLITE_FOLDER = 'pglite';

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is already used by another Equipôle process (pid ${pid}). ` +
        'Stop that process, or point DATA_DIR to another folder.',
    );
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

/**
 * Starts PostgreSQL compiled to WebAssembly (PGlite) inside this process and serves it on a Unix
 * socket, so that the app talks to it with exactly the same `pg`/TypeORM code as to a server.
 *
 * PGlite asks no password, so the socket is the lock: it lives in a folder of its own that only this
 * process's user may enter (mode 0700, made fresh at each start, removed at stop), never on a TCP port
 * where any local process could read password hashes, sessions and the outbox.
 *
 * `dataDir` undefined keeps the database in memory (tests). PGlite runs a single session: the socket
 * server queues every connection's queries, so a transaction must use one connection throughout.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; maxConnections: number }): Promise<EmbeddedPostgres> {
  const releaseLock = options.dataDir ? acquireLock(options.dataDir) : () => undefined;
  let db: PGlite | undefined;
  let socketDir: string | undefined;
  try {
    const pgDataDir = options.dataDir ? join(options.dataDir, PGLITE_FOLDER) : undefined;
    if (pgDataDir) mkdirSync(pgDataDir, { recursive: true });
    db = await openPglite(pgDataDir);
    socketDir = mkdtempSync(join(tmpdir(), 'equipole-pg-'));
    // libpq's naming, so `pg` finds it from the folder (host=<folder>, port 5432).
    const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: options.maxConnections });
    await server.start();
    const database = db;
    const folder = socketDir;
    return {
      url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(folder)}`,
      async dumpDataDir() {
        return Buffer.from(await (await database.dumpDataDir('gzip')).arrayBuffer());
      },
      async stop() {
        try {
          await server.stop();
          await database.close();
        } finally {
          rmSync(folder, { recursive: true, force: true });
          releaseLock();
        }
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    releaseLock();
    throw error;
  }
}

/**
 * PGlite with the extensions the migrations need; `loadDataDir` fills an empty folder from a
 * tarball made by dumpDataDir() (restore).
 */
export function openPglite(pgDataDir: string | undefined, loadDataDir?: Buffer): Promise<PGlite> {
  return PGlite.create({ dataDir: pgDataDir, extensions: EXTENSIONS, loadDataDir: loadDataDir && new Blob([loadDataDir]) });
}

const lockFile = (dataDir: string) => join(dataDir, 'pglite.lock');

/** The pid of the live process that holds DATA_DIR, if any (a lock left by a killed process does not count). */
export function dataDirOwner(dataDir: string): number | undefined {
  let owner: number;
  try {
    owner = Number.parseInt(readFileSync(lockFile(dataDir), 'utf8'), 10);
  } catch {
    return undefined;
  }
  return Number.isInteger(owner) && owner !== process.pid && isAlive(owner) ? owner : undefined;
}

/**
 * A pid file beside the data: a second process refuses to open the same folder, while a lock left
 * by a killed process (its pid no longer alive) is taken over. Returns the release function.
 */
export function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = lockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new EmbeddedDatabaseLockedError(dataDir, owner);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
