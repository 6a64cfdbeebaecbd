import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceSearchPage } from '@equipole/shared';
import * as tar from 'tar';
import { DataSource } from 'typeorm';
import { verifyArchive } from '../src/admin/backup-archive';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/database/demo/demo-catalogue';
import { openPglite, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { ScheduledJobs } from '../src/jobs/scheduled-jobs.service';
import { migratedDataDir } from './support/embedded-data';
import { linkToken } from './support/fixtures';
import { type CliRun, runCli, startServer, stopServer } from './support/server-process';
import { acceptInvitationOver, getJson, signInOver } from './support/server-http';

const PASSWORD = 'Une phrase de passe pour les sauvegardes';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4c80000000049454e44ae426082',
  'hex',
);

/** What must come back: every booking and every account, row for row (hashes of whole rows). */
async function fingerprint(dataDir: string): Promise<{ bookings: number; users: number; bookingsHash: string; usersHash: string }> {
  const db = await openPglite(join(dataDir, 'pglite'));
  try {
    const { rows } = await db.query<{ bookings: number; users: number; bookingsHash: string; usersHash: string }>(
      `SELECT (SELECT count(*)::int FROM bookings) AS bookings, (SELECT count(*)::int FROM users) AS users,
              (SELECT md5(string_agg(b::text, '|' ORDER BY b.id)) FROM bookings b) AS "bookingsHash",
              (SELECT md5(string_agg(u::text, '|' ORDER BY u.id)) FROM users u) AS "usersHash"`,
    );
    return rows[0];
  } finally {
    await db.close();
  }
}

function expectRefused(run: CliRun, message: RegExp): void {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
}

/** `admin backup` while the built server runs on the embedded database, then `admin restore` into a wiped folder. */
describe('backup and restore (embedded database)', () => {
  const root = mkdtempSync(join(tmpdir(), 'equipole-backups-'));
  const dataDir = join(root, 'data');
  const archive = join(root, 'saved', 'equipole.tar.gz');
  const env = { DATA_DIR: dataDir, DEMO_DATA: 'true' };
  let photoUrl: string;
  let before: Awaited<ReturnType<typeof fingerprint>>;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('brings back every booking, every account and the photos after the data folder is wiped', async () => {
    await migratedDataDir('backups', dataDir);
    const server = await startServer(env);
    try {
      // An account of our own, with a password chosen through the invitation, and a photo.
      const created = await runCli(['create-coordinator', '--email', 'ops@example.test', '--name', 'Ops'], env);
      const { cookie } = await acceptInvitationOver(server.baseUrl, linkToken(created.stdout, 'invitation'), 'Ops', PASSWORD);
      const { body: resources } = await getJson<ResourceSearchPage>(server.baseUrl, '/api/resources?limit=1', cookie);
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'tour.png');
      const uploaded = await fetch(`${server.baseUrl}/api/resources/${resources.items[0].id}/photos`, { method: 'POST', headers: { cookie }, body: form });
      expect(uploaded.status).toBe(201);
      photoUrl = ((await uploaded.json()) as { url: string }).url;

      // The app keeps answering while the archive is made.
      const [backup, ...answers] = await Promise.all([
        runCli(['backup', archive], env),
        ...Array.from({ length: 5 }, () => fetch(`${server.baseUrl}/api/resources?limit=5`).then((response) => response.status)),
      ]);
      expect(backup).toMatchObject({ code: 0, stderr: '' });
      expect(backup.stdout).toContain(`Backup written: ${archive}`);
      expect(backup.stdout).toContain('1 photo file(s), checked');
      expect(answers).toEqual([200, 200, 200, 200, 200]);
      expect(statSync(archive).mode & 0o777).toBe(0o600);
    } finally {
      expect(await stopServer(server)).toBe(0);
    }

    before = await fingerprint(dataDir);
    expect(before.bookings).toBeGreaterThan(1000);
    rmSync(dataDir, { recursive: true, force: true });

    const restored = await runCli(['restore', archive], env);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toContain('the database and 1 photo file(s)');
    expect(await fingerprint(dataDir)).toEqual(before);

    const again = await startServer(env);
    try {
      expect(again.output()).not.toContain('demo data loaded');
      expect((await signInOver(again.baseUrl, 'ops@example.test', PASSWORD)).status).toBe(204);
      for (const user of DEMO_USERS.slice(0, 3)) expect((await signInOver(again.baseUrl, user.email, DEMO_PASSWORD)).status).toBe(204);
      const photo = await fetch(`${again.baseUrl}${photoUrl}`);
      expect(photo.status).toBe(200);
      expect(Buffer.from(await photo.arrayBuffer())).toEqual(PNG);
    } finally {
      expect(await stopServer(again)).toBe(0);
    }
  }, 300_000);

  it('refuses a truncated, corrupted, foreign or non-archive file, a non-empty folder without --force and a running instance, changing nothing', async () => {
    // The data as the first test left it (its sign-ins after the restore recorded each account's last
    // sign-in, users.last_sign_in_at): what the refused restores must leave untouched.
    const current = await fingerprint(dataDir);
    const bytes = readFileSync(archive);
    const bad = join(root, 'bad');
    mkdirSync(bad);
    const truncated = join(bad, 'truncated.tar.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const notAnArchive = join(bad, 'notes.tar.gz');
    writeFileSync(notAnArchive, 'Ceci n’est pas une sauvegarde.\n'.repeat(100));
    const foreign = join(bad, 'foreign.tar.gz');
    mkdirSync(join(bad, 'src'));
    writeFileSync(join(bad, 'src', 'manifest.json'), '{"name":"some other project"}');
    await tar.c({ gzip: true, file: foreign, cwd: join(bad, 'src') }, ['manifest.json']);

    // The same archive with one photo's bytes changed: its checksum no longer matches the manifest.
    const tampered = join(bad, 'tampered.tar.gz');
    const unpacked = join(bad, 'unpacked');
    mkdirSync(unpacked);
    await tar.x({ file: archive, cwd: unpacked });
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    const photoPath = manifest.files.find((file) => file.path.startsWith('uploads/'))!.path;
    writeFileSync(join(unpacked, photoPath), Buffer.concat([PNG.subarray(0, -1), Buffer.from([0])]));
    await tar.c({ gzip: true, file: tampered, cwd: unpacked }, ['manifest.json', ...manifest.files.map((file) => file.path)]);

    const photoFiles = () => readFileSync(join(dataDir, 'uploads', photoPath.slice('uploads/'.length)));
    expectRefused(await runCli(['restore', archive], env), /already holds? data: add --force/);
    expectRefused(await runCli(['restore', truncated, '--force'], env), /truncated\.tar\.gz is not a usable Equipôle backup \(truncated or corrupted/);
    expectRefused(await runCli(['restore', notAnArchive, '--force'], env), /notes\.tar\.gz is not a usable Equipôle backup \(not a \.tar\.gz archive/);
    expectRefused(await runCli(['restore', foreign, '--force'], env), /foreign\.tar\.gz is not a usable Equipôle backup/);
    expectRefused(await runCli(['restore', tampered, '--force'], env), /does not match its checksum\); nothing was changed/);
    expectRefused(await runCli(['restore', join(bad, 'missing.tar.gz'), '--force'], env), /No backup file at/);
    expect(await fingerprint(dataDir)).toEqual(current);
    expect(photoFiles()).toEqual(PNG);

    const server = await startServer(env);
    try {
      expectRefused(await runCli(['restore', archive, '--force'], env), /is running on .*: stop it before restoring/);
    } finally {
      await stopServer(server);
    }

    // With --force and the app stopped, the archive replaces what is there.
    const replaced = await runCli(['restore', archive, '--force'], env);
    expect(replaced.code).toBe(0);
    expect(await fingerprint(dataDir)).toEqual(before);
    expect(createHash('sha256').update(photoFiles()).digest('hex')).toBe(createHash('sha256').update(PNG).digest('hex'));
  }, 300_000);

  it('writes the daily backup into BACKUP_DIR and keeps the newest BACKUP_KEEP', async () => {
    const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 4 });
    const backupDir = join(root, 'daily');
    const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: '2' });
    const app = await createApp({ ...base, database: { ...base.database, url: embedded.url } }, embedded);
    try {
      const jobs = app.get(ScheduledJobs);
      const runs = [];
      for (let run = 0; run < 3; run++) runs.push(await jobs.backup());
      expect(runs.map((counts) => counts?.photos)).toEqual([1, 1, 1]);
      expect(runs[2]?.removed).toBe(1);
      const kept = readdirSync(backupDir).sort();
      expect(kept).toHaveLength(2);
      expect(kept.every((name) => /^equipole-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.tar\.gz$/.test(name))).toBe(true);
      expect(statSync(backupDir).mode & 0o777).toBe(0o700);
      for (const name of kept) expect((await verifyArchive(join(backupDir, name))).files).toHaveLength(2);
      const [{ count }] = await app.get(DataSource).query(`SELECT count(*)::int AS count FROM job_runs WHERE job = 'backup' AND error IS NULL AND finished_at IS NOT NULL`);
      expect(count).toBe(3);
    } finally {
      await app.close();
      await embedded.stop();
    }
  }, 120_000);
});
