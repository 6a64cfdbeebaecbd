import { DateTime } from 'luxon';
import { now } from './support/clock';
import { serverUrl } from './support/databases';
import { createOrganisation, createUser, PASSWORD, signIn as signInHere } from './support/fixtures';
import { startServer, stopServer, type ServerProcess } from './support/server-process';
import { freePort } from './support/spawn-server';
import { startSmtp, type TestSmtp } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const INSTANCES = 3;
/** The same secret on every instance, as docs/deployment.md asks. */
const SHARED_SECRET = 'equipole-instances-test-secret-0123456789abcdef';
const EXPIRY_EVERY_S = 2;
const REMINDERS_EVERY_S = 3;

/**
 * Several stateless API processes on one PostgreSQL server, as docs/deployment.md promises: the
 * database alone holds what must hold. Needs a real server (PGlite serves one process).
 */
const onServer = serverUrl() ? describe : describe.skip;

onServer('three API instances on one PostgreSQL', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let servers: ServerProcess[] = [];
  let resourceId: string;
  let school: string;
  let teacherEmail: string;

  const base = (i: number) => servers[i % servers.length].baseUrl;
  const signIn = async (instance: number, email: string, password = PASSWORD): Promise<Response> =>
    fetch(`${base(instance)}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const cookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('equipole_session='))!.split(';')[0];
  const book = (instance: number, cookie: string, start: DateTime, hours = 1) =>
    fetch(`${base(instance)}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ resourceId, organisationId: school, purpose: 'course', start: start.toISO(), end: start.plus({ hours }).toISO() }),
    });

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Athénée', kind: 'school' });
    const manager = await createUser(t.dataSource, { memberships: [[owner, 'manager']] });
    teacherEmail = (await createUser(t.dataSource, { memberships: [[school, 'member']] })).email;
    const managerCookie = await signInHere(t, manager.email);
    const site = await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201);
    resourceId = (await t.http().post('/api/resources').set('Cookie', managerCookie).send({
      organisationId: owner, siteId: site.body.id, kind: 'machine', capacity: 8, nameFr: 'Tour partagé',
      rules: {
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        slotMinutes: 30, minDurationMinutes: 30, maxDurationMinutes: 480, leadTimeMinutes: 0, horizonDays: 365,
        bufferBeforeMinutes: 0, bufferAfterMinutes: 0, approvalMode: 'automatic', quotaWeekMinutes: null, quotaMonthMinutes: null,
        accessPolicy: 'all', cancelCutoffHours: 0,
      },
    }).expect(201)).body.id;

    const smtpPort = await freePort();
    smtp = await startSmtp(smtpPort, { failFirst: 12 });
    const env = {
      DATABASE_URL: t.config.database.url, NODE_ENV: 'test', APP_SECRET: SHARED_SECRET, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '100', DEMO_DATA: 'false', WEB_DIST_DIR: '/nonexistent',
      // Every instance keeps the schedule, with short periods for the test.
      SCHEDULED_JOBS: 'true', JOB_SCHEDULES: `expire-pending=*/${EXPIRY_EVERY_S} * * * * *;reminders=*/${REMINDERS_EVERY_S} * * * * *`,
    };
    servers = await Promise.all(Array.from({ length: INSTANCES }, () => startServer(env)));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => stopServer(server)));
    await smtp?.close();
    await t?.close();
  }, 60_000);

  it('keeps a session made on one instance valid on the others', async () => {
    const cookie = cookieOf(await signIn(0, teacherEmail));
    for (let i = 0; i < INSTANCES; i++) {
      const me = await fetch(`${base(i)}/api/auth/me`, { headers: { Cookie: cookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { email: string }).email).toBe(teacherEmail);
    }
  });

  it('lets exactly one of 200 concurrent requests for one slot through, whichever instance they reach', async () => {
    const cookie = cookieOf(await signIn(1, teacherEmail));
    const slot = now(ZONE).plus({ days: 20 }).startOf('day').set({ hour: 9 });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => book(i, cookie, slot).then((r) => r.status)));
    expect(answers.filter((status) => status === 201)).toHaveLength(1);
    expect(answers.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM bookings WHERE resource_id = $1 AND status IN ('pending', 'confirmed')`, [resourceId]);
    expect(n).toBe(1);
  }, 120_000);

  it('delivers a burst of emails exactly once with three outbox workers and a flaky SMTP server', async () => {
    const cookie = cookieOf(await signIn(2, teacherEmail));
    const first = now(ZONE).plus({ days: 40 }).startOf('day');
    const created = await Promise.all(Array.from({ length: 30 }, (_, i) => book(i, cookie, first.plus({ hours: i }), 1).then((r) => r.status)));
    expect(created.every((status) => status === 201)).toBe(true);
    const [{ expected }] = await t.dataSource.query(`SELECT count(*)::int AS expected FROM outbox WHERE recipient = $1`, [teacherEmail]);
    expect(expected).toBeGreaterThanOrEqual(30);
    const deadline = Date.now() + 60_000;
    let pending = expected;
    while (Date.now() < deadline && pending > 0) {
      [{ pending }] = await t.dataSource.query(`SELECT count(*)::int AS pending FROM outbox WHERE recipient = $1 AND status = 'pending'`, [teacherEmail]);
      if (pending > 0) await new Promise((done) => setTimeout(done, 200));
    }
    expect(pending).toBe(0);
    const mine = smtp.received.filter((mail) => mail.to.includes(teacherEmail));
    const perMessage = new Map<string, number>();
    for (const mail of mine) perMessage.set(mail.messageId, (perMessage.get(mail.messageId) ?? 0) + 1);
    expect(perMessage.size).toBe(expected);
    expect([...perMessage.values()].every((count) => count === 1)).toBe(true);
  }, 120_000);

  it('runs each scheduled job once per period, whichever instance fires first', async () => {
    type Run = { job: string; period: Date; error: string | null };
    const runsSince = async (since: Date): Promise<Run[]> =>
      t.dataSource.query(
        `SELECT job, period_end AS period, error FROM job_runs WHERE period_end > $1 AND job IN ('expire-pending', 'reminders') ORDER BY job, period_end`,
        [since],
      );
    const since = new Date();
    const deadline = Date.now() + 40_000;
    let runs: Run[] = [];
    // Until five periods of the expiry job have ended on every instance's timer.
    while (Date.now() < deadline && runs.filter((run) => run.job === 'expire-pending' && run.period.getTime() < Date.now() - 1000).length < 5) {
      await new Promise((done) => setTimeout(done, 500));
      runs = await runsSince(since);
    }
    for (const [job, everyS] of [['expire-pending', EXPIRY_EVERY_S], ['reminders', REMINDERS_EVERY_S]] as const) {
      const periods = runs.filter((run) => run.job === job).map((run) => run.period.getTime());
      expect(periods.length).toBeGreaterThanOrEqual(job === 'expire-pending' ? 5 : 3);
      // One run per period (three timers fire for each tick), and no tick lost between the first and the last.
      expect(new Set(periods).size).toBe(periods.length);
      expect(periods.every((period) => period % (everyS * 1000) === 0)).toBe(true);
      expect((periods.at(-1)! - periods[0]) / (everyS * 1000)).toBeLessThanOrEqual(periods.length);
    }
    expect(runs.filter((run) => run.error)).toEqual([]);
  }, 60_000);

  it('counts failed sign-ins across instances as on one', async () => {
    const untilRefused = async (email: string, spread: boolean): Promise<number> => {
      for (let attempt = 1; attempt <= 50; attempt++) {
        const response = await signIn(spread ? attempt : 0, email, 'not the password at all');
        if (response.status === 429) return attempt;
        expect(response.status).toBe(401);
      }
      return Infinity;
    };
    const alone = await untilRefused((await createUser(t.dataSource)).email, false);
    const spread = await untilRefused((await createUser(t.dataSource)).email, true);
    expect(alone).toBeLessThan(50);
    expect(spread).toBe(alone);
  }, 120_000);
});
