import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CurrentUser, OutboxEmail, Page } from '@equipole/shared';
import { emptyDataDir, migratedDataDir } from './support/embedded-data';
import { createDatabaseFromTemplate, dropDatabase, serverUrl } from './support/databases';
import { linkToken } from './support/fixtures';
import { type CliRun, runCli, type ServerProcess, startServer, stopServer } from './support/server-process';
import { acceptInvitationOver, getJson, postJson, signInOver } from './support/server-http';

const PASSWORD = 'Une phrase de passe assez longue';
const NEW_PASSWORD = 'Encore une autre phrase de passe';
/** Each command starts a Node process (and argon2 hashes passwords): generous on a loaded machine. */
const SLOW = 300_000;

/** An expected failure: nothing on stdout, one line on stderr, no stack trace. */
function expectOneLineError(run: CliRun, code: number, message: RegExp): void {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code, stdout: '' });
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

/** The built server and `node apps/api/dist/cli.js`, on the embedded database, as an operator runs them. */
describe('administration command', () => {
  const folders: string[] = [];
  const newDataDir = async ({ migrated }: { migrated: boolean }) => {
    const dir = migrated ? await migratedDataDir('admin') : emptyDataDir('admin');
    folders.push(dir);
    return dir;
  };
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  describe('against a running instance (through its admin channel)', () => {
    let env: NodeJS.ProcessEnv;
    let server: ServerProcess;
    const cli = (...args: string[]) => runCli(args, env);
    const isCoordinator = async (cookie: string) => (await getJson<CurrentUser>(server.baseUrl, '/api/auth/me', cookie)).body.isCoordinator;

    beforeAll(async () => {
      env = { DATA_DIR: await newDataDir({ migrated: true }), DEMO_DATA: 'false' };
      server = await startServer(env);
    }, SLOW);
    afterAll(async () => {
      if (server) await stopServer(server);
    });

    it('creates the first coordinator, who chooses a password through the printed link and signs in; twice gives one account', async () => {
      const empty = await cli('list-coordinators');
      expect(empty).toMatchObject({ code: 0, stderr: '' });
      expect(empty.stdout).toContain('No coordinator yet');

      const created = await cli('create-coordinator', '--email', 'A@B.test', '--name', 'Ana Admin');
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toContain('Coordinator a@b.test (Ana Admin) created.');
      // The running instance writes the link with its own PUBLIC_URL.
      expect(created.stdout).toContain(`http://localhost:${new URL(server.baseUrl).port}/invitation/`);
      const token = linkToken(created.stdout, 'invitation');

      const { preview, cookie } = await acceptInvitationOver(server.baseUrl, token, 'Ana Admin', PASSWORD);
      expect(preview).toMatchObject({ email: 'a@b.test', organisationName: null, hasAccount: false });
      expect(await isCoordinator(cookie)).toBe(true);
      const signedIn = await signInOver(server.baseUrl, 'a@b.test', PASSWORD);
      expect(signedIn.status).toBe(204);
      expect(await isCoordinator(signedIn.cookie!)).toBe(true);
      // Single use.
      expect((await getJson(server.baseUrl, `/api/auth/invitations/${token}`)).status).toBe(400);

      const again = await cli('create-coordinator', '--email', 'a@b.test', '--name', 'Someone Else');
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('a@b.test (Ana Admin) is already a coordinator.');
      expect(again.stdout).toContain('The account has a password');
      expect(again.stdout).not.toContain('/invitation/');

      const list = await cli('list-coordinators');
      expect(list.code).toBe(0);
      const rows = list.stdout.trim().split('\n').slice(1);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(/^a@b\.test\s+Ana Admin\s+fr\s+active\s+\d{4}-\d{2}-\d{2}$/);

      // The same invitation went to the outbox, in the coordinator's language.
      const outbox = await getJson<Page<OutboxEmail>>(server.baseUrl, '/api/outbox?limit=200', cookie);
      const invitations = outbox.body.items.filter((email) => email.kind === 'coordinator_invitation' && email.recipient === 'a@b.test');
      expect(invitations).toHaveLength(1);
      expect(invitations[0].textBody).toContain(`/invitation/${token}`);
    }, SLOW);

    it('gives a link twice to a coordinator who has not chosen a password, the first one no longer working', async () => {
      const first = await cli('create-coordinator', '--email', 'pending@b.test', '--name', 'Pending', '--language', 'nl');
      const second = await cli('create-coordinator', '--email', 'pending@b.test', '--name', 'Pending');
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(second.stdout).toContain('is already a coordinator');
      const [oldToken, newToken] = [linkToken(first.stdout, 'invitation'), linkToken(second.stdout, 'invitation')];
      expect(newToken).not.toBe(oldToken);
      expect((await getJson(server.baseUrl, `/api/auth/invitations/${oldToken}`)).status).toBe(400);
      expect((await getJson(server.baseUrl, `/api/auth/invitations/${newToken}`)).status).toBe(200);
      expect((await cli('list-coordinators')).stdout).toMatch(/pending@b\.test\s+Pending\s+nl\s+invitation pending/);
    }, SLOW);

    it('revokes a coordinator, never the last one who can sign in, and resets a password', async () => {
      expectOneLineError(await cli('revoke-coordinator', '--email', 'a@b.test'), 1, /last coordinator who can sign in/);

      const second = await cli('create-coordinator', '--email', 'b@b.test', '--name', 'Bea');
      await acceptInvitationOver(server.baseUrl, linkToken(second.stdout, 'invitation'), 'Bea', PASSWORD);
      const ana = (await signInOver(server.baseUrl, 'a@b.test', PASSWORD)).cookie!;

      const revoked = await cli('revoke-coordinator', '--email', 'a@b.test');
      expect(revoked).toMatchObject({ code: 0, stderr: '' });
      expect(revoked.stdout).toContain('a@b.test is no longer a coordinator');
      // At once, also for the session she already has.
      expect(await isCoordinator(ana)).toBe(false);
      expect((await cli('list-coordinators')).stdout).not.toContain('a@b.test');
      expectOneLineError(await cli('revoke-coordinator', '--email', 'a@b.test'), 1, /a@b\.test is not a coordinator/);
      expectOneLineError(await cli('revoke-coordinator', '--email', 'b@b.test'), 1, /last coordinator/);

      const reset = await cli('reset-password', '--email', 'a@b.test');
      expect(reset).toMatchObject({ code: 0, stderr: '' });
      const resetToken = linkToken(reset.stdout, 'reset-password');
      const confirmed = await postJson(server.baseUrl, '/api/auth/password-reset/confirm', { token: resetToken, password: NEW_PASSWORD });
      expect(confirmed.status).toBe(204);
      expect((await signInOver(server.baseUrl, 'a@b.test', NEW_PASSWORD)).status).toBe(204);
      expect((await signInOver(server.baseUrl, 'a@b.test', PASSWORD)).status).toBe(401);
      expect((await postJson(server.baseUrl, '/api/auth/password-reset/confirm', { token: resetToken, password: PASSWORD })).status).toBe(400);
    }, SLOW);

    it.each([
      [['reset-password', '--email', 'nobody@b.test'], 1, /^error: No account with the email nobody@b\.test\.$/m],
      [['revoke-coordinator', '--email', 'nobody@b.test'], 1, /No account with the email nobody@b\.test/],
      [['create-coordinator', '--email', 'not-an-email', '--name', 'X'], 2, /Not a valid email address: "not-an-email"/],
      [['create-coordinator', '--email', 'x@b.test', '--name', '   '], 2, /name must be 1 to 200 characters/],
      [['create-coordinator', '--email', 'x@b.test'], 2, /required option '--name <name>' not specified/],
      [['create-coordinator', '--email', 'x@b.test', '--name', 'X', '--language', 'de'], 2, /Allowed choices are fr, nl, en/],
      [['revoke-coordinator'], 2, /required option '--email <address>'/],
      [['frobnicate'], 2, /unknown command 'frobnicate'/],
      [[], 2, /missing command/],
      [['backup'], 2, /missing required argument 'file'/],
    ])('answers %j with one line on stderr and exit %i', async (args, code, message) => {
      expectOneLineError(await cli(...args), code, message);
    }, SLOW);
  });

  it('says in one line that the database cannot be reached, without its password', async () => {
    const run = await runCli(['list-coordinators'], { DATABASE_URL: 'postgres://equipole:s3cret@127.0.0.1:1/equipole' });
    expectOneLineError(run, 1, /Cannot reach the database server of DATABASE_URL \(127\.0\.0\.1:1\/equipole\)/);
    expect(run.stderr).not.toContain('s3cret');
  }, SLOW);

  it('opens the embedded database itself when no instance runs (migrations first), and the app then starts on it', async () => {
    const env = { DATA_DIR: await newDataDir({ migrated: false }), DEMO_DATA: 'false' };
    const created = await runCli(['create-coordinator', '--email', 'solo@b.test', '--name', 'Solo'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const token = linkToken(created.stdout, 'invitation');

    const server = await startServer(env);
    try {
      await acceptInvitationOver(server.baseUrl, token, 'Solo', PASSWORD);
      expect((await signInOver(server.baseUrl, 'solo@b.test', PASSWORD)).status).toBe(204);
    } finally {
      await stopServer(server);
    }
  }, SLOW);

  it('invites BOOTSTRAP_COORDINATOR_EMAIL at start-up exactly once', async () => {
    const env = { DATA_DIR: await newDataDir({ migrated: true }), DEMO_DATA: 'false', BOOTSTRAP_COORDINATOR_EMAIL: 'First@B.test', BOOTSTRAP_COORDINATOR_NAME: 'Fanny First' };
    const first = await startServer(env);
    let cookie: string;
    try {
      expect(first.output()).toContain('first coordinator invited: first@b.test');
      const token = linkToken(first.output(), 'invitation');
      ({ cookie } = await acceptInvitationOver(first.baseUrl, token, 'Fanny First', PASSWORD));
    } finally {
      await stopServer(first);
    }

    const second = await startServer(env);
    try {
      expect(second.output()).not.toContain('first coordinator invited');
      cookie = (await signInOver(second.baseUrl, 'first@b.test', PASSWORD)).cookie!;
      const outbox = await getJson<Page<OutboxEmail>>(second.baseUrl, '/api/outbox?limit=200', cookie);
      expect(outbox.body.items.filter((email) => email.kind === 'coordinator_invitation')).toHaveLength(1);
    } finally {
      await stopServer(second);
    }
    const list = await runCli(['list-coordinators'], env);
    expect(list.stdout.trim().split('\n').slice(1)).toEqual([expect.stringMatching(/^first@b\.test\s+Fanny First\s+fr\s+active/)]);
  }, SLOW);

  (serverUrl() ? describe : describe.skip)('against a PostgreSQL server (DATABASE_URL)', () => {
    let url: string;
    beforeAll(async () => {
      url = await createDatabaseFromTemplate();
    });
    afterAll(async () => {
      if (url) await dropDatabase(new URL(url).pathname.slice(1));
    });

    it('manages coordinators on the server and sends backups to pg_dump', async () => {
      const env = { DATABASE_URL: url };
      const created = await runCli(['create-coordinator', '--email', 'srv@b.test', '--name', 'Server'], env);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toContain('/invitation/');
      expect((await runCli(['create-coordinator', '--email', 'srv@b.test', '--name', 'Server'], env)).code).toBe(0);
      expect((await runCli(['list-coordinators'], env)).stdout.trim().split('\n').slice(1)).toEqual([expect.stringMatching(/^srv@b\.test\s/)]);
      expectOneLineError(await runCli(['revoke-coordinator', '--email', 'srv@b.test'], env), 1, /last coordinator/);
      expectOneLineError(await runCli(['backup', join(tmpdir(), 'never-written.tar.gz')], env), 1, /back it up with pg_dump/);
      expectOneLineError(await runCli(['restore', join(tmpdir(), 'never-read.tar.gz')], env), 1, /restore it with pg_restore/);
    }, SLOW);
  });
});
