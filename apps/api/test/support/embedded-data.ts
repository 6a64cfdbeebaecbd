import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGLITE_FOLDER } from '../../src/database/embedded-postgres';
import { runCli } from './server-process';

/**
 * Data folders for the built app on its embedded database (PGlite).
 *
 * Opening an empty folder runs initdb and every migration in WebAssembly: about three times the CPU of
 * opening a migrated one. Most tests that start the built server on a folder of its own are about
 * something else (the admin channel, the access log, shutdown, backups), so they start from a copy of
 * a folder migrated once per run, which the app opens exactly as it opens its own `./data` after a
 * first start. Tests of the first start itself keep an empty folder (`emptyDataDir`).
 */
export function emptyDataDir(purpose: string): string {
  return mkdtempSync(join(tmpdir(), `equipole-${purpose}-`));
}

/** A new folder (or `dir`, created if need be) holding a copy of the run's migrated embedded database. */
export async function migratedDataDir(purpose: string, dir = emptyDataDir(purpose)): Promise<string> {
  mkdirSync(dir, { recursive: true });
  cpSync(join(await migratedTemplate(), PGLITE_FOLDER), join(dir, PGLITE_FOLDER), { recursive: true });
  return dir;
}

const TEMPLATE_WAIT_MS = 300_000;

/**
 * The run's migrated folder, made by the first test worker that asks (the admin command opens and
 * migrates it, then exits); the others wait for its `ready` mark. It lives in the run's scratch folder
 * (global-setup.ts), which the global teardown removes.
 */
async function migratedTemplate(): Promise<string> {
  const runDir = process.env.EQUIPOLE_TEST_RUN_DIR;
  if (!runDir) throw new Error('EQUIPOLE_TEST_RUN_DIR is set by the global setup');
  const template = join(runDir, 'embedded-template');
  const ready = join(template, 'ready');
  try {
    mkdirSync(template);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const deadline = Date.now() + TEMPLATE_WAIT_MS;
    while (!existsSync(ready)) {
      if (Date.now() > deadline) throw new Error(`The migrated embedded folder ${template} was not ready after ${TEMPLATE_WAIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return template;
  }
  const run = await runCli(['list-coordinators'], { DATA_DIR: template });
  if (run.code !== 0) throw new Error(`Migrating the embedded template failed (${run.code}):\n${run.stderr}`);
  writeFileSync(ready, '');
  return template;
}
