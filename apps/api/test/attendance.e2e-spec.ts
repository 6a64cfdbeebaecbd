import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Attendance feeds the reports (used hours, learner-hours): only those who vouch for a session may
 * write it, and every write, overwrites included, is in the audit log with what it replaced.
 */
describe('recording attendance', () => {
  let t: TestApp;
  let owner: string;
  let school: string;
  let resourceId: string;
  const people: Record<'ownerManager' | 'ownerMember' | 'booker' | 'trainer' | 'colleague' | 'schoolManager' | 'coordinator' | 'outsider', { id: string; cookie: string }> = {} as never;

  const past = now('Europe/Brussels').minus({ days: 2 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  let slot = 0;
  /** A confirmed booking of the school that started two days ago, booked by the booker with the trainer named. */
  const startedBooking = async () => {
    slot += 1;
    const start = past.plus({ hours: slot });
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, trainer_id, period, blocked, status, purpose)
       VALUES ($1, $2, $3, $4, tstzrange($5, $6), tstzrange($5, $6), 'confirmed', 'course') RETURNING id`,
      [resourceId, school, people.booker.id, people.trainer.id, start.toJSDate(), start.plus({ hours: 1 }).toJSDate()],
    );
    return { id: id as string, start };
  };
  const record = (cookie: string, booking: { id: string; start: typeof past }, pupils: number) =>
    t.http().post(`/api/bookings/${booking.id}/attendance`).set('Cookie', cookie)
      .send({ actualStart: booking.start.toISO(), actualEnd: booking.start.plus({ minutes: 50 }).toISO(), participants: { pupils } });

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Athénée des Collines' });
    const other = await createOrganisation(t.dataSource, { name: 'Ailleurs' });
    const person = async (values: Parameters<typeof createUser>[1]) => {
      const user = await createUser(t.dataSource, values);
      return { id: user.id, cookie: await signIn(t, user.email) };
    };
    people.ownerManager = await person({ memberships: [[owner, 'manager']] });
    people.ownerMember = await person({ memberships: [[owner, 'member']] });
    people.booker = await person({ memberships: [[school, 'member']] });
    people.trainer = await person({ memberships: [[school, 'member']] });
    people.colleague = await person({ memberships: [[school, 'member']] });
    people.schoolManager = await person({ memberships: [[school, 'manager']] });
    people.coordinator = await person({ coordinator: true });
    people.outsider = await person({ memberships: [[other, 'manager']] });
    const [{ id: siteId }] = await t.dataSource.query(`INSERT INTO sites (organisation_id, name, country, region) VALUES ($1, 'Halle', 'BE', 'WAL') RETURNING id`, [owner]);
    [{ id: resourceId }] = await t.dataSource.query(`INSERT INTO resources (organisation_id, site_id, kind, name_fr) VALUES ($1, $2, 'machine', 'Tour') RETURNING id`, [owner, siteId]);
  });
  afterAll(() => t.close());

  it('refuses members of either organisation who neither booked nor train the session, and tells strangers nothing', async () => {
    const booking = await startedBooking();
    await record(people.ownerMember.cookie, booking, 3).expect(403);
    await record(people.colleague.cookie, booking, 3).expect(403);
    await record(people.outsider.cookie, booking, 3).expect(404);
    const [row] = await t.dataSource.query('SELECT status, actual_pupils FROM bookings WHERE id = $1', [booking.id]);
    expect(row).toEqual({ status: 'confirmed', actual_pupils: null });
  });

  it.each(['booker', 'trainer', 'schoolManager', 'ownerManager', 'coordinator'] as const)('lets the %s record attendance', async (who) => {
    const booking = await startedBooking();
    const recorded = await record(people[who].cookie, booking, 4).expect(200);
    expect(recorded.body).toMatchObject({ status: 'completed', actual: { pupils: 4 } });
  });

  it('writes every recording to the audit log with what it replaced', async () => {
    const booking = await startedBooking();
    await record(people.booker.cookie, booking, 5).expect(200);
    await record(people.ownerManager.cookie, booking, 7).expect(200);
    const events = (await t.http().get(`/api/bookings/${booking.id}/events`).set('Cookie', people.ownerManager.cookie).expect(200)).body
      .filter((e: { action: string }) => e.action === 'attendance_recorded');
    expect(events).toHaveLength(2);
    expect(events[0].details).toMatchObject({ participants: { pupils: 5 }, previous: { status: 'confirmed', attendance: null } });
    expect(events[1].details).toMatchObject({
      participants: { pupils: 7 },
      previous: { status: 'completed', attendance: { participants: { pupils: 5 }, actualStart: expect.any(String), actualEnd: expect.any(String) } },
    });
    const actors = await t.dataSource.query(`SELECT actor_id FROM booking_events WHERE booking_id = $1 AND action = 'attendance_recorded' ORDER BY id`, [booking.id]);
    expect(actors.map((a: { actor_id: string }) => a.actor_id)).toEqual([people.booker.id, people.ownerManager.id]);
  });
});
