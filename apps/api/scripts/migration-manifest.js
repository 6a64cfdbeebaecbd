/**
 * Adds to apps/api/src/database/migrations/manifest.json the migrations and versioned SQL files
 * (src/database/sql) it does not list yet, with the SHA-256 of their content. Entries already there
 * are never touched: what landed never changes, and manifest.spec.ts fails when it does.
 *
 *   node apps/api/scripts/migration-manifest.js          add the new files
 *   node apps/api/scripts/migration-manifest.js --check  change nothing; exit 1 unless the manifest is complete and true
 *
 * Keys are paths under src/database; line endings are read as LF, so a Windows checkout hashes alike.
 */
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const DATABASE_DIR = join(__dirname, '..', 'src', 'database');
const MANIFEST = join(DATABASE_DIR, 'migrations', 'manifest.json');

/** The files whose content is fixed once landed: every migration and every versioned SQL file. */
function guardedFiles() {
  const migrations = readdirSync(join(DATABASE_DIR, 'migrations'))
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.spec.ts'))
    .map((name) => `migrations/${name}`);
  const sqlDir = join(DATABASE_DIR, 'sql');
  const sql = existsSync(sqlDir)
    ? readdirSync(sqlDir).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts')).map((name) => `sql/${name}`)
    : [];
  return [...migrations, ...sql].sort();
}

function contentHash(file) {
  const text = readFileSync(join(DATABASE_DIR, file), 'utf8').replace(/\r\n/g, '\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function main() {
  const check = process.argv.includes('--check');
  const manifest = existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : {};
  const files = guardedFiles();
  const problems = [];
  for (const [file, hash] of Object.entries(manifest)) {
    if (!files.includes(file)) problems.push(`${file} is listed but gone`);
    else if (contentHash(file) !== hash) problems.push(`${file} changed after it landed`);
  }
  const added = files.filter((file) => !(file in manifest));
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\nA landed migration is never edited: restore it and fix forward with a new migration.`);
    process.exit(1);
  }
  if (check) {
    if (added.length > 0) {
      console.error(`Not in the manifest yet:\n${added.join('\n')}\nRun node apps/api/scripts/migration-manifest.js to add them.`);
      process.exit(1);
    }
    return;
  }
  for (const file of added) manifest[file] = contentHash(file);
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(added.length > 0 ? `Added to the manifest:\n${added.join('\n')}` : 'The manifest already lists every file.');
}

main();
