import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface } from 'typeorm';
import { MIGRATIONS } from '.';

/**
 * A migration runs once per database: editing it after it landed leaves every database migrated
 * before the edit with the old definitions. manifest.json holds the SHA-256 of each migration and
 * of each versioned SQL file a migration installs (src/database/sql), keyed by its path under
 * src/database; it only grows, through scripts/migration-manifest.js.
 */
const DATABASE_DIR = join(__dirname, '..');
const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'migration-manifest.js');
const ADD = 'run `node apps/api/scripts/migration-manifest.js` to add it (the manifest only grows; existing entries never change)';
const MIGRATION_FILE = /^(\d{13})-([A-Z][A-Za-z0-9]*)\.ts$/;

function readManifest(): Record<string, string> {
  return JSON.parse(readFileSync(join(__dirname, 'manifest.json'), 'utf8')) as Record<string, string>;
}

function filesIn(dir: string): string[] {
  if (!existsSync(join(DATABASE_DIR, dir))) return [];
  return readdirSync(join(DATABASE_DIR, dir))
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.spec.ts'))
    .map((name) => `${dir}/${name}`);
}

/** The same hash as the script: the content with LF line endings, so that a Windows checkout agrees. */
function contentHash(file: string): string {
  const text = readFileSync(join(DATABASE_DIR, file), 'utf8').replace(/\r\n/g, '\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('migrations manifest', () => {
  const guarded = [...filesIn('migrations'), ...filesIn('sql')];

  it('finds every landed migration and versioned SQL file unchanged', () => {
    const problems = Object.entries(readManifest()).flatMap(([file, hash]) => {
      if (!existsSync(join(DATABASE_DIR, file))) {
        return [`${file} is in manifest.json but gone: a landed migration is never removed, restore it`];
      }
      if (contentHash(file) !== hash) {
        return [`${file} changed after it landed: restore it (git log -- it) and fix forward with a new migration`];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('lists every migration and versioned SQL file', () => {
    const manifest = readManifest();
    const unlisted = guarded.filter((file) => !(file in manifest)).map((file) => `${file} is not in manifest.json: ${ADD}`);
    expect(unlisted).toEqual([]);
  });

  it('runs every migration file, in the order of their timestamps', () => {
    const migrations = guarded.filter((file) => file.startsWith('migrations/')).map((file) => file.slice('migrations/'.length));
    expect(migrations.filter((name) => !MIGRATION_FILE.test(name))).toEqual([]);
    const expected = migrations.sort().map((name) => {
      const [, timestamp, pascalName] = MIGRATION_FILE.exec(name)!;
      return `${pascalName}${timestamp}`;
    });
    // TypeORM records a migration by its `name`; the class name must say the same.
    const listed = MIGRATIONS.map((migration) => new (migration as new () => MigrationInterface)().name);
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(listed);
    const missing = expected
      .filter((name) => !listed.includes(name))
      .map((name) => `${name} is not in MIGRATIONS: import it in migrations/index.ts and add it at the end`);
    expect(missing).toEqual([]);
    expect(listed).toEqual(expected);
  });

  it('agrees with scripts/migration-manifest.js, which has nothing to add', () => {
    expect(() => execFileSync(process.execPath, [SCRIPT, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
