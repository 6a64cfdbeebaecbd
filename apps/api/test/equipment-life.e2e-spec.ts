import { ScheduledJobs } from '../src/jobs/scheduled-jobs.service';
import { now } from './support/clock';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4c80000000049454e44ae426082', 'hex');
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

/**
 * Equipment life (issue 20): closures and maintenance never strand a booking silently, breakdowns put
 * an item into maintenance, check-in at the machine records actual times, unclaimed bookings are
 * released, and the site's door display lives on a revocable secret URL.
 */
describe('equipment life', () => {
  let t: TestApp;
  let owner: string;
  let school: string;
  let siteId: string;
  const people: Record<'manager' | 'booker' | 'stranger', { id: string; email: string; cookie: string }> = {} as never;

  const item = async (name: string, values: { autoReleaseMinutes?: number } = {}) => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO resources (organisation_id, site_id, kind, name_fr, opening_hours, auto_release_minutes) VALUES ($1, $2, 'machine', $3, $4, $5) RETURNING id`,
      [owner, siteId, name, JSON.stringify(ALL_DAY), values.autoReleaseMinutes ?? null],
    );
    return id as string;
  };
  const book = async (resourceId: string, start: ReturnType<typeof now>, hours: number, status: 'pending' | 'confirmed' = 'confirmed') => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, expected_pupils)
       VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), $6, 'course', 6) RETURNING id`,
      [resourceId, school, people.booker.id, start.toJSDate(), start.plus({ hours }).toJSDate(), status],
    );
    return id as string;
  };
  const statusOf = async (bookingId: string) => (await t.dataSource.query('SELECT status FROM bookings WHERE id = $1', [bookingId]))[0].status;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Athénée des Collines' });
    const person = async (values: Parameters<typeof createUser>[1]) => {
      const user = await createUser(t.dataSource, values);
      return { ...user, cookie: await signIn(t, user.email) };
    };
    people.manager = await person({ memberships: [[owner, 'manager']] });
    people.booker = await person({ locale: 'nl', memberships: [[school, 'member']] });
    people.stranger = await person({ memberships: [[await createOrganisation(t.dataSource), 'member']] });
    [{ id: siteId }] = await t.dataSource.query(`INSERT INTO sites (organisation_id, name, country, region) VALUES ($1, 'Halle', 'BE', 'WAL') RETURNING id`, [owner]);
  });
  afterAll(() => t.close());

  describe('a closure over bookings', () => {
    const day = now(ZONE).plus({ days: 8 }).startOf('day');
    const closure = { startsOn: day.toISODate(), endsOn: day.toISODate(), reason: 'Inventaire' };

    it('is refused without a choice, listing the bookings it hits, and changes nothing', async () => {
      const resourceId = await item('Tour A');
      const hit = await book(resourceId, day.set({ hour: 10 }), 2);
      const pending = await book(resourceId, day.set({ hour: 14 }), 1, 'pending');
      await book(resourceId, day.plus({ days: 1 }).set({ hour: 10 }), 2);
      const refused = await t.http().post(`/api/resources/${resourceId}/closures`).set('Cookie', people.manager.cookie).send(closure).expect(409);
      expect(refused.body.code).toBe('BOOKINGS_AFFECTED');
      expect(refused.body.details.bookings.map((b: { id: string }) => b.id).sort()).toEqual([hit, pending].sort());
      expect(refused.body.details.bookings[0]).toMatchObject({ organisationName: 'Athénée des Collines', resourceNames: { fr: 'Tour A' } });
      expect(await t.dataSource.query('SELECT id FROM closures WHERE resource_id = $1', [resourceId])).toEqual([]);
      expect(await statusOf(hit)).toBe('confirmed');
    });

    it('with a choice, cancels and notifies the booker in their language with the calendar CANCEL, or keeps the exception', async () => {
      const resourceId = await item('Tour B');
      const cancelled = await book(resourceId, day.set({ hour: 9 }), 2);
      const kept = await book(resourceId, day.set({ hour: 13 }), 2);
      const created = await t.http().post(`/api/resources/${resourceId}/closures`).set('Cookie', people.manager.cookie)
        .send({ ...closure, affectedBookings: { all: 'cancel', choices: [{ bookingId: kept, action: 'keep' }] } }).expect(201);
      expect(created.body.affectedBookings).toEqual({ cancelled: [cancelled], kept: [kept] });
      expect(await statusOf(cancelled)).toBe('cancelled');
      expect(await statusOf(kept)).toBe('confirmed');
      const [email] = await t.dataSource.query(
        `SELECT locale, ics_method, subject FROM outbox WHERE recipient = $1 AND payload->>'bookingId' = $2`, [people.booker.email, cancelled],
      );
      expect(email).toMatchObject({ locale: 'nl', ics_method: 'CANCEL' });
      const [row] = await t.dataSource.query('SELECT status_reason FROM bookings WHERE id = $1', [cancelled]);
      expect(row.status_reason).toBe('Inventaire');
      const actions = await t.dataSource.query(`SELECT action, details->>'cause' AS cause FROM booking_events WHERE booking_id = $1`, [kept]);
      expect(actions).toEqual([{ action: 'kept_as_exception', cause: 'closure' }]);
    });

    it('offers the cancelled booker equivalent items free at the same time and the next free slots of the item', async () => {
      const resourceId = await item('Tour D');
      const busyTwin = await item('Tour E');
      const freeTwin = await item('Tour F');
      const cancelled = await book(resourceId, day.set({ hour: 9 }), 2);
      await t.dataSource.query(`INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose)
        SELECT $1, organisation_id, booked_by_id, period, blocked, 'confirmed', purpose FROM bookings WHERE id = $2`, [busyTwin, cancelled]);
      await t.http().post(`/api/resources/${resourceId}/closures`).set('Cookie', people.manager.cookie)
        .send({ ...closure, affectedBookings: { all: 'cancel' } }).expect(201);
      const offered = await t.http().get(`/api/bookings/${cancelled}/alternatives`).set('Cookie', people.booker.cookie).expect(200);
      const ids = offered.body.items.map((i: { resourceId: string }) => i.resourceId);
      expect(ids).toContain(freeTwin);
      expect(ids).not.toContain(busyTwin);
      expect(ids).not.toContain(resourceId);
      expect(offered.body.items[0]).toMatchObject({ start: day.set({ hour: 9 }).toUTC().toISO(), end: day.set({ hour: 11 }).toUTC().toISO() });
      expect(offered.body.slots.length).toBeGreaterThan(0);
      for (const slot of offered.body.slots) expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(2 * 3_600_000);
      await t.http().get(`/api/bookings/${cancelled}/alternatives`).set('Cookie', people.stranger.cookie).expect(404);
    });

    it('asks again when opening hours would take away booked time', async () => {
      const resourceId = await item('Tour C');
      const evening = await book(resourceId, day.set({ hour: 19 }), 2);
      const hours = ALL_DAY.map((h) => ({ ...h, start: '08:00', end: '18:00' }));
      const rules = (await t.http().get(`/api/resources/${resourceId}`).expect(200)).body.rules;
      await t.http().patch(`/api/resources/${resourceId}`).set('Cookie', people.manager.cookie).send({ rules: { ...rules, openingHours: hours } }).expect(409);
      await t.http().patch(`/api/resources/${resourceId}`).set('Cookie', people.manager.cookie)
        .send({ rules: { ...rules, openingHours: hours }, affectedBookings: { all: 'cancel', reason: 'Nouveaux horaires' } }).expect(200);
      expect(await statusOf(evening)).toBe('cancelled');
    });

    it('strands nothing when the site’s default hours change: its items keep their own hours and bookings', async () => {
      const resourceId = await item('Tour G');
      const evening = await book(resourceId, day.set({ hour: 19 }), 2);
      const before = (await t.http().get(`/api/resources/${resourceId}`).expect(200)).body.rules;
      const defaults = (await t.http().get(`/api/sites/${siteId}/default-rules`).set('Cookie', people.manager.cookie).expect(200)).body;
      const hours = ALL_DAY.map((h) => ({ ...h, start: '08:00', end: '18:00' }));
      // Defaults are what a new item starts from (copied when it is created), not rules an item follows.
      await t.http().put(`/api/sites/${siteId}/default-rules`).set('Cookie', people.manager.cookie)
        .send({ ...defaults, openingHours: hours, allowedOrganisationIds: [] }).expect(200);
      const after = (await t.http().get(`/api/resources/${resourceId}`).expect(200)).body.rules;
      expect(after.openingHours).toEqual(before.openingHours);
      expect(await statusOf(evening)).toBe('confirmed');
      // Changing the item itself to those hours is the change that asks.
      await t.http().patch(`/api/resources/${resourceId}`).set('Cookie', people.manager.cookie).send({ rules: { ...after, openingHours: hours } }).expect(409);
      await t.http().put(`/api/sites/${siteId}/default-rules`).set('Cookie', people.manager.cookie).send({ ...defaults, allowedOrganisationIds: [] }).expect(200);
    });
  });

  describe('breakdown reports', () => {
    const soon = now(ZONE).plus({ days: 3 }).startOf('hour');

    it('let a booker put an item into maintenance; the manager decides for its bookings on acknowledging', async () => {
      const resourceId = await item('Fraiseuse');
      await book(resourceId, now(ZONE).minus({ days: 7 }).startOf('hour'), 1);
      const upcoming = await book(resourceId, soon, 2);
      await t.http().post(`/api/resources/${resourceId}/breakdowns`).set('Cookie', people.stranger.cookie)
        .send({ category: 'mechanical', description: 'x', unusable: true }).expect(403);
      const reported = await t.http().post(`/api/resources/${resourceId}/breakdowns`).set('Cookie', people.booker.cookie)
        .send({ category: 'electrical', description: 'Plus de courant sur la broche', unusable: true }).expect(201);
      expect(reported.body).toMatchObject({ status: 'open', unusable: true, category: 'electrical' });
      const [itemRow] = await t.dataSource.query('SELECT status FROM resources WHERE id = $1', [resourceId]);
      expect(itemRow.status).toBe('maintenance');
      expect(await statusOf(upcoming)).toBe('confirmed');
      expect(reported.body.awaitingDecision).toEqual([]);

      // Nothing waits silently: the managers are emailed at once, with the booking that waits for them ...
      const [notice] = await t.dataSource.query(
        `SELECT kind, locale, subject, text_body AS text FROM outbox WHERE recipient = $1 AND payload->>'breakdownId' = $2`, [people.manager.email, reported.body.id],
      );
      expect(notice).toMatchObject({ kind: 'breakdown_reported', locale: 'fr', subject: 'Hors service : Fraiseuse' });
      expect(notice.text).toContain('Une réservation la retient encore');
      expect(notice.text).toContain('Athénée des Collines — ');
      // ... and see it on the report until they decide.
      const open = await t.http().get('/api/breakdowns?status=unresolved').set('Cookie', people.manager.cookie).expect(200);
      const listed = open.body.find((r: { id: string }) => r.id === reported.body.id);
      expect(listed.awaitingDecision).toEqual([expect.objectContaining({ id: upcoming, organisationName: 'Athénée des Collines', status: 'confirmed' })]);
      const mine = await t.http().get('/api/breakdowns?status=unresolved').set('Cookie', people.booker.cookie).expect(200);
      expect(mine.body.find((r: { id: string }) => r.id === reported.body.id).awaitingDecision).toEqual([]);
      const refused = await t.http().post(`/api/breakdowns/${reported.body.id}/acknowledge`).set('Cookie', people.manager.cookie).send({}).expect(409);
      expect(refused.body.details.bookings.map((b: { id: string }) => b.id)).toEqual([upcoming]);
      const acknowledged = await t.http().post(`/api/breakdowns/${reported.body.id}/acknowledge`).set('Cookie', people.manager.cookie)
        .send({ affectedBookings: { all: 'cancel' } }).expect(200);
      expect(acknowledged.body).toMatchObject({ status: 'acknowledged', affectedBookings: { cancelled: [upcoming], kept: [] } });
      expect(await statusOf(upcoming)).toBe('cancelled');
      const [cancelled] = await t.dataSource.query('SELECT status_reason FROM bookings WHERE id = $1', [upcoming]);
      expect(cancelled.status_reason).toBe('Plus de courant sur la broche');
      const decided = await t.http().get('/api/breakdowns?status=unresolved').set('Cookie', people.manager.cookie).expect(200);
      expect(decided.body.find((r: { id: string }) => r.id === reported.body.id).awaitingDecision).toEqual([]);

      // Three hours out of service, then repaired: the item is back, and downtime and MTTR count them.
      await t.dataSource.query(`UPDATE breakdown_reports SET reported_at = reported_at - interval '3 hours', acknowledged_at = acknowledged_at - interval '3 hours' WHERE id = $1`, [reported.body.id]);
      await t.http().post(`/api/breakdowns/${reported.body.id}/resolve`).set('Cookie', people.booker.cookie).send({ note: 'x' }).expect(403);
      const resolved = await t.http().post(`/api/breakdowns/${reported.body.id}/resolve`).set('Cookie', people.manager.cookie).send({ note: 'Fusible remplacé' }).expect(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', resolutionNote: 'Fusible remplacé' });
      const [back] = await t.dataSource.query('SELECT status FROM resources WHERE id = $1', [resourceId]);
      expect(back.status).toBe('active');

      const range = { from: now(ZONE).minus({ days: 1 }).toISO(), to: now(ZONE).plus({ days: 1 }).toISO() };
      const downtime = await t.http().get('/api/indicators/downtime').query(range).set('Cookie', people.manager.cookie).expect(200);
      const row = downtime.body.find((r: { resourceId: string }) => r.resourceId === resourceId);
      expect(row).toMatchObject({ reports: 1, unusableReports: 1 });
      expect(row.downtimeHours).toBeCloseTo(3, 1);
      expect(row.mttrHours).toBeCloseTo(3, 1);
      const outsider = await t.http().get('/api/indicators/downtime').query(range).set('Cookie', people.booker.cookie).expect(200);
      expect(outsider.body).toEqual([]);

      const log = await t.http().get(`/api/resources/${resourceId}/events`).set('Cookie', people.manager.cookie).expect(200);
      expect(log.body.map((e: { action: string }) => e.action)).toEqual([
        'breakdown_reported', 'status_changed', 'breakdown_acknowledged', 'breakdown_resolved', 'status_changed',
      ]);
    });

    it('take a photo from their author, checked like the items’ photos, shown to the managers only', async () => {
      const resourceId = await item('Scie à ruban');
      await book(resourceId, now(ZONE).minus({ days: 2 }).startOf('hour'), 1);
      const reported = await t.http().post(`/api/resources/${resourceId}/breakdowns`).set('Cookie', people.booker.cookie)
        .send({ category: 'safety', description: 'Lame fendue' }).expect(201);
      const id = reported.body.id as string;
      expect(reported.body.photoUrl).toBeNull();

      const fake = await t.http().post(`/api/breakdowns/${id}/photo`).set('Cookie', people.booker.cookie)
        .attach('file', Buffer.from('<script>alert(1)</script>'), { filename: 'lame.png', contentType: 'image/png' }).expect(400);
      expect(fake.body.details).toEqual([{ field: 'file', constraint: 'photoType', message: expect.stringMatching(/JPEG/) }]);
      await t.http().post(`/api/breakdowns/${id}/photo`).set('Cookie', people.booker.cookie).expect(400);
      await t.http().post(`/api/breakdowns/${id}/photo`).set('Cookie', people.stranger.cookie).attach('file', PNG, 'lame.png').expect(404);
      const tooBig = await t.http().post(`/api/breakdowns/${id}/photo`).set('Cookie', people.booker.cookie)
        .set('Content-Length', String(t.config.maxPhotoBytes + 1_000_000)).send(Buffer.alloc(16));
      expect(tooBig.status).toBe(413);

      const added = await t.http().post(`/api/breakdowns/${id}/photo`).set('Cookie', people.booker.cookie).attach('file', PNG, 'lame.png').expect(200);
      expect(added.body.photoUrl).toBe(`/api/breakdowns/${id}/photo`);
      const listed = await t.http().get(`/api/breakdowns?resourceId=${resourceId}`).set('Cookie', people.manager.cookie).expect(200);
      expect(listed.body[0].photoUrl).toBe(`/api/breakdowns/${id}/photo`);
      const shown = await t.http().get(`/api/breakdowns/${id}/photo`).set('Cookie', people.manager.cookie).expect(200);
      expect(shown.headers['content-type']).toBe('image/png');
      expect(shown.headers['cache-control']).toBe('private, no-cache');
      await t.http().get(`/api/breakdowns/${id}/photo`).set('Cookie', people.stranger.cookie).expect(404);
      await t.http().get(`/api/breakdowns/${id}/photo`).expect(401);

      await t.http().post(`/api/breakdowns/${id}/resolve`).set('Cookie', people.manager.cookie).send({}).expect(200);
      await t.http().post(`/api/breakdowns/${id}/photo`).set('Cookie', people.booker.cookie).attach('file', PNG, 'lame.png').expect(409);
      const log = await t.http().get(`/api/resources/${resourceId}/events`).set('Cookie', people.manager.cookie).expect(200);
      expect(log.body.map((e: { action: string }) => e.action)).toContain('breakdown_photo');
    });

    it('refuse an unusable report by a manager over bookings until they choose', async () => {
      const resourceId = await item('Presse');
      const upcoming = await book(resourceId, soon, 1);
      const body = { category: 'safety', description: 'Carter fissuré', unusable: true };
      const refused = await t.http().post(`/api/resources/${resourceId}/breakdowns`).set('Cookie', people.manager.cookie).send(body).expect(409);
      expect(refused.body.code).toBe('BOOKINGS_AFFECTED');
      expect(await t.dataSource.query('SELECT id FROM breakdown_reports WHERE resource_id = $1', [resourceId])).toEqual([]);
      const kept = await t.http().post(`/api/resources/${resourceId}/breakdowns`).set('Cookie', people.manager.cookie)
        .send({ ...body, affectedBookings: { choices: [{ bookingId: upcoming, action: 'keep' }] } }).expect(201);
      expect(kept.body).toMatchObject({ status: 'acknowledged', affectedBookings: { kept: [upcoming] } });
      expect(await statusOf(upcoming)).toBe('confirmed');
    });
  });

  describe('check-in at the machine', () => {
    it('offers check-in within the margin, records the actual start and participants, and check-out the actual end', async () => {
      const resourceId = await item('Soudeuse');
      const start = now(ZONE).plus({ minutes: 10 });
      const bookingId = await book(resourceId, start, 2);
      const later = await book(resourceId, start.plus({ days: 2 }), 1);

      const page = await t.http().get(`/api/resources/${resourceId}/check-in`).set('Cookie', people.booker.cookie).expect(200);
      expect(page.body).toMatchObject({ booking: { id: bookingId, expected: { pupils: 6 }, checkedInAt: null }, resource: { checkinMarginMinutes: 15 } });
      const tooEarly = await t.http().post(`/api/bookings/${later}/check-in`).set('Cookie', people.booker.cookie).send({}).expect(409);
      expect(tooEarly.body.code).toBe('CHECK_IN_NOT_OPEN');
      await t.http().post(`/api/bookings/${bookingId}/check-in`).set('Cookie', people.stranger.cookie).send({}).expect(404);

      const before = Date.now();
      const checkedIn = await t.http().post(`/api/bookings/${bookingId}/check-in`).set('Cookie', people.booker.cookie)
        .send({ participants: { pupils: 5, trainers: 1 } }).expect(200);
      expect(checkedIn.body).toMatchObject({ status: 'confirmed', actual: { pupils: 5, trainers: 1, apprentices: 0 } });
      const checkedInAt = Date.parse(checkedIn.body.checkedInAt);
      expect(Math.abs(checkedInAt - t.clock.nowMs())).toBeLessThan(Date.now() - before + 5_000);
      expect(checkedIn.body.actualStart).toBe(checkedIn.body.checkedInAt);
      await t.http().post(`/api/bookings/${bookingId}/check-in`).set('Cookie', people.booker.cookie).send({}).expect(409);

      const checkedOut = await t.http().post(`/api/bookings/${bookingId}/check-out`).set('Cookie', people.booker.cookie).expect(200);
      expect(checkedOut.body.status).toBe('completed');
      expect(Date.parse(checkedOut.body.actualEnd)).toBeGreaterThan(checkedInAt);
      expect(checkedOut.body.actualEnd).toBe(checkedOut.body.checkedOutAt);
      const actions = await t.dataSource.query('SELECT action FROM booking_events WHERE booking_id = $1 ORDER BY id', [bookingId]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['checked_in', 'checked_out']);
    });

    it('shows the page of a retired item to its managers only, as the item page does', async () => {
      const resourceId = await item('Fraiseuse retirée');
      await t.dataSource.query(`UPDATE resources SET status = 'retired' WHERE id = $1`, [resourceId]);
      const page = await t.http().get(`/api/resources/${resourceId}/check-in`).set('Cookie', people.manager.cookie).expect(200);
      expect(page.body).toMatchObject({ resource: { id: resourceId, names: { fr: 'Fraiseuse retirée' }, organisationName: 'Centre Escaut' }, booking: null, next: null });
      expect(page.body.resource).not.toHaveProperty('ownerId');
      expect(page.body.resource).not.toHaveProperty('status');
      await t.http().get(`/api/resources/${resourceId}`).set('Cookie', people.manager.cookie).expect(200);
      await t.http().get(`/api/resources/${resourceId}/check-in`).set('Cookie', people.booker.cookie).expect(404);
      await t.http().get(`/api/resources/${resourceId}/check-in`).set('Cookie', people.stranger.cookie).expect(404);
    });

    it('releases a booking nobody checked in for after the item delay: a no-show, and its slot is free again', async () => {
      const released = await item('Plieuse', { autoReleaseMinutes: 15 });
      const untouched = await item('Cisaille');
      const started = now(ZONE).minus({ minutes: 20 });
      const unclaimed = await book(released, started, 2);
      const claimed = await book(await item('Poinçonneuse', { autoReleaseMinutes: 15 }), started, 1);
      await t.dataSource.query(`UPDATE bookings SET checked_in_at = lower(period), actual_start = lower(period) WHERE id = $1`, [claimed]);
      const noDelay = await book(untouched, started, 2);
      const jobs = t.app.get(ScheduledJobs);
      // Before the delay nothing moves; after it, only the unclaimed booking of the item with a delay.
      expect(await jobs.releaseUnclaimed(started.plus({ minutes: 10 }).toJSDate())).toEqual({ released: 0 });
      await t.dataSource.query('UPDATE job_leases SET locked_until = now() - interval \'1 second\'');
      expect(await jobs.releaseUnclaimed(started.plus({ minutes: 20 }).toJSDate())).toEqual({ released: 1 });
      expect(await statusOf(unclaimed)).toBe('no_show');
      expect(await statusOf(claimed)).toBe('confirmed');
      expect(await statusOf(noDelay)).toBe('confirmed');
      // The booker is told through the outbox, in their language (Dutch here), with the calendar CANCEL; only them.
      const emails = await t.dataSource.query(`SELECT recipient, kind, locale, ics_method, subject, text_body AS text FROM outbox WHERE payload->>'bookingId' = $1`, [unclaimed]);
      expect(emails).toEqual([expect.objectContaining({ recipient: people.booker.email, kind: 'booking_released', locale: 'nl', ics_method: 'CANCEL' })]);
      expect(emails[0].subject).toMatch(/^Reservatie vrijgegeven: Plieuse, /);
      expect(emails[0].text).toContain('binnen 15 minuten');
      expect(await t.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'bookingId' = ANY($1::text[])`, [[claimed, noDelay]])).toEqual([]);
      // The slot is free: another booking of the same time is accepted by the no-overlap constraint.
      await book(released, started.plus({ minutes: 30 }), 1);
    });
  });

  describe('the site display', () => {
    it('shows the bookings of today and tomorrow with organisation names only, through a secret URL that stops working when revoked', async () => {
      const resourceId = await item('Tour à commande numérique');
      const tomorrow = now(ZONE).plus({ days: 1 }).startOf('day').set({ hour: 10 });
      await book(resourceId, tomorrow, 2);
      await book(resourceId, tomorrow.plus({ days: 3 }), 2);
      await t.http().post(`/api/sites/${siteId}/display`).set('Cookie', people.booker.cookie).expect(404);
      const created = await t.http().post(`/api/sites/${siteId}/display`).set('Cookie', people.manager.cookie).expect(201);
      const token = new URL(created.body.url).pathname.split('/').pop()!;
      expect(created.body.url).toBe(`${t.config.publicUrl}/display/${token}`);

      const shown = await t.http().get(`/api/displays/${token}`).expect(200);
      expect(shown.body.site.name).toBe('Halle');
      expect(shown.body.days.map((d: { date: string }) => d.date)).toEqual([now(ZONE).toISODate(), now(ZONE).plus({ days: 1 }).toISODate()]);
      const shownTomorrow = shown.body.days[1].bookings.filter((b: { resourceNames: { fr: string } }) => b.resourceNames.fr === 'Tour à commande numérique');
      expect(shownTomorrow).toEqual([expect.objectContaining({ organisationName: 'Athénée des Collines', start: tomorrow.toUTC().toISO({ suppressMilliseconds: false }) })]);
      expect(JSON.stringify(shown.body)).not.toContain(people.booker.email);
      expect((await t.http().get(`/api/sites/${siteId}/display`).set('Cookie', people.manager.cookie).expect(200)).body).toMatchObject({ active: true, lastUsedAt: expect.any(String) });

      await t.http().delete(`/api/sites/${siteId}/display`).set('Cookie', people.manager.cookie).expect(204);
      await t.http().get(`/api/displays/${token}`).expect(404);
    });
  });

  describe('labels', () => {
    it('prints one label or an A4 sheet of every item as a PDF, for the managers of the owner only', async () => {
      const resourceId = await item('Étau-limeur');
      const pdf = (url: string, cookie: string) => t.http().get(url).set('Cookie', cookie).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      const one = await pdf(`/api/resources/${resourceId}/label.pdf`, people.manager.cookie).expect(200);
      expect(one.headers['content-type']).toMatch(/^application\/pdf/);
      expect((one.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const sheet = await pdf(`/api/organisations/${owner}/labels.pdf?siteId=${siteId}`, people.manager.cookie).expect(200);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM resources WHERE site_id = $1 AND status <> 'retired'`, [siteId]);
      expect((sheet.body as Buffer).toString('latin1').match(/\/Type \/Page\b/g)?.length).toBe(Math.ceil(n / 8));
      await pdf(`/api/resources/${resourceId}/label.pdf`, people.booker.cookie).expect(404);
    });
  });
});
