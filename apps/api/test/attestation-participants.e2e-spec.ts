import { DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { DateTime } from 'luxon';
import { ScheduledJobs } from '../src/jobs/scheduled-jobs.service';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The participants' names a teacher types for the attestation of a completed booking: only the booking
 * organisation's members write them, they are printed on the attestation, and the retention job deletes
 * them RETENTION_PARTICIPANT_NAMES_MONTHS (here 6) after the booking ends.
 */
describe('participants’ names on attestations', () => {
  let t: TestApp;
  let owner: string;
  let school: string;
  let resourceId: string;
  let teacher: { id: string; cookie: string };
  let managerCookie: string;
  let outsiderCookie: string;

  const booking = async (endedMonthsAgo: number, status = 'completed'): Promise<string> => {
    const end = DateTime.fromMillis(t.clock.nowMs()).minus({ months: endedMonthsAgo }).startOf('hour');
    const start = end.minus({ hours: 3 });
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, actual_start, actual_end, actual_pupils)
       VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), $6, 'course', CASE WHEN $6 = 'completed' THEN $4::timestamptz END,
               CASE WHEN $6 = 'completed' THEN $5::timestamptz END, CASE WHEN $6 = 'completed' THEN 2 END) RETURNING id`,
      [resourceId, school, teacher.id, start.toJSDate(), end.toJSDate(), status],
    );
    return id;
  };
  const setNames = (cookie: string, id: string, names: unknown) => t.http().put(`/api/bookings/${id}/participant-names`).set('Cookie', cookie).send({ names });

  beforeAll(async () => {
    t = await startTestApp({ RETENTION_PARTICIPANT_NAMES_MONTHS: '6' });
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Athénée des Collines' });
    managerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[owner, 'manager']] })).email);
    const user = await createUser(t.dataSource, { locale: 'en', memberships: [[school, 'member']] });
    teacher = { id: user.id, cookie: await signIn(t, user.email) };
    outsiderCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[await createOrganisation(t.dataSource, { name: 'Autre école' }), 'member']] })).email);
    const siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    resourceId = (await t.http().post('/api/resources').set('Cookie', managerCookie)
      .send({ organisationId: owner, siteId, kind: 'machine', capacity: 8, nameFr: 'Presse plieuse', rules: { ...DEFAULT_BOOKING_RULES, accessPolicy: 'all', allowedOrganisationIds: [] } }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('lets the booking organisation’s members type the names of a completed booking, and nobody else', async () => {
    const id = await booking(1);
    const saved = await setNames(teacher.cookie, id, ['  Lucas Martin ', '', 'Emma Peeters']).expect(200);
    expect(saved.body).toEqual({ participantNames: ['Lucas Martin', 'Emma Peeters'] });
    expect((await t.http().get(`/api/bookings/${id}`).set('Cookie', teacher.cookie).expect(200)).body.participantNames).toEqual(['Lucas Martin', 'Emma Peeters']);
    // The item's managers read them (on the attestation) but do not write them; others learn nothing of the booking.
    await setNames(managerCookie, id, ['X']).expect(403);
    await setNames(outsiderCookie, id, ['X']).expect(404);
    const invalid = await setNames(teacher.cookie, id, [12]).expect(400);
    expect(invalid.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'names', message: 'Must be text.' })]));
    await setNames(teacher.cookie, id, Array.from({ length: 201 }, (_, i) => `Élève ${i}`)).expect(400);
    const [{ names }] = await t.dataSource.query('SELECT participant_names AS names FROM bookings WHERE id = $1', [id]);
    expect(names).toEqual(['Lucas Martin', 'Emma Peeters']);
    // The attestation is given with them (attestation-pdf.spec.ts checks that they are printed).
    const pdf = await t.http().get(`/api/bookings/${id}/attestation.pdf`).set('Cookie', teacher.cookie).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // An empty list deletes them.
    expect((await setNames(teacher.cookie, id, []).expect(200)).body).toEqual({ participantNames: null });
    const [row] = await t.dataSource.query('SELECT participant_names, participant_names_at FROM bookings WHERE id = $1', [id]);
    expect(row).toEqual({ participant_names: null, participant_names_at: null });
  });

  it('refuses names for a booking not completed, with a translated 409', async () => {
    const id = await booking(1, 'confirmed');
    const refused = await setNames(teacher.cookie, id, ['Lucas Martin']).expect(409);
    expect(refused.body.code).toBe('INVALID_TRANSITION');
    expect(refused.body.message).toMatch(/confirmed/i);
  });

  it('deletes the names RETENTION_PARTICIPANT_NAMES_MONTHS after the booking ends, in the retention job, and keeps the rest of the booking', async () => {
    const old = await booking(7);
    const recent = await booking(5);
    for (const id of [old, recent]) await setNames(teacher.cookie, id, ['Lucas Martin']).expect(200);
    const result = await t.app.get(ScheduledJobs).applyRetention(t.clock.now());
    expect(result).toMatchObject({ participantNames: 1 });
    const rows = await t.dataSource.query('SELECT id, participant_names AS names, actual_pupils AS pupils FROM bookings WHERE id = ANY($1::uuid[])', [[old, recent]]);
    expect(rows.find((r: { id: string }) => r.id === old)).toEqual({ id: old, names: null, pupils: 2 });
    expect(rows.find((r: { id: string }) => r.id === recent)).toEqual({ id: recent, names: ['Lucas Martin'], pupils: 2 });
    // Run again: nothing more to delete.
    expect(await t.app.get(ScheduledJobs).applyRetention(t.clock.now())).toMatchObject({ participantNames: 0 });
  });
});
