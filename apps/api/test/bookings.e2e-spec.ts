import fc from 'fast-check';
import { DateTime } from 'luxon';
import { checkBookingRules, DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { BookingLifecycleService } from '../src/bookings/booking-lifecycle.service';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now, nowMs } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const RULES = {
  ...DEFAULT_BOOKING_RULES,
  slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 240, leadTimeMinutes: 60, horizonDays: 730,
  bufferBeforeMinutes: 0, bufferAfterMinutes: 15, approvalMode: 'owner', quotaWeekMinutes: null, quotaMonthMinutes: null,
  accessPolicy: 'all', cancelCutoffHours: 24, allowedOrganisationIds: [],
};

/** A local day some weeks ahead on the given ISO weekday. */
function day(weekday: number, weeksAhead = 2): DateTime {
  let d = now(ZONE).startOf('day').plus({ weeks: weeksAhead });
  while (d.weekday !== weekday) d = d.plus({ days: 1 });
  return d;
}
/** The last Sunday of `month` in the first year where the Tuesday twelve days before it is still two days ahead. */
function nextLastSunday(month: number): DateTime {
  for (let year = now(ZONE).year; ; year++) {
    let sunday = DateTime.fromObject({ year, month }, { zone: ZONE }).endOf('month').startOf('day');
    while (sunday.weekday !== 7) sunday = sunday.minus({ days: 1 });
    if (sunday.minus({ days: 12 }) > now(ZONE).plus({ days: 2 })) return sunday;
  }
}
const at = (d: DateTime, time: string) => {
  const [hour, minute] = time.split(':').map(Number);
  return d.set({ hour, minute }).toISO()!;
};

describe('booking engine', () => {
  let t: TestApp;
  let owner: string;
  let school: string;
  let ownerCookie: string;
  let teacher: { id: string; email: string };
  let teacherCookie: string;
  let resourceId: string;
  let siteId: string;

  const book = (body: Record<string, unknown>, cookie = teacherCookie) =>
    t.http().post('/api/bookings').set('Cookie', cookie).send({ resourceId, organisationId: school, purpose: 'course', ...body });
  const newResource = async (rules: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    (await t.http().post('/api/resources').set('Cookie', ownerCookie)
      .send({ organisationId: owner, siteId, kind: 'machine', capacity: 8, nameFr: `Machine ${Math.random()}`, rules: { ...RULES, ...rules }, ...extra }).expect(201)).body.id as string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Lycée du Beffroi', country: 'FR' });
    ownerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[owner, 'manager']] })).email);
    teacher = await createUser(t.dataSource, { name: 'Nadia', memberships: [[school, 'member']] });
    teacherCookie = await signIn(t, teacher.email);
    siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', ownerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    resourceId = await newResource();
  });
  afterAll(() => t.close());

  it('takes a request pending owner approval, which the owner approves, with an audit trail', async () => {
    const tuesday = day(2);
    const created = await book({ start: at(tuesday, '08:00'), end: at(tuesday, '10:00'), participants: { pupils: 6, trainers: 1 } }).expect(201);
    expect(created.body).toMatchObject({ status: 'pending', organisation: { name: 'Lycée du Beffroi' }, expected: { pupils: 6, trainers: 1 } });
    expect((await t.http().get(`/api/bookings/${created.body.id}`).set('Cookie', teacherCookie).expect(200)).body).toEqual(created.body);
    await t.http().post(`/api/bookings/${created.body.id}/approve`).set('Cookie', teacherCookie).send({}).expect(403);
    const approved = await t.http().post(`/api/bookings/${created.body.id}/approve`).set('Cookie', ownerCookie).send({}).expect(200);
    expect(approved.body.status).toBe('confirmed');
    const events = await t.http().get(`/api/bookings/${created.body.id}/events`).set('Cookie', ownerCookie).expect(200);
    expect(events.body.map((e: { action: string }) => e.action)).toEqual(['created', 'approved']);
    await expect(t.dataSource.query('DELETE FROM booking_events')).rejects.toThrow(/append-only/);
  });

  it('answers a new booking as it reads back, trainer and occupation included, and refuses a trainer from elsewhere', async () => {
    const monday = day(1, 9);
    const trainer = await createUser(t.dataSource, { name: 'Karim', memberships: [[school, 'member']] });
    const outsider = await createUser(t.dataSource, { memberships: [[owner, 'member']] });
    const [occupation] = await t.dataSource.query('SELECT id, code FROM occupations ORDER BY code LIMIT 1');
    const request = { start: at(monday, '13:00'), end: at(monday, '15:00'), occupationId: occupation.id, notes: '  Groupe B  ', participants: { apprentices: 4, trainers: 1 } };
    const created = await book({ ...request, trainerId: trainer.id }).expect(201);
    expect(created.body).toMatchObject({
      trainer: { id: trainer.id, name: 'Karim' }, occupation: { id: occupation.id, code: occupation.code }, notes: 'Groupe B',
      expected: { pupils: 0, apprentices: 4, jobSeekers: 0, trainers: 1, employees: 0 }, actual: null, seriesId: null,
    });
    expect((await t.http().get(`/api/bookings/${created.body.id}`).set('Cookie', teacherCookie).expect(200)).body).toEqual(created.body);
    const refused = await book({ ...request, start: at(monday, '08:00'), end: at(monday, '10:00'), trainerId: outsider.id }).expect(422);
    expect(refused.body).toMatchObject({ code: 'REFERENCE_INVALID', details: { field: 'trainerId' } });
  });

  it('refuses an overlap, cleaning buffer included, naming the slot that is taken', async () => {
    const wednesday = day(3);
    await book({ start: at(wednesday, '09:00'), end: at(wednesday, '10:00') }).expect(201);
    const refused = await book({ start: at(wednesday, '10:00'), end: at(wednesday, '11:00') }).expect(409);
    expect(refused.body.code).toBe('SLOT_TAKEN');
    // Only the clean-up time after 10:00 is in the way: the message says so.
    expect(refused.body.message).toMatch(/^Ce créneau est déjà pris \(.+ 09:00–10:00\) : le temps de préparation et de remise en état autour de cette réservation le bloque aussi\.$/);
    const overlapping = await book({ start: at(wednesday, '09:30'), end: at(wednesday, '10:30') }).expect(409);
    expect(overlapping.body.message).toMatch(/^Ce créneau est déjà pris \(.+ 09:00–10:00\)\.$/);
    await book({ start: at(wednesday, '10:30'), end: at(wednesday, '11:30') }).expect(201);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM booking_refusals WHERE resource_id = $1`, [resourceId]);
    expect(n).toBe(2);
  });

  it('says a day is closed, a time is past, and durations in hours, in plain words', async () => {
    const sunday = day(7, 3);
    const closed = await book({ start: at(sunday, '08:00'), end: at(sunday, '10:00') }).expect(422);
    expect(closed.body.message).toBe('En dehors des heures d’ouverture : l’équipement est fermé le dimanche.');
    const yesterday = now(ZONE).minus({ days: 1 }).startOf('day');
    const past = await book({ start: at(yesterday, '08:00'), end: at(yesterday, '10:00') }).expect(422);
    expect(past.body).toMatchObject({ code: 'START_IN_PAST', message: 'Ce créneau est déjà commencé ou passé : choisissez un moment à venir.' });
    const short = await book({ start: at(day(2, 3), '08:00'), end: at(day(2, 3), '08:30') }).expect(422);
    expect(short.body.message).toBe('La durée minimale est de 1 h.');
  });

  it('finds my bookings by words of the equipment, the organisations or the notes, accents and case ignored', async () => {
    const friday = day(5, 4);
    const { id } = (await book({ start: at(friday, '08:00'), end: at(friday, '09:00'), notes: 'Séance d’ÉLECTRICITÉ, groupe Zèbre' }).expect(201)).body;
    const found = await t.http().get('/api/bookings').query({ q: 'electricite zebre' }).set('Cookie', teacherCookie).expect(200);
    expect(found.body.items.map((b: { id: string }) => b.id)).toEqual([id]);
    expect((await t.http().get('/api/bookings').query({ q: 'beffroi zebre' }).set('Cookie', teacherCookie).expect(200)).body.total).toBe(1);
    expect((await t.http().get('/api/bookings').query({ q: 'zebre girafe' }).set('Cookie', teacherCookie).expect(200)).body.total).toBe(0);
  });

  it('orders the list as asked (start, equipment, organisation, status) and refuses an unknown order', async () => {
    const friday = day(5, 5);
    const early = (await book({ start: at(friday, '08:00'), end: at(friday, '09:00'), notes: 'Ordre girafe' }).expect(201)).body.id;
    const late = (await book({ start: at(friday, '10:00'), end: at(friday, '11:00'), notes: 'Ordre girafe' }).expect(201)).body.id;
    const ids = async (sort?: string) =>
      (await t.http().get('/api/bookings').query({ q: 'girafe', ...(sort ? { sort } : {}) }).set('Cookie', teacherCookie).expect(200)).body.items.map((b: { id: string }) => b.id);
    expect(await ids()).toEqual([late, early]);
    expect(await ids('start')).toEqual([early, late]);
    expect(await ids('-start')).toEqual([late, early]);
    expect(await ids('equipment')).toEqual([early, late]);
    expect(await ids('-status')).toEqual([late, early]);
    await t.http().get('/api/bookings').query({ sort: 'lower(b.period); DROP TABLE bookings' }).set('Cookie', teacherCookie).expect(400);
  });

  it('lets exactly one of 50 concurrent requests for one slot through', async () => {
    const thursday = day(4);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => book({ start: at(thursday, '13:00'), end: at(thursday, '15:00') })),
    );
    const statuses = responses.map((r) => r.status);
    const odd = responses.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body);
    expect(odd).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'SLOT_TAKEN')).toBe(true);
  });

  it.each([
    [{ start: '11:00', end: '14:00' }, 'OUTSIDE_OPENING_HOURS', /le mardi, l’équipement est ouvert 08:00–12:00 et 13:00–17:00/],
    [{ start: '08:15', end: '09:15' }, 'OFF_SLOT_GRID', /30 min/],
    [{ start: '08:00', end: '08:30' }, 'DURATION_TOO_SHORT', /1 h/],
    [{ start: '08:00', end: '12:00', participants: { pupils: 9 } }, 'CAPACITY_EXCEEDED', /8 personnes/],
  ])('refuses %j with %s and a clear message', async (slot, code, message) => {
    const tuesday = day(2, 3);
    const { start, end, ...rest } = slot as { start: string; end: string };
    const response = await book({ start: at(tuesday, start), end: at(tuesday, end), ...rest }).expect(422);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toMatch(message);
  });

  it('requires the credential of the booker or trainer, valid until the end of the booking', async () => {
    const credential = (await t.http().post(`/api/organisations/${owner}/credentials`).set('Cookie', ownerCookie).send({ nameFr: 'Habilitation CNC' }).expect(201)).body;
    const guarded = await newResource({}, { requiredCredentialId: credential.id });
    const friday = day(5);
    const refused = await book({ resourceId: guarded, start: at(friday, '08:00'), end: at(friday, '09:00') }).expect(422);
    expect(refused.body.code).toBe('CREDENTIAL_REQUIRED');
    expect(refused.body.message).toContain('« Habilitation CNC »');
    await t.http().post(`/api/credentials/${credential.id}/grants`).set('Cookie', ownerCookie).send({ email: teacher.email, expiresOn: friday.minus({ days: 1 }).toISODate() }).expect(201);
    await book({ resourceId: guarded, start: at(friday, '08:00'), end: at(friday, '09:00') }).expect(422);
    await t.http().post(`/api/credentials/${credential.id}/grants`).set('Cookie', ownerCookie).send({ email: teacher.email, expiresOn: friday.toISODate() }).expect(201);
    await book({ resourceId: guarded, start: at(friday, '08:00'), end: at(friday, '09:00') }).expect(201);
  });

  it('counts the weekly quota per booking organisation', async () => {
    const limited = await newResource({ quotaWeekMinutes: 180, approvalMode: 'automatic' });
    const monday = day(1, 4);
    await book({ resourceId: limited, start: at(monday, '08:00'), end: at(monday, '10:00') }).expect(201);
    const over = await book({ resourceId: limited, start: at(monday.plus({ days: 1 }), '08:00'), end: at(monday.plus({ days: 1 }), '10:00') }).expect(422);
    expect(over.body.code).toBe('QUOTA_EXCEEDED');
    expect(over.body.message).toBe('Quota dépassé : 2 h sur 3 h déjà réservées par votre organisation cette semaine.');
    await book({ resourceId: limited, start: at(monday.plus({ days: 1 }), '08:00'), end: at(monday.plus({ days: 1 }), '09:00') }).expect(201);
  });

  it('books a term-long series every Tuesday at 08:30 local across the last Sunday of March and of October', async () => {
    const seriesResource = await newResource({ approvalMode: 'automatic' });
    const spring = nextLastSunday(3);
    const response = await t.http().post('/api/bookings/series').set('Cookie', teacherCookie).send({
      resourceId: seriesResource, organisationId: school, purpose: 'course', weekdays: [2], startTime: '08:30', endTime: '12:00',
      startsOn: spring.minus({ days: 12 }).toISODate(), endsOn: spring.plus({ days: 9 }).toISODate(), mode: 'all_or_nothing',
    }).expect(201);
    expect(response.body.booked).toBe(4);
    const utcHours = response.body.occurrences.map((o: { start: string }) => new Date(o.start).getUTCHours());
    expect(utcHours).toEqual([7, 7, 6, 6]);
    const october = nextLastSunday(10);
    const autumn = await t.http().post('/api/bookings/series').set('Cookie', teacherCookie).send({
      resourceId: seriesResource, organisationId: school, purpose: 'course', weekdays: [2], startTime: '08:30', endTime: '12:00',
      startsOn: october.minus({ days: 12 }).toISODate(), endsOn: october.plus({ days: 2 }).toISODate(), mode: 'all_or_nothing',
    }).expect(201);
    expect(autumn.body.occurrences.map((o: { start: string }) => DateTime.fromISO(o.start).setZone(ZONE).toFormat('HH:mm'))).toEqual(['08:30', '08:30', '08:30']);
    expect(autumn.body.occurrences.map((o: { start: string }) => new Date(o.start).getUTCHours())).toEqual([6, 6, 7]);
  });

  it('books 02:30–03:30 for one real hour on both nights clocks change: forward by the gap in spring, the first 02:30 in autumn', async () => {
    const nightly = await newResource({
      approvalMode: 'automatic', quotaWeekMinutes: 60, openingHours: [{ weekday: 7, start: '00:00', end: '24:00' }],
    });
    const sunday = async (lastSunday: DateTime) => {
      const response = await t.http().post('/api/bookings/series').set('Cookie', teacherCookie).send({
        resourceId: nightly, organisationId: school, purpose: 'course', weekdays: [7], startTime: '02:30', endTime: '03:30',
        startsOn: lastSunday.minus({ days: 7 }).toISODate(), endsOn: lastSunday.plus({ days: 7 }).toISODate(), mode: 'all_or_nothing',
      }).expect(201);
      expect(response.body.booked).toBe(3);
      return response.body.occurrences.map((o: { start: string; end: string }) => ({
        local: DateTime.fromISO(o.start).setZone(ZONE).toFormat('HH:mm'),
        hours: (Date.parse(o.end) - Date.parse(o.start)) / 3_600_000,
      }));
    };
    // A one-hour weekly quota: a date counted as two hours would have been refused.
    expect(await sunday(nextLastSunday(3))).toEqual([{ local: '02:30', hours: 1 }, { local: '03:30', hours: 1 }, { local: '02:30', hours: 1 }]);
    const autumn = await sunday(nextLastSunday(10));
    expect(autumn).toEqual([{ local: '02:30', hours: 1 }, { local: '02:30', hours: 1 }, { local: '02:30', hours: 1 }]);
    const [{ offset }] = await t.dataSource.query(
      `SELECT to_char(lower(period) AT TIME ZONE 'UTC', 'HH24:MI') AS offset FROM bookings WHERE resource_id = $1 AND lower(period) > $2 ORDER BY lower(period) LIMIT 1`,
      [nightly, nextLastSunday(10).minus({ days: 1 }).toJSDate()],
    );
    expect(offset).toBe('00:30'); // 02:30 in summer time, the first of the two
  });

  it('skips conflicting dates of a series with a per-date report, or books none of them', async () => {
    const seriesResource = await newResource({ approvalMode: 'automatic' });
    const tuesday = day(2, 5);
    await book({ resourceId: seriesResource, start: at(tuesday.plus({ weeks: 1 }), '09:00'), end: at(tuesday.plus({ weeks: 1 }), '10:00') }).expect(201);
    const series = {
      resourceId: seriesResource, organisationId: school, purpose: 'course', weekdays: [2], startTime: '08:30', endTime: '12:00',
      startsOn: tuesday.toISODate(), endsOn: tuesday.plus({ weeks: 3 }).toISODate(),
    };
    const none = await t.http().post('/api/bookings/series').set('Cookie', teacherCookie).send({ ...series, mode: 'all_or_nothing' }).expect(409);
    expect(none.body).toMatchObject({ code: 'SERIES_CONFLICTS', message: 'La série n’a pas été réservée : 1 date pose problème.' });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM bookings WHERE resource_id = $1`, [seriesResource]);
    expect(n).toBe(1);

    const some = await t.http().post('/api/bookings/series').set('Cookie', teacherCookie).send({ ...series, mode: 'skip_conflicts' }).expect(201);
    expect(some.body).toMatchObject({ booked: 3, skipped: 1 });
    const skipped = some.body.occurrences.find((o: { outcome: string }) => o.outcome === 'skipped');
    expect(skipped).toMatchObject({ date: tuesday.plus({ weeks: 1 }).toISODate(), code: 'SLOT_TAKEN' });
    expect(skipped.message).toContain('09:00–10:00');

    const first = some.body.occurrences.find((o: { outcome: string }) => o.outcome === 'booked');
    const cancelled = await t.http().post(`/api/bookings/${first.bookingId}/cancel-series`).set('Cookie', teacherCookie).send({}).expect(200);
    expect(cancelled.body.cancelled).toBe(3);
  });

  it('cancels and reschedules with every rule checked again', async () => {
    const wednesday = day(3, 6);
    const a = (await book({ start: at(wednesday, '08:00'), end: at(wednesday, '10:00') }).expect(201)).body;
    const b = (await book({ start: at(wednesday, '13:00'), end: at(wednesday, '15:00') }).expect(201)).body;
    const moved = await t.http().post(`/api/bookings/${a.id}/reschedule`).set('Cookie', teacherCookie).send({ start: at(wednesday, '09:00'), end: at(wednesday, '11:00') }).expect(200);
    expect(DateTime.fromISO(moved.body.start).setZone(ZONE).toFormat('HH:mm')).toBe('09:00');
    await t.http().post(`/api/bookings/${a.id}/reschedule`).set('Cookie', teacherCookie).send({ start: at(wednesday, '14:00'), end: at(wednesday, '16:00') }).expect(409);
    await t.http().post(`/api/bookings/${b.id}/cancel`).set('Cookie', ownerCookie).send({}).expect(400);
    const cancelled = await t.http().post(`/api/bookings/${b.id}/cancel`).set('Cookie', ownerCookie).send({ reason: 'Panne de la machine' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Panne de la machine' });
    await t.http().post(`/api/bookings/${b.id}/cancel`).set('Cookie', teacherCookie).send({}).expect(409);
  });

  it('records attendance and no-shows, and expires requests nobody handled', async () => {
    const past = now(ZONE).minus({ days: 2 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    const insert = async (status: string, hours: number) => {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose)
         VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), $6, 'course') RETURNING id`,
        [resourceId, school, teacher.id, past.plus({ hours }).toISO(), past.plus({ hours: hours + 1 }).toISO(), status],
      );
      return id as string;
    };
    const attended = await insert('confirmed', 0);
    const absent = await insert('confirmed', 2);
    const forgotten = await insert('pending', 4);
    const recorded = await t.http().post(`/api/bookings/${attended}/attendance`).set('Cookie', teacherCookie)
      .send({ actualStart: past.toISO(), actualEnd: past.plus({ minutes: 50 }).toISO(), participants: { pupils: 5, trainers: 1 } }).expect(200);
    expect(recorded.body).toMatchObject({ status: 'completed', actual: { pupils: 5, trainers: 1, apprentices: 0 } });
    await t.http().post(`/api/bookings/${absent}/no-show`).set('Cookie', teacherCookie).expect(403);
    expect((await t.http().post(`/api/bookings/${absent}/no-show`).set('Cookie', ownerCookie).expect(200)).body.status).toBe('no_show');
    expect(await t.app.get(BookingLifecycleService).expireStale()).toBeGreaterThanOrEqual(1);
    expect((await t.http().get(`/api/bookings/${forgotten}`).set('Cookie', teacherCookie).expect(200)).body.status).toBe('expired');
  });

  it('shows free time and hides who booked from others', async () => {
    const friday = day(5, 7);
    await book({ start: at(friday, '08:00'), end: at(friday, '10:00') }).expect(201);
    const availability = await t.http().get(`/api/resources/${resourceId}/availability`).query({ from: at(friday, '00:00'), to: at(friday.plus({ days: 1 }), '00:00') }).expect(200);
    const local = (iso: string) => DateTime.fromISO(iso).setZone(ZONE).toFormat('HH:mm');
    expect(availability.body.free.map((s: { start: string; end: string }) => `${local(s.start)}-${local(s.end)}`)).toEqual(['10:15-12:00', '13:00-17:00']);
    const anonymous = await t.http().get(`/api/resources/${resourceId}/calendar`).query({ from: at(friday, '00:00'), to: at(friday.plus({ days: 1 }), '00:00') }).expect(200);
    expect(anonymous.body).toEqual([expect.objectContaining({ id: null, organisationName: null, mine: false })]);
    const own = await t.http().get(`/api/resources/${resourceId}/calendar`).set('Cookie', teacherCookie).query({ from: at(friday, '00:00'), to: at(friday.plus({ days: 1 }), '00:00') }).expect(200);
    expect(own.body[0]).toMatchObject({ mine: true, organisationName: 'Lycée du Beffroi' });
    const inbox = await t.http().get('/api/bookings').query({ scope: 'inbox' }).set('Cookie', ownerCookie).expect(200);
    expect(inbox.body.items.every((b: { status: string }) => b.status === 'pending')).toBe(true);
  });

  it('offers a freed slot to the earliest waiting request that still fits', async () => {
    const monday = day(1, 8);
    const slot = { start: at(monday, '08:00'), end: at(monday, '10:00') };
    const taken = (await book(slot).expect(201)).body;
    const otherSchool = await createOrganisation(t.dataSource, { name: 'Athénée des Collines' });
    const first = await signIn(t, (await createUser(t.dataSource, { memberships: [[otherSchool, 'member']] })).email);
    const second = await signIn(t, (await createUser(t.dataSource, { memberships: [[otherSchool, 'member']] })).email);
    const waiting = { resourceId, organisationId: otherSchool, purpose: 'occupation_discovery', ...slot };
    const entry = (await t.http().post('/api/waitlist').set('Cookie', first).send(waiting).expect(201)).body;
    await t.http().post('/api/waitlist').set('Cookie', second).send(waiting).expect(201);

    await t.http().post(`/api/bookings/${taken.id}/cancel`).set('Cookie', teacherCookie).send({}).expect(200);
    const mine = (await t.http().get('/api/waitlist').set('Cookie', first).expect(200)).body;
    expect(mine).toEqual([expect.objectContaining({ id: entry.id, status: 'offered', bookingId: expect.any(String), resourceNames: expect.objectContaining({ fr: expect.any(String) }) })]);
    const offered = await t.http().get(`/api/bookings/${mine[0].bookingId}`).set('Cookie', first).expect(200);
    expect(offered.body).toMatchObject({ status: 'pending', organisation: { name: 'Athénée des Collines' }, purpose: 'occupation_discovery' });
    expect((await t.http().get('/api/waitlist').set('Cookie', second).expect(200)).body[0].status).toBe('waiting');
  });

  it('never holds an overlap and only accepts bookings that obey the rules, whatever the sequence', async () => {
    const arena = await newResource({ approvalMode: 'automatic', bufferAfterMinutes: 30 });
    const monday = day(1, 10);
    const slot = fc.record({ day: fc.integer({ min: 0, max: 1 }), start: fc.integer({ min: 14, max: 36 }), length: fc.integer({ min: 1, max: 8 }) });
    const command = fc.oneof(
      slot.map((s) => ({ kind: 'create' as const, ...s })),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), pick: fc.nat() }).chain((c) => slot.map((s) => ({ ...c, ...s }))),
    );
    const period = (s: { day: number; start: number; length: number }) => {
      const start = monday.plus({ days: s.day, minutes: s.start * 30 });
      return { start: start.toISO()!, end: start.plus({ minutes: s.length * 30 }).toISO()! };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        await t.dataSource.query(`UPDATE bookings SET status = 'cancelled' WHERE resource_id = $1 AND status IN ('pending', 'confirmed')`, [arena]);
        const accepted: string[] = [];
        for (const c of commands) {
          if (c.kind === 'create') {
            const response = await book({ resourceId: arena, ...period(c) });
            expect([201, 409, 422]).toContain(response.status);
            if (response.status === 201) accepted.push(response.body.id);
          } else if (accepted.length > 0) {
            const id = accepted[c.pick % accepted.length];
            const response = c.kind === 'cancel'
              ? await t.http().post(`/api/bookings/${id}/cancel`).set('Cookie', teacherCookie).send({})
              : await t.http().post(`/api/bookings/${id}/reschedule`).set('Cookie', teacherCookie).send(period(c as never));
            expect([200, 409, 422]).toContain(response.status);
          }
        }
        const [{ overlaps }] = await t.dataSource.query(
          `SELECT count(*)::int AS overlaps FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND a.id < b.id
            WHERE a.resource_id = $1 AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed') AND a.blocked && b.blocked`,
          [arena],
        );
        expect(overlaps).toBe(0);
        const held: { start: Date; end: Date }[] = await t.dataSource.query(
          `SELECT lower(period) AS start, upper(period) AS "end" FROM bookings WHERE resource_id = $1 AND status IN ('pending', 'confirmed')`,
          [arena],
        );
        for (const b of held) {
          const violation = checkBookingRules({
            now: nowMs() - 3_600_000, period: { start: b.start.getTime(), end: b.end.getTime() }, zone: ZONE,
            rules: { ...RULES, openingHours: DEFAULT_BOOKING_RULES.openingHours }, status: 'active', capacity: 8, participants: 0, closures: [],
          });
          expect(violation).toBeUndefined();
        }
      }),
      { numRuns: 12 },
    );
  });
});
