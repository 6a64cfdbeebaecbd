import { DateTime } from 'luxon';
import { SessionsService } from '../src/sessions/sessions.service';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const ALWAYS_OPEN = {
  openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  slotMinutes: 30, minDurationMinutes: 30, maxDurationMinutes: 480, leadTimeMinutes: 0, horizonDays: 365,
  bufferBeforeMinutes: 0, bufferAfterMinutes: 0, approvalMode: 'automatic', quotaWeekMinutes: null, quotaMonthMinutes: null,
  accessPolicy: 'all', cancelCutoffHours: 0,
};

/** A local day some days ahead (or back), at an hour. */
const day = (days: number, hour: number) => now(ZONE).startOf('day').plus({ days }).set({ hour });

/**
 * Sessions: published on an item they block it like a booking; groups register within the seats
 * (the database refuses more), wait when it is full, move up when a group leaves; attendance
 * completes the item's booking so that the reports count its learner-hours.
 */
describe('sessions', () => {
  let t: TestApp;
  let host: string;
  let itemId: string;
  let siteId: string;
  let managerCookie: string;
  let teacherCookie: string;
  let coordinatorCookie: string;
  const schools: string[] = [];
  let school: string;

  const publish = (extra: Record<string, unknown> = {}) =>
    t.http().post('/api/sessions').set('Cookie', managerCookie).send({
      kind: 'occupation_discovery', organisationId: host, titleFr: 'Découverte du soudage', titleEn: 'Welding discovery day',
      siteId, seats: 20, start: day(10, 9).toISO(), end: day(10, 12).toISO(), registrationDeadline: day(8, 18).toISO(), ...extra,
    });
  const register = (sessionId: string, organisationId: string, pupils: number, cookie = teacherCookie) =>
    t.http().post(`/api/sessions/${sessionId}/registrations`).set('Cookie', cookie)
      .send({ organisationId, group: { pupils, trainers: 0 }, contact: { name: 'Mme Lemaire', email: 'lemaire@example.test' } });

  beforeAll(async () => {
    t = await startTestApp();
    host = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Lycée du Beffroi', kind: 'school', country: 'FR' });
    for (let i = 0; i < 50; i++) schools.push(await createOrganisation(t.dataSource, { name: `École ${i}`, kind: 'school' }));
    managerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[host, 'manager']] })).email);
    // One teacher belongs to every school: 50 registrations of 50 organisations by one signed-in person.
    teacherCookie = await signIn(t, (await createUser(t.dataSource, { locale: 'en', memberships: [[school, 'member'], ...schools.map((id) => [id, 'member'] as [string, 'member'])] })).email);
    coordinatorCookie = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    siteId = (await t.http().post(`/api/organisations/${host}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    itemId = (await t.http().post('/api/resources').set('Cookie', managerCookie)
      .send({ organisationId: host, siteId, kind: 'workshop', capacity: 30, nameFr: 'Atelier de soudure', rules: ALWAYS_OPEN }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('publishes a session on an item, which then blocks it for bookings through the same exclusion constraint, both ways', async () => {
    const session = (await publish({ resourceId: itemId, siteId: undefined, start: day(12, 9).toISO(), end: day(12, 12).toISO(), registrationDeadline: undefined }).expect(201)).body;
    expect(session).toMatchObject({ status: 'published', seats: 20, seatsTaken: 0, resource: { id: itemId }, site: { id: siteId }, canManage: true });
    expect(new Date(session.registrationDeadline).getTime()).toBe(day(12, 9).toMillis());

    const booking = await t.http().post('/api/bookings').set('Cookie', teacherCookie)
      .send({ resourceId: itemId, organisationId: school, purpose: 'course', start: day(12, 10).toISO(), end: day(12, 11).toISO() });
    expect(booking.status).toBe(409);
    expect(booking.body.code).toBe('SLOT_TAKEN');

    await t.http().post('/api/bookings').set('Cookie', teacherCookie)
      .send({ resourceId: itemId, organisationId: school, purpose: 'course', start: day(13, 10).toISO(), end: day(13, 11).toISO() }).expect(201);
    const clash = await publish({ resourceId: itemId, start: day(13, 9).toISO(), end: day(13, 12).toISO(), registrationDeadline: undefined, siteId: undefined }).expect(409);
    expect(clash.body.code).toBe('SLOT_TAKEN');

    // Public: visitors list it with the catalogue's filters.
    const listed = await t.http().get(`/api/sessions?resourceId=${itemId}`).expect(200);
    expect(listed.body.map((s: { id: string }) => s.id)).toEqual([session.id]);
    expect(listed.body[0]).toMatchObject({ canManage: false, myRegistrations: [] });
  });

  it('refuses bad input with translated 4xx, never a 500', async () => {
    const past = await publish({ start: day(-2, 9).toISO(), end: day(-2, 10).toISO(), registrationDeadline: undefined }).expect(400);
    expect(past.body.details[0]).toMatchObject({ field: 'start', message: 'La session doit commencer dans le futur.' });
    const late = await publish({ registrationDeadline: day(11, 9).toISO() }).expect(400);
    expect(late.body.details[0].field).toBe('registrationDeadline');
    await publish({ seats: 0 }).expect(400);
    await publish({ titleFr: null, titleEn: null }).expect(400);
    // Another organisation's item: not found.
    const other = await createOrganisation(t.dataSource, { name: 'Autre' });
    await t.http().post('/api/sessions').set('Cookie', teacherCookie).send({
      kind: 'demonstration', organisationId: other, titleFr: 'x', siteId, seats: 5, start: day(10, 9).toISO(), end: day(10, 10).toISO(),
    }).expect(404);
  });

  it('never allocates more seats than the session has under 50 concurrent registrations; the others wait', async () => {
    const session = (await publish().expect(201)).body;
    const responses = await Promise.all(schools.map((organisationId) => register(session.id, organisationId, 3)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const registered = responses.filter((r) => r.body.status === 'registered');
    expect(registered).toHaveLength(6);
    expect(responses.filter((r) => r.body.status === 'waitlisted')).toHaveLength(44);
    const [row] = await t.dataSource.query(
      `SELECT ts.seats_taken AS taken, (SELECT sum(seats)::int FROM session_registrations WHERE session_id = ts.id AND status = 'registered') AS sum
         FROM training_sessions ts WHERE id = $1`, [session.id],
    );
    expect(row).toEqual({ taken: 18, sum: 18 });

    // The database itself refuses over-allocation, whatever the code does.
    await expect(t.dataSource.query(`UPDATE session_registrations SET status = 'registered' WHERE session_id = $1 AND status = 'waitlisted'`, [session.id]))
      .rejects.toThrow(/training_sessions_seats_taken/);

    // A second group of the same organisation is refused; a group larger than the session too.
    expect((await register(session.id, schools[0], 1)).status).toBe(409);
    const big = await register(session.id, school, 21).expect(422);
    expect(big.body).toMatchObject({ code: 'SESSION_GROUP_TOO_LARGE', message: 'This group (21 people) is larger than the session’s seats (20).' });

    // A registered group leaves: the first waiting groups that fit move up, and hear of it.
    const leaving = registered[0].body;
    await t.http().delete(`/api/sessions/${session.id}/registrations/${leaving.id}`).set('Cookie', teacherCookie).expect(204);
    const after = (await t.http().get(`/api/sessions/${session.id}`).set('Cookie', managerCookie).expect(200)).body;
    expect(after).toMatchObject({ seatsTaken: 18, waitlisted: 43 });
    const firstWaiting = responses.filter((r) => r.body.status === 'waitlisted').map((r) => r.body).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
    const [promoted] = await t.dataSource.query('SELECT status FROM session_registrations WHERE id = $1', [firstWaiting.id]);
    expect(promoted.status).toBe('registered');
    const [email] = await t.dataSource.query(`SELECT subject FROM outbox WHERE event_key = $1`, [`session-promoted:${firstWaiting.id}`]);
    expect(email.subject).toMatch(/^Seats opened up: Welding discovery day/);

    // The host sees every group and its contact; the teacher's own view lists its live registrations.
    const list = (await t.http().get(`/api/sessions/${session.id}/registrations`).set('Cookie', managerCookie).expect(200)).body;
    expect(list).toHaveLength(49);
    await t.http().get(`/api/sessions/${session.id}/registrations`).set('Cookie', teacherCookie).expect(404);
  });

  it('keeps the audience, closes registration and cancellation at the deadline, and reminds registered groups once', async () => {
    const session = (await publish({ audienceKinds: ['school'], audienceBeneficiaries: ['pupils'], start: day(1, 9).plus({ hours: 10 }).toISO(), end: day(1, 9).plus({ hours: 11 }).toISO(), registrationDeadline: undefined }).expect(201)).body;
    const wrong = await t.http().post(`/api/sessions/${session.id}/registrations`).set('Cookie', teacherCookie)
      .send({ organisationId: school, group: { employees: 2 }, contact: { name: 'X', email: 'x@example.test' } }).expect(422);
    expect(wrong.body.code).toBe('AUDIENCE_MISMATCH');
    const registration = (await register(session.id, school, 4).expect(201)).body;
    expect(registration.status).toBe('registered');

    const service = t.app.get(SessionsService);
    const start = DateTime.fromISO(session.start);
    expect(await service.sendReminders(start.minus({ hours: 2 }).toJSDate())).toBe(1);
    expect(await service.sendReminders(start.minus({ hours: 1 }).toJSDate())).toBe(0);

    await t.dataSource.query(`UPDATE training_sessions SET registration_deadline = $2 WHERE id = $1`, [session.id, now().minus({ minutes: 1 }).toJSDate()]);
    const closed = await t.http().delete(`/api/sessions/${session.id}/registrations/${registration.id}`).set('Cookie', teacherCookie).expect(422);
    expect(closed.body.code).toBe('REGISTRATION_CLOSED');
    expect((await register(session.id, schools[1], 1)).body.code).toBe('REGISTRATION_CLOSED');
  });

  it('records attendance after the session: the item’s booking is completed and its learner-hours reach the reports', async () => {
    const session = (await publish({ resourceId: itemId, siteId: undefined, start: day(20, 9).toISO(), end: day(20, 12).toISO(), registrationDeadline: day(19, 9).toISO() }).expect(201)).body;
    const a = (await register(session.id, school, 8).expect(201)).body;
    const b = (await register(session.id, schools[2], 5).expect(201)).body;
    // Too early: the session has not started.
    await t.http().put(`/api/sessions/${session.id}/attendance`).set('Cookie', managerCookie).send({ registrations: [] }).expect(422);

    // Move it three days back (as if time had passed), with its booking; the item was on the platform
    // then (indicators 1.1 count no open time before an item's first day).
    const from = day(-3, 9).toJSDate();
    const to = day(-3, 12).toJSDate();
    await t.http().patch(`/api/resources/${itemId}`).set('Cookie', managerCookie)
      .send({ availableFrom: DateTime.fromJSDate(from, { zone: ZONE }).minus({ days: 7 }).toISODate() }).expect(200);
    await t.dataSource.query(`UPDATE training_sessions SET period = tstzrange($2, $3), registration_deadline = $2 WHERE id = $1`, [session.id, from, to]);
    await t.dataSource.query(`UPDATE bookings SET period = tstzrange($2, $3), blocked = tstzrange($2, $3) WHERE id = (SELECT booking_id FROM training_sessions WHERE id = $1)`, [session.id, from, to]);

    await t.http().put(`/api/sessions/${session.id}/attendance`).set('Cookie', teacherCookie).send({ registrations: [] }).expect(404);
    const held = await t.http().put(`/api/sessions/${session.id}/attendance`).set('Cookie', managerCookie).send({
      registrations: [{ registrationId: a.id, attended: { pupils: 7, trainers: 1 } }, { registrationId: b.id, attended: { pupils: 4 } }],
    }).expect(200);
    expect(held.body.status).toBe('held');
    const [booking] = await t.dataSource.query(
      'SELECT status, actual_pupils AS pupils, actual_trainers AS trainers FROM bookings WHERE id = (SELECT booking_id FROM training_sessions WHERE id = $1)', [session.id],
    );
    expect(booking).toEqual({ status: 'completed', pupils: 11, trainers: 1 });

    const dayIso = DateTime.fromJSDate(from, { zone: ZONE }).toISODate();
    const learners = (await t.http().get(`/api/reports/learners?from=${dayIso}&to=${dayIso}`).set('Cookie', coordinatorCookie).expect(200)).body;
    expect(learners.totals).toMatchObject({ pupils: 33, trainers: 3, total: 36 });
  });

  it('lets the host edit a published session: texts, audience, deadline and seats, never below the seats groups hold; more seats move waiting groups up', async () => {
    const session = (await publish({ seats: 6, start: day(30, 9).toISO(), end: day(30, 12).toISO(), registrationDeadline: day(29, 9).toISO() }).expect(201)).body;
    await register(session.id, schools[10], 5).expect(201);
    const waiting = (await register(session.id, schools[11], 3).expect(201)).body;
    expect(waiting.status).toBe('waitlisted');

    const below = await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', managerCookie).set('Accept-Language', 'en').send({ seats: 4 }).expect(400);
    expect(below.body.details).toEqual([expect.objectContaining({ field: 'seats', constraint: 'seatsBelowTaken' })]);
    const late = await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', managerCookie).send({ registrationDeadline: day(31, 9).toISO() }).expect(400);
    expect(late.body.details).toEqual([expect.objectContaining({ field: 'registrationDeadline', constraint: 'deadlineAfterStart', message: 'La date limite d’inscription doit précéder le début.' })]);
    const untitled = await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', managerCookie).send({ titleFr: ' ', titleEn: null }).expect(400);
    expect(untitled.body.details).toEqual([expect.objectContaining({ field: 'titleFr' })]);
    await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', managerCookie).send({ start: day(31, 9).toISO() }).expect(400);
    await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', managerCookie).send({ seats: 0 }).expect(400);
    await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', teacherCookie).send({ seats: 10 }).expect(404);

    const edited = (await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', managerCookie).send({
      titleFr: 'Soudage pour débutants', descriptionFr: 'Avec un formateur', seats: 8, audienceKinds: ['school'],
    }).expect(200)).body;
    expect(edited).toMatchObject({ titles: { fr: 'Soudage pour débutants', en: 'Welding discovery day' }, descriptions: { fr: 'Avec un formateur' }, seats: 8, seatsTaken: 8, audienceKinds: ['school'] });
    const promoted = (await t.http().get(`/api/sessions/${session.id}/registrations`).set('Cookie', managerCookie).expect(200)).body;
    expect(promoted.find((r: { id: string }) => r.id === waiting.id).status).toBe('registered');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM outbox WHERE event_key = $1`, [`session-promoted:${waiting.id}`]);
    expect(count).toBe(1);

    await t.http().post(`/api/sessions/${session.id}/cancel`).set('Cookie', managerCookie).expect(200);
    await t.http().patch(`/api/sessions/${session.id}`).set('Cookie', managerCookie).send({ seats: 9 }).expect(409);
  });
});
