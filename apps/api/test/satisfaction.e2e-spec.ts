import { SatisfactionService } from '../src/satisfaction/satisfaction.service';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Satisfaction: once per completed booking and side, averages with their count only, hidden below
 * three answers; comments reach the partner rated and nobody else.
 */
describe('satisfaction', () => {
  let t: TestApp;
  let owner: string;
  let itemId: string;
  let managerCookie: string;
  let coordinatorCookie: string;
  const bookers: { org: string; cookie: string; userId: string; email: string; bookingId: string }[] = [];

  const rate = (cookie: string, bookingId: string, scores: Record<string, unknown> = { equipmentCondition: 4, welcome: 5, relevance: 3 }) =>
    t.http().post('/api/satisfaction').set('Cookie', cookie).send({ subject: 'booking', id: bookingId, rater: 'booker', ...scores });
  const summary = async () => (await t.http().get('/api/satisfaction/summary').set('Cookie', coordinatorCookie).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    const manager = await createUser(t.dataSource, { memberships: [[owner, 'manager']] });
    managerCookie = await signIn(t, manager.email);
    coordinatorCookie = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    const siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    [{ id: itemId }] = await t.dataSource.query(`INSERT INTO resources (organisation_id, site_id, kind, name_fr) VALUES ($1, $2, 'machine', 'Tour') RETURNING id`, [owner, siteId]);
    for (let i = 0; i < 4; i++) {
      const org = await createOrganisation(t.dataSource, { name: `École ${i}` });
      const user = await createUser(t.dataSource, { locale: 'en', memberships: [[org, 'member']] });
      const start = now().minus({ days: 2 + i }).startOf('hour').toJSDate();
      const end = new Date(start.getTime() + 2 * 3_600_000);
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, actual_start, actual_end)
         VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'completed', 'course', $4, $5) RETURNING id`,
        [itemId, org, user.id, start, end],
      );
      bookers.push({ org, userId: user.id, email: user.email, cookie: await signIn(t, user.email), bookingId: id });
    }
  });
  afterAll(() => t.close());

  it('asks each booking organisation once by email, and lists what it may rate in the app', async () => {
    const jobs = t.app.get(SatisfactionService);
    expect(await jobs.requestRatings(now().toJSDate())).toBe(4);
    expect(await jobs.requestRatings(now().toJSDate())).toBe(0);
    const [email] = await t.dataSource.query(`SELECT subject FROM outbox WHERE recipient = $1 AND kind = 'satisfaction_request'`, [bookers[0].email]);
    expect(email.subject).toBe('Your rating: Tour');
    const pending = (await t.http().get('/api/satisfaction/pending').set('Cookie', bookers[0].cookie).expect(200)).body;
    expect(pending).toEqual([expect.objectContaining({ subject: 'booking', id: bookers[0].bookingId, rater: 'booker' })]);
    // The owner's side: the group's preparation, for each of the four.
    expect((await t.http().get('/api/satisfaction/pending').set('Cookie', managerCookie).expect(200)).body).toHaveLength(4);
  });

  it('takes one rating per booking and side, hides aggregates below three answers, and keeps comments for the partner', async () => {
    await rate(bookers[0].cookie, bookers[0].bookingId, { equipmentCondition: 4, welcome: 5, relevance: 3, comment: 'Très bon accueil' }).expect(201);
    const again = await rate(bookers[0].cookie, bookers[0].bookingId).expect(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_RATED', message: 'You have already given your rating.' });
    // Someone else's booking, a score out of range, a missing score.
    expect((await rate(bookers[1].cookie, bookers[0].bookingId).expect(409)).body.code).toBe('ALREADY_RATED');
    await rate(bookers[1].cookie, bookers[1].bookingId, { equipmentCondition: 6, welcome: 5, relevance: 3 }).expect(400);
    await rate(bookers[1].cookie, bookers[1].bookingId, { welcome: 5, relevance: 3 }).expect(400);
    await rate(bookers[1].cookie, bookers[1].bookingId, { equipmentCondition: 2, welcome: 3, relevance: 4 }).expect(201);

    let body = await summary();
    expect(body.total).toEqual({ answers: 2, hidden: true, averages: { equipmentCondition: null, welcome: null, relevance: null, preparation: null } });
    expect(body.items[0].satisfaction.hidden).toBe(true);

    await rate(bookers[2].cookie, bookers[2].bookingId, { equipmentCondition: 3, welcome: 4, relevance: 5 }).expect(201);
    body = await summary();
    expect(body.total).toEqual({ answers: 3, hidden: false, averages: { equipmentCondition: 3, welcome: 4, relevance: 4, preparation: null } });
    expect(body.partners).toEqual([{ id: owner, name: 'Centre Escaut', satisfaction: body.total }]);
    expect(JSON.stringify(body)).not.toContain('Très bon accueil');

    // The partner rates the group's preparation; the booker side cannot.
    await t.http().post('/api/satisfaction').set('Cookie', managerCookie).send({ subject: 'booking', id: bookers[0].bookingId, rater: 'partner', preparation: 5 }).expect(201);
    await t.http().post('/api/satisfaction').set('Cookie', bookers[3].cookie).send({ subject: 'booking', id: bookers[3].bookingId, rater: 'partner', preparation: 5 }).expect(422);

    const comments = (await t.http().get('/api/satisfaction/comments').set('Cookie', managerCookie).expect(200)).body;
    expect(comments).toEqual([expect.objectContaining({ comment: 'Très bon accueil', organisation: 'École 0' })]);
    await t.http().get('/api/satisfaction/comments').set('Cookie', coordinatorCookie).expect(403);
    await t.http().get('/api/satisfaction/summary').set('Cookie', bookers[0].cookie).expect(403);
  });
});
