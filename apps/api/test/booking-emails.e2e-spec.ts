import { DateTime } from 'luxon';
import { DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { ScheduledJobs } from '../src/jobs/scheduled-jobs.service';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { freePort } from './support/spawn-server';
import { mimePart, startSmtp, type ReceivedMail, type TestSmtp, until } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const RULES = {
  ...DEFAULT_BOOKING_RULES,
  slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 240, leadTimeMinutes: 60, horizonDays: 730,
  bufferBeforeMinutes: 0, bufferAfterMinutes: 0, approvalMode: 'owner', quotaWeekMinutes: null, quotaMonthMinutes: null,
  accessPolicy: 'all', cancelCutoffHours: 24, allowedOrganisationIds: [],
};

/** A local weekday some weeks ahead, at a local time, as an ISO string with its offset. */
function slot(weeksAhead: number, weekday: number, time: string): DateTime {
  let d = now(ZONE).startOf('day').plus({ weeks: weeksAhead });
  while (d.weekday !== weekday) d = d.plus({ days: 1 });
  const [hour, minute] = time.split(':').map(Number);
  return d.set({ hour, minute });
}

// ical.js is an ES module: loaded with import() from this CommonJS test.
let ICAL: (typeof import('ical.js', { with: { 'resolution-mode': 'import' } }))['default'];

function calendarOf(mail: ReceivedMail) {
  const part = mimePart(mail.raw, 'text/calendar');
  if (!part) throw new Error(`no text/calendar part in ${mail.subject}`);
  const calendar = new ICAL.Component(ICAL.parse(part.body));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  if (vtimezone) ICAL.TimezoneService.register(vtimezone);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { contentType: part.headers, method: calendar.getFirstPropertyValue('method'), vevent, event: new ICAL.Event(vevent) };
}

describe('booking emails over SMTP', () => {
  let t: TestApp;
  let port: number;
  let owner: string;
  let school: string;
  let resourceId: string;
  let ownerCookie: string;
  let teacherCookie: string;
  const managers = { nl: '', en: '' };
  let teacher: { id: string; email: string };
  let smtp: TestSmtp | undefined;

  const book = (start: DateTime, hours = 1) =>
    t.http().post('/api/bookings').set('Cookie', teacherCookie)
      .send({ resourceId, organisationId: school, purpose: 'course', start: start.toISO(), end: start.plus({ hours }).toISO() });
  const mailTo = (email: string) => smtp!.received.filter((m) => m.to.includes(email));
  const waitFor = (email: string, count: number) => until(() => mailTo(email).length >= count);
  const pendingOutbox = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`))[0].n as number;

  beforeAll(async () => {
    ICAL = (await import('ical.js')).default;
    port = await freePort();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '100', PUBLIC_URL: 'https://equipole.example' });
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Lycée du Beffroi', country: 'FR' });
    const nlManager = await createUser(t.dataSource, { name: 'Joke', locale: 'nl', memberships: [[owner, 'manager']] });
    const enManager = await createUser(t.dataSource, { name: 'Sam', locale: 'en', memberships: [[owner, 'manager']] });
    managers.nl = nlManager.email;
    managers.en = enManager.email;
    ownerCookie = await signIn(t, nlManager.email);
    teacher = await createUser(t.dataSource, { name: 'Nadia', locale: 'fr', memberships: [[school, 'member']] });
    teacherCookie = await signIn(t, teacher.email);
    const siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', ownerCookie)
      .send({ name: 'Halle', address: 'Rue du Port 3', postcode: '7500', city: 'Tournai', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    resourceId = (await t.http().post('/api/resources').set('Cookie', ownerCookie)
      .send({ organisationId: owner, siteId, kind: 'machine', capacity: 8, nameFr: 'Tour CNC', nameNl: 'CNC-draaibank', nameEn: 'CNC lathe', rules: RULES }).expect(201)).body.id;
  });
  afterEach(async () => {
    // Every test leaves the outbox delivered, so the next one counts only its own emails.
    if (smtp) await until(async () => (await pendingOutbox()) === 0, 30_000);
    await smtp?.close();
    smtp = undefined;
  });
  afterAll(() => t.close());

  it('tells each manager of the owner about a request, in their own language', async () => {
    smtp = await startSmtp(port);
    const start = slot(2, 2, '10:00');
    const booking = (await book(start).expect(201)).body;
    expect(booking.status).toBe('pending');
    await waitFor(managers.nl, 1);
    await waitFor(managers.en, 1);
    expect(mailTo(managers.nl)[0].subject).toBe('Nieuwe reservatieaanvraag: CNC-draaibank');
    expect(mailTo(managers.en)[0].subject).toBe('New booking request: CNC lathe');
    const text = mimePart(mailTo(managers.nl)[0].raw, 'text/plain')!.body;
    expect(text).toContain('Voor: Lycée du Beffroi');
    expect(text).toContain('Uitrusting: CNC-draaibank');
    expect(text).toContain('https://equipole.example/partner/requests');
    expect(mailTo(teacher.email)).toHaveLength(0);
  });

  it('confirms to the booker with an invitation (METHOD:REQUEST, the booking’s UID, the site’s local time), then cancels it with the same UID', async () => {
    smtp = await startSmtp(port);
    const start = slot(2, 3, '10:00');
    const { id } = (await book(start, 2).expect(201)).body;
    await t.http().post(`/api/bookings/${id}/approve`).set('Cookie', ownerCookie).send({}).expect(200);
    await waitFor(teacher.email, 1);
    const confirmation = mailTo(teacher.email)[0];
    expect(confirmation.subject).toMatch(/^Réservation confirmée : Tour CNC, .+ 10:00–12:00$/);
    const invite = calendarOf(confirmation);
    expect(invite.contentType).toMatch(/method=REQUEST/i);
    expect(invite.method).toBe('REQUEST');
    expect(invite.vevent.getFirstPropertyValue('uid')).toBe(`${id}@equipole`);
    const dtstart = invite.vevent.getFirstProperty('dtstart')!;
    expect(dtstart.getParameter('tzid')).toBe(ZONE);
    expect((dtstart.getFirstValue() as { hour: number }).hour).toBe(10);
    expect(invite.event.startDate.toJSDate().getTime()).toBe(start.toMillis());
    expect(invite.event.endDate.toJSDate().getTime()).toBe(start.plus({ hours: 2 }).toMillis());
    expect(invite.event.location).toBe('Halle, Rue du Port 3, 7500 Tournai');

    await t.http().post(`/api/bookings/${id}/cancel`).set('Cookie', ownerCookie).send({ reason: 'Panne de la machine' }).expect(200);
    await waitFor(teacher.email, 2);
    const cancellation = mailTo(teacher.email)[1];
    expect(cancellation.subject).toMatch(/^Réservation annulée : Tour CNC/);
    const cancel = calendarOf(cancellation);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.vevent.getFirstPropertyValue('uid')).toBe(`${id}@equipole`);
    expect(cancel.event.sequence).toBeGreaterThan(invite.event.sequence);
    expect(cancellation.raw).toContain('Panne de la machine');
  });

  it('sends the moved booking as an update of the same event (same UID, higher SEQUENCE, new time)', async () => {
    smtp = await startSmtp(port);
    const start = slot(3, 2, '08:00');
    const { id } = (await book(start).expect(201)).body;
    await t.http().post(`/api/bookings/${id}/approve`).set('Cookie', ownerCookie).send({}).expect(200);
    await waitFor(teacher.email, 1);
    const moved = start.plus({ hours: 5 });
    await t.http().post(`/api/bookings/${id}/reschedule`).set('Cookie', ownerCookie).send({ start: moved.toISO(), end: moved.plus({ hours: 1 }).toISO() }).expect(200);
    await waitFor(teacher.email, 2);
    const [first, second] = mailTo(teacher.email).map(calendarOf);
    expect(mailTo(teacher.email)[1].subject).toMatch(/^Réservation déplacée : Tour CNC, .+ 13:00–14:00$/);
    expect(second.method).toBe('REQUEST');
    expect(second.vevent.getFirstPropertyValue('uid')).toBe(first.vevent.getFirstPropertyValue('uid'));
    expect(second.event.sequence).toBeGreaterThan(first.event.sequence);
    expect(second.event.startDate.toJSDate().getTime()).toBe(moved.toMillis());
  });

  it('confirms a weekly series in one email that lists the dates booked and skipped, with one invitation event per booked date', async () => {
    smtp = await startSmtp(port);
    const siteId = (await t.http().get(`/api/resources/${resourceId}`).set('Cookie', teacherCookie).expect(200)).body.site.id;
    const automatic = (await t.http().post('/api/resources').set('Cookie', ownerCookie)
      .send({ organisationId: owner, siteId, kind: 'workshop', capacity: 8, nameFr: 'Atelier soudure', nameNl: 'Laswerkplaats', nameEn: 'Welding workshop', rules: { ...RULES, approvalMode: 'automatic' } })
      .expect(201)).body.id;
    const first = slot(7, 4, '15:00');
    // The third Thursday is taken first: the series skips it.
    await t.http().post('/api/bookings').set('Cookie', teacherCookie)
      .send({ resourceId: automatic, organisationId: school, purpose: 'course', start: first.plus({ weeks: 2 }).toISO(), end: first.plus({ weeks: 2, hours: 1 }).toISO() })
      .expect(201);
    await waitFor(teacher.email, 1);
    const series = (await t.http().post('/api/bookings/series').set('Cookie', teacherCookie)
      .send({
        resourceId: automatic, organisationId: school, purpose: 'course', participants: { pupils: 6 }, weekdays: [4], intervalWeeks: 1,
        startTime: '15:00', endTime: '16:00', startsOn: first.toISODate(), endsOn: first.plus({ weeks: 3 }).toISODate(), mode: 'skip_conflicts',
      })
      .expect(201)).body;
    expect([series.booked, series.skipped]).toEqual([3, 1]);
    await waitFor(teacher.email, 2);
    await until(async () => (await pendingOutbox()) === 0);
    const emails = mailTo(teacher.email).slice(1);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toBe('Réservations confirmées : Atelier soudure, 3 dates');
    const text = mimePart(emails[0].raw, 'text/plain')!.body.replace(/\r\n/g, '\n');
    expect(text).toContain('série de réservations d’Atelier soudure');
    expect(text).toMatch(/Dates réservées :\n(• .+15:00–16:00\n){3}/);
    expect(text).toMatch(/Date ignorée :\n• .+15:00–16:00 — .+/);
    const part = mimePart(emails[0].raw, 'text/calendar')!;
    const calendar = new ICAL.Component(ICAL.parse(part.body));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const uids = calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('uid'));
    const bookedIds = (series.occurrences as { bookingId?: string }[]).flatMap((o) => (o.bookingId ? [`${o.bookingId}@equipole`] : []));
    expect(uids.sort()).toEqual(bookedIds.sort());
  });

  it('gets each email through exactly once when the server answers 451 before recovering', async () => {
    smtp = await startSmtp(port, { failFirst: 4 });
    const { id } = (await book(slot(4, 1, '09:00')).expect(201)).body;
    await t.http().post(`/api/bookings/${id}/approve`).set('Cookie', ownerCookie).send({}).expect(200);
    await until(async () => (await pendingOutbox()) === 0);
    const rows: { message_id: string; attempts: number }[] = await t.dataSource.query(
      `SELECT message_id, attempts FROM outbox WHERE payload->>'bookingId' = $1`, [id],
    );
    expect(rows).toHaveLength(3);
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).toBeGreaterThan(3);
    for (const row of rows) expect(smtp.received.filter((m) => m.messageId === row.message_id)).toHaveLength(1);
  });

  it('loses no email when SMTP is down during a burst of 20 bookings', async () => {
    const starts = Array.from({ length: 20 }, (_, i) => slot(5 + Math.floor(i / 5), 1 + (i % 5), '14:00'));
    const responses = await Promise.all(starts.map((start) => book(start)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = responses.map((r) => r.body.id as string);
    // Let the worker fail against the closed port a few times.
    await until(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE attempts > 0 AND status = 'pending'`))[0].n > 0);
    smtp = await startSmtp(port);
    await t.dataSource.query(`UPDATE outbox SET next_attempt_at = now() WHERE status = 'pending'`);
    await until(async () => (await pendingOutbox()) === 0, 30_000);
    const rows: { message_id: string; recipient: string }[] = await t.dataSource.query(
      `SELECT message_id, recipient FROM outbox WHERE payload->>'bookingId' = ANY($1)`, [ids],
    );
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(smtp.received.filter((m) => m.messageId === row.message_id && m.to.includes(row.recipient))).toHaveLength(1);
  });

  describe('scheduled jobs', () => {
    let jobs: ScheduledJobs;
    beforeAll(() => (jobs = t.app.get(ScheduledJobs)));
    const outboxFor = async (kind: string, recipient: string) =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = $1 AND recipient = $2`, [kind, recipient]))[0].n as number;

    it('keeps no timers in tests, which call the jobs directly', () => {
      expect(jobs.scheduled).toEqual([]);
      expect(t.config.jobs.enabled).toBe(false);
    });

    it('reminds the day before, once, and not someone who switched reminders off — whose decisions still arrive', async () => {
      const start = slot(6, 4, '09:00');
      const { id } = (await book(start).expect(201)).body;
      await t.http().post(`/api/bookings/${id}/approve`).set('Cookie', ownerCookie).send({}).expect(200);
      const dayBefore = start.minus({ hours: 20 }).toJSDate();
      expect(await jobs.sendReminders(dayBefore)).toMatchObject({ emails: 1 });
      expect(await jobs.sendReminders(dayBefore)).toMatchObject({ emails: 0 });
      expect(await outboxFor('booking_reminder', teacher.email)).toBe(1);
      const [reminder] = await t.dataSource.query(`SELECT subject, locale FROM outbox WHERE kind = 'booking_reminder' AND recipient = $1`, [teacher.email]);
      expect(reminder).toMatchObject({ locale: 'fr', subject: expect.stringMatching(/^Rappel : Tour CNC, .+ 09:00–10:00$/) });

      await t.http().put('/api/auth/me/notifications').set('Cookie', teacherCookie)
        .send({ equipmentActivity: true, reminders: false, digest: true, waitlist: true }).expect(200);
      const later = slot(6, 5, '09:00');
      const second = (await book(later).expect(201)).body.id;
      await t.http().post(`/api/bookings/${second}/approve`).set('Cookie', ownerCookie).send({}).expect(200);
      expect(await jobs.sendReminders(later.minus({ hours: 20 }).toJSDate())).toMatchObject({ emails: 0 });
      expect(await outboxFor('booking_reminder', teacher.email)).toBe(1);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'booking_confirmed' AND payload->>'bookingId' = $1`, [second]);
      expect(n).toBe(1);
      await t.http().put('/api/auth/me/notifications').set('Cookie', teacherCookie)
        .send({ equipmentActivity: true, reminders: true, digest: true, waitlist: true }).expect(200);
    });

    it('sends each manager one digest of pending requests a day, even when two instances run it at once', async () => {
      const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM job_runs WHERE job = 'digest'`);
      const at = now(ZONE).plus({ days: 1 }).set({ hour: 7, minute: 0 }).toJSDate();
      const [first, second] = await Promise.all([jobs.sendDigests(at), jobs.sendDigests(at)]);
      expect([first, second].filter((run) => run === null)).toHaveLength(1);
      expect(await jobs.sendDigests(at)).toMatchObject({ emails: 0 });
      expect(await outboxFor('pending_digest', managers.nl)).toBe(1);
      expect(await outboxFor('pending_digest', managers.en)).toBe(1);
      const [digest] = await t.dataSource.query(`SELECT subject, text_body FROM outbox WHERE kind = 'pending_digest' AND recipient = $1`, [managers.en]);
      expect(digest.subject).toMatch(/^\d+ requests waiting for Centre Escaut$/);
      expect(digest.text_body).toContain('• CNC lathe — Lycée du Beffroi — ');
      const runs = await t.dataSource.query(`SELECT result, finished_at FROM job_runs WHERE job = 'digest' ORDER BY id`);
      expect(runs).toHaveLength(before + 2);
      expect(runs[before].result).toMatchObject({ organisations: 1, emails: 2 });
    });

    it('expires unhandled requests and marks unrecorded sessions as no-shows, idempotently', async () => {
      const pending = (await book(slot(7, 1, '08:00')).expect(201)).body.id;
      const confirmed = (await book(slot(7, 2, '08:00')).expect(201)).body.id;
      await t.http().post(`/api/bookings/${confirmed}/approve`).set('Cookie', ownerCookie).send({}).expect(200);
      const muchLater = slot(8, 1, '08:00').toJSDate();
      expect((await jobs.expirePending(muchLater))!.expired).toBeGreaterThanOrEqual(1);
      expect(await jobs.expirePending(muchLater)).toEqual({ expired: 0 });
      expect((await jobs.markNoShows(muchLater))!.marked).toBeGreaterThanOrEqual(1);
      expect(await jobs.markNoShows(muchLater)).toEqual({ marked: 0 });
      const statuses = await t.dataSource.query(`SELECT id, status FROM bookings WHERE id = ANY($1) ORDER BY status`, [[pending, confirmed]]);
      expect(Object.fromEntries(statuses.map((s: { id: string; status: string }) => [s.id, s.status]))).toEqual({ [pending]: 'expired', [confirmed]: 'no_show' });
    });
  });
});
