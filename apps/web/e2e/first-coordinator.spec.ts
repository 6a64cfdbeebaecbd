import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CurrentUser } from '@equipole/shared';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { MESSAGES, waitForPage } from './support/app';
import { serverOfThisWorker, test } from './support/browser';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const CLI = join(REPO_ROOT, 'apps/api/dist/cli.js');
const fr = MESSAGES.fr;
const PASSWORD = 'Une-phrase-de-passe-pour-coordonner';

/**
 * `admin create-coordinator` against the running server, as an operator does on a new installation
 * (through the server's admin channel in DATA_DIR on the embedded database, with the server's
 * DATABASE_URL and APP_SECRET on a PostgreSQL server); returns the printed link's path.
 */
async function createCoordinator(email: string, name: string): Promise<string> {
  const { dataDir, database } = serverOfThisWorker();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.APP_SECRET;
  if (database) Object.assign(env, { DATABASE_URL: database.url, APP_SECRET: database.appSecret });
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'create-coordinator', '--email', email, '--name', name], { cwd: REPO_ROOT, env });
  const link = /https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/.exec(stdout)?.[0];
  if (!link) throw new Error(`No invitation link in: ${stdout}`);
  return new URL(link).pathname;
}

describe('the first coordinator', () => {
  test('opens the link the administration command printed, chooses a password and lands signed in as coordinator', async ({ page }) => {
    const email = `premiere-${Date.now()}@example.test`;
    const path = await createCoordinator(email, 'Camille Première');

    await page.goto(path);
    await waitForPage(page);
    await page.getByRole('heading', { name: fr.accounts.invitation.welcomePlatform }).waitFor();
    expect(await page.locator('main').textContent()).toContain(email);
    expect(await page.inputValue('#invitation-name')).toBe('Camille Première');
    await expectNoAxeViolations(page, 'invitation page, first coordinator');

    await page.fill('#invitation-password', PASSWORD);
    await page.fill('#invitation-confirmation', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/organisations');
    await waitForPage(page);
    expect((await page.locator('header [data-nav="profile"]').textContent())?.trim()).toBe('Camille Première');
    const me = (await (await page.context().request.get('/api/auth/me')).json()) as CurrentUser;
    expect(me).toMatchObject({ email, isCoordinator: true });
    await expectNoAxeViolations(page, 'organisations, first coordinator signed in');
  });
});
