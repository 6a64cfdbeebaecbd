import { DateTime } from 'luxon';
import { DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const RULES = {
  ...DEFAULT_BOOKING_RULES,
  leadTimeMinutes: 60, horizonDays: 730, approvalMode: 'owner', quotaWeekMinutes: null, quotaMonthMinutes: null, accessPolicy: 'all', allowedOrganisationIds: [],
};

let ICAL: (typeof import('ical.js', { with: { 'resolution-mode': 'import' } }))['default'];

function slot(weeksAhead: number, weekday: number, hour: number): DateTime {
  let d = now(ZONE).startOf('day').plus({ weeks: weeksAhead });
  while (d.weekday !== weekday) d = d.plus({ days: 1 });
  return d.set({ hour });
}

/** Parses a feed as a calendar app would: with ical.js, resolving TZIDs through the feed's own VTIMEZONEs. */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events };
}

describe('calendar feeds and email preferences', () => {
  let t: TestApp;
  let owner: string;
  let school: string;
  let resourceId: string;
  let managerCookie: string;
  let memberOfOwnerCookie: string;
  let teacherCookie: string;
  let colleagueCookie: string;
  let siteId: string;
  const ids: Record<'mine' | 'colleague' | 'pending', string> = { mine: '', colleague: '', pending: '' };

  const book = (cookie: string, start: DateTime) =>
    t.http().post('/api/bookings').set('Cookie', cookie)
      .send({ resourceId, organisationId: school, purpose: 'course', start: start.toISO(), end: start.plus({ hours: 2 }).toISO() }).expect(201);
  const path = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    ICAL = (await import('ical.js')).default;
    t = await startTestApp({ PUBLIC_URL: 'https://equipole.example' });
    owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Athénée des Collines' });
    managerCookie = await signIn(t, (await createUser(t.dataSource, { locale: 'en', memberships: [[owner, 'manager']] })).email);
    memberOfOwnerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[owner, 'member']] })).email);
    teacherCookie = await signIn(t, (await createUser(t.dataSource, { name: 'Nadia', locale: 'nl', memberships: [[school, 'member']] })).email);
    colleagueCookie = await signIn(t, (await createUser(t.dataSource, { name: 'Marc', memberships: [[school, 'member']] })).email);
    siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    resourceId = (await t.http().post('/api/resources').set('Cookie', managerCookie)
      .send({ organisationId: owner, siteId, kind: 'machine', capacity: 8, nameFr: 'Presse plieuse', nameNl: 'Plooibank', rules: RULES }).expect(201)).body.id;
    ids.mine = (await book(teacherCookie, slot(2, 2, 9))).body.id;
    ids.pending = (await book(teacherCookie, slot(2, 3, 14))).body.id;
    ids.colleague = (await book(colleagueCookie, slot(2, 4, 9))).body.id;
    await t.http().post(`/api/bookings/${ids.mine}/approve`).set('Cookie', managerCookie).send({}).expect(200);
    await t.http().post(`/api/bookings/${ids.colleague}/approve`).set('Cookie', managerCookie).send({}).expect(200);
  });
  afterAll(() => t.close());

  it('serves a personal feed of one’s own bookings that a calendar parser reads, in the person’s language and the site’s zone', async () => {
    await t.http().get('/api/auth/me/calendar-feed').set('Cookie', teacherCookie).expect(200, { active: false, createdAt: null, lastUsedAt: null });
    const created = await t.http().post('/api/auth/me/calendar-feed').set('Cookie', teacherCookie).expect(201);
    expect(created.body.url).toMatch(/^https:\/\/equipole\.example\/api\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await t.http().get(path(created.body.url)).expect(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, max-age=300');
    expect(feed.headers['x-robots-tag']).toBe('noindex, nofollow');
    const { calendar, events } = parseFeed(feed.text);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Equipole//Equipole bookings//FR');
    expect(calendar.getFirstPropertyValue('method')).toBeNull();
    expect(events.map((e) => e.uid).sort()).toEqual([`${ids.mine}@equipole`, `${ids.pending}@equipole`].sort());
    const confirmed = events.find((e) => e.uid === `${ids.mine}@equipole`)!;
    expect(confirmed.summary).toBe('Plooibank — Centre Escaut');
    expect(confirmed.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(confirmed.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(ZONE);
    expect(confirmed.startDate.toJSDate().getTime()).toBe(slot(2, 2, 9).toMillis());
    const pending = events.find((e) => e.uid === `${ids.pending}@equipole`)!;
    expect(pending.summary).toBe('In afwachting – Plooibank — Centre Escaut');
    expect(pending.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(feed.text).not.toContain('Marc');

    const status = await t.http().get('/api/auth/me/calendar-feed').set('Cookie', teacherCookie).expect(200);
    expect(status.body).toMatchObject({ active: true, createdAt: expect.any(String), lastUsedAt: expect.any(String) });
    expect(status.body).not.toHaveProperty('url');
  });

  it('stops serving a regenerated or revoked URL', async () => {
    const first = (await t.http().post('/api/auth/me/calendar-feed').set('Cookie', colleagueCookie).expect(201)).body.url;
    const second = (await t.http().post('/api/auth/me/calendar-feed').set('Cookie', colleagueCookie).expect(201)).body.url;
    expect(second).not.toBe(first);
    await t.http().get(path(first)).expect(404);
    const { events } = parseFeed((await t.http().get(path(second)).expect(200)).text);
    expect(events.map((e) => e.uid)).toEqual([`${ids.colleague}@equipole`]);
    await t.http().delete('/api/auth/me/calendar-feed').set('Cookie', colleagueCookie).expect(204);
    await t.http().get(path(second)).expect(404);
    await t.http().get('/api/feeds/not-a-token.ics').expect(404);
    await t.http().get('/api/feeds/whatever').expect(404);
  });

  it('gives the owner’s managers a feed of every booking of its equipment, and only them', async () => {
    await t.http().get(`/api/organisations/${owner}/calendar-feed`).set('Cookie', memberOfOwnerCookie).expect(403);
    await t.http().post(`/api/organisations/${owner}/calendar-feed`).set('Cookie', teacherCookie).expect(404);
    const { url } = (await t.http().post(`/api/organisations/${owner}/calendar-feed`).set('Cookie', managerCookie).expect(201)).body;
    const { calendar, events } = parseFeed((await t.http().get(path(url)).expect(200)).text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Equipôle — Centre Escaut');
    expect(events.map((e) => e.uid).sort()).toEqual([ids.mine, ids.pending, ids.colleague].map((id) => `${id}@equipole`).sort());
    expect(events.find((e) => e.uid === `${ids.colleague}@equipole`)!.summary).toBe('Presse plieuse — Athénée des Collines');
    await t.http().delete(`/api/organisations/${owner}/calendar-feed`).set('Cookie', managerCookie).expect(204);
    await t.http().get(path(url)).expect(404);
    await t.http().get(`/api/organisations/${owner}/calendar-feed`).set('Cookie', managerCookie).expect(200, { active: false, createdAt: null, lastUsedAt: null });
  });

  it('stops an organisation’s feed once the manager who made it is no longer its manager', async () => {
    const manager = async () => {
      const user = await createUser(t.dataSource, { memberships: [[owner, 'manager']] });
      return { ...user, cookie: await signIn(t, user.email) };
    };
    const feedOf = async (cookie: string) => path((await t.http().post(`/api/organisations/${owner}/calendar-feed`).set('Cookie', cookie).expect(201)).body.url);

    const leaving = await manager();
    const removed = await feedOf(leaving.cookie);
    await t.http().get(removed).expect(200);
    await t.http().delete(`/api/organisations/${owner}/members/${leaving.id}`).set('Cookie', managerCookie).expect(204);
    await t.http().get(removed).expect(404);
    await t.http().get(`/api/organisations/${owner}/calendar-feed`).set('Cookie', managerCookie).expect(200, { active: false, createdAt: null, lastUsedAt: null });

    const demoted = await manager();
    const demotedFeed = await feedOf(demoted.cookie);
    await t.http().patch(`/api/organisations/${owner}/members/${demoted.id}`).set('Cookie', managerCookie).send({ role: 'member' }).expect(200);
    await t.http().get(demotedFeed).expect(404);

    const coordinator = await createUser(t.dataSource, { coordinator: true });
    const coordinatorFeed = await feedOf(await signIn(t, coordinator.email));
    await t.http().get(coordinatorFeed).expect(200);
    await t.http().delete(`/api/organisations/${owner}/calendar-feed`).set('Cookie', managerCookie).expect(204);
  });

  it('puts sessions in the feeds of the host and of the registered organisations’ members, under a stable UID, cancelled ones as CANCELLED', async () => {
    const other = await createOrganisation(t.dataSource, { name: 'Lycée du Beffroi', country: 'FR' });
    const otherCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[other, 'member']] })).email);
    const publish = async (title: string, weekday: number, extra: Record<string, unknown>) => {
      const start = slot(3, weekday, 9);
      return (await t.http().post('/api/sessions').set('Cookie', managerCookie).send({
        kind: 'demonstration', organisationId: owner, titleFr: `${title} (fr)`, titleNl: `${title} (nl)`, seats: 3,
        start: start.toISO(), end: start.plus({ hours: 2 }).toISO(), registrationDeadline: start.minus({ days: 1 }).toISO(), ...extra,
      }).expect(201)).body.id as string;
    };
    const register = (sessionId: string, organisationId: string, pupils: number, cookie: string) =>
      t.http().post(`/api/sessions/${sessionId}/registrations`).set('Cookie', cookie)
        .send({ organisationId, group: { pupils, trainers: 0 }, contact: { name: 'Mme Lemaire', email: 'lemaire@example.test' } }).expect(201);
    const onItem = await publish('Pliage', 2, { resourceId });
    const full = await publish('Soudage', 3, { siteId });
    const cancelled = await publish('Découpe', 4, { siteId });
    const unrelated = await publish('Peinture', 5, { siteId });
    await register(onItem, school, 2, teacherCookie);
    await register(full, other, 3, otherCookie);
    await register(full, school, 2, teacherCookie);
    await register(cancelled, school, 1, teacherCookie);
    await t.http().post(`/api/sessions/${cancelled}/cancel`).set('Cookie', managerCookie).send({}).expect(200);
    const [{ booking_id: itemBooking }] = await t.dataSource.query('SELECT booking_id FROM training_sessions WHERE id = $1', [onItem]);
    const uid = (id: string) => `session-${id}@equipole`;
    const state = (events: ReturnType<typeof parseFeed>['events'], id: string) => events.find((e) => e.uid === uid(id))?.component.getFirstPropertyValue('status');

    // A member of the registered school who did not register the group sees it too, in their language.
    const colleagueFeed = (await t.http().post('/api/auth/me/calendar-feed').set('Cookie', colleagueCookie).expect(201)).body.url;
    const first = parseFeed((await t.http().get(path(colleagueFeed)).expect(200)).text).events;
    expect(first.map((e) => e.uid).filter((id) => id.startsWith('session-')).sort()).toEqual([onItem, full, cancelled].map(uid).sort());
    expect(state(first, onItem)).toBe('CONFIRMED');
    const pliage = first.find((e) => e.uid === uid(onItem))!;
    expect(pliage.summary).toBe('Pliage (fr) — Centre Escaut');
    expect(pliage.startDate.toJSDate().getTime()).toBe(slot(3, 2, 9).toMillis());
    expect(pliage.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(ZONE);
    expect(pliage.component.getFirstPropertyValue('url')).toBe(`https://equipole.example/sessions/${onItem}`);
    expect(state(first, full)).toBe('TENTATIVE');
    expect(first.find((e) => e.uid === uid(full))!.summary).toBe('Liste d’attente – Soudage (fr) — Centre Escaut');
    expect(state(first, cancelled)).toBe('CANCELLED');
    const teacher = parseFeed((await t.http().get(path((await t.http().post('/api/auth/me/calendar-feed').set('Cookie', teacherCookie).expect(201)).body.url)).expect(200)).text).events;
    expect(teacher.find((e) => e.uid === uid(onItem))!.summary).toBe('Pliage (nl) — Centre Escaut');
    expect(teacher.some((e) => e.uid === uid(unrelated))).toBe(false);

    // The host's feed: every session it hosts, once (the booking that blocks the item is the session's event).
    const { url } = (await t.http().post(`/api/organisations/${owner}/calendar-feed`).set('Cookie', managerCookie).expect(201)).body;
    const host = parseFeed((await t.http().get(path(url)).expect(200)).text).events;
    expect(host.filter((e) => e.uid.startsWith('session-')).map((e) => e.uid).sort()).toEqual([onItem, full, cancelled, unrelated].map(uid).sort());
    expect(host.some((e) => e.uid === `${itemBooking}@equipole`)).toBe(false);
    expect(state(host, full)).toBe('CONFIRMED');
    expect(state(host, cancelled)).toBe('CANCELLED');

    // Cancelling the group: the same UID stays, now cancelled, for the school's members.
    const registration = (await t.http().get(`/api/sessions/${onItem}`).set('Cookie', teacherCookie).expect(200)).body.myRegistrations[0].id;
    await t.http().delete(`/api/sessions/${onItem}/registrations/${registration}`).set('Cookie', teacherCookie).expect(204);
    const after = parseFeed((await t.http().get(path(colleagueFeed)).expect(200)).text).events;
    expect(state(after, onItem)).toBe('CANCELLED');
    await t.http().delete('/api/auth/me/calendar-feed').set('Cookie', colleagueCookie).expect(204);
    await t.http().delete('/api/auth/me/calendar-feed').set('Cookie', teacherCookie).expect(204);
    await t.http().delete(`/api/organisations/${owner}/calendar-feed`).set('Cookie', managerCookie).expect(204);
  });

  it('keeps a person’s choice of optional emails, all on by default, and refuses an incomplete one', async () => {
    await t.http().get('/api/auth/me/notifications').set('Cookie', colleagueCookie).expect(200, { equipmentActivity: true, reminders: true, digest: true, waitlist: true });
    const refused = await t.http().put('/api/auth/me/notifications').set('Cookie', colleagueCookie).send({ reminders: false }).expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['digest', 'equipmentActivity', 'waitlist']);
    const saved = { equipmentActivity: false, reminders: false, digest: true, waitlist: true };
    await t.http().put('/api/auth/me/notifications').set('Cookie', colleagueCookie).send(saved).expect(200, saved);
    await t.http().get('/api/auth/me/notifications').set('Cookie', colleagueCookie).expect(200, saved);
  });
});
