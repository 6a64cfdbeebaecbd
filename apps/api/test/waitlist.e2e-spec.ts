import { DateTime } from 'luxon';
import { DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { MAX_WAITING_ENTRIES } from '../src/bookings/waitlist.service';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const RULES = {
  ...DEFAULT_BOOKING_RULES,
  slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 240, leadTimeMinutes: 24 * 60, horizonDays: 60,
  bufferBeforeMinutes: 0, bufferAfterMinutes: 0, approvalMode: 'owner', quotaWeekMinutes: null, quotaMonthMinutes: null,
  accessPolicy: 'all', cancelCutoffHours: 24, allowedOrganisationIds: [],
};

/** A local weekday some weeks ahead, at a time of day. */
function at(weekday: number, weeksAhead: number, time: string): DateTime {
  let day = now(ZONE).startOf('day').plus({ weeks: weeksAhead });
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour, minute });
}

/**
 * The waitlist counts as unmet demand in the reports, so an entry must be a request the item could
 * take if the slot were free: the booking engine's own rules, and a cap per person.
 */
describe('waitlist', () => {
  let t: TestApp;
  let school: string;
  let resourceId: string;
  let teacherCookie: string;
  /** Other items of the same owner: joins for different items do not queue on one item's lock. */
  const others: string[] = [];

  const join = (cookie: string, start: DateTime, end: DateTime, extra: Record<string, unknown> = {}) =>
    t.http().post('/api/waitlist').set('Cookie', cookie)
      .send({ resourceId, organisationId: school, purpose: 'course', start: start.toISO(), end: end.toISO(), ...extra });

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'Athénée des Collines' });
    const managerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[owner, 'manager']] })).email);
    teacherCookie = await signIn(t, (await createUser(t.dataSource, { locale: 'en', memberships: [[school, 'member']] })).email);
    const siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    const item = async (name: string) => (await t.http().post('/api/resources').set('Cookie', managerCookie)
      .send({ organisationId: owner, siteId, kind: 'machine', capacity: 8, nameFr: name, rules: RULES }).expect(201)).body.id as string;
    resourceId = await item('Presse plieuse');
    for (const name of ['Tour', 'Fraiseuse', 'Poste de soudure']) others.push(await item(name));
  });
  afterAll(() => t.close());

  it.each([
    ['a window in the past', () => [at(2, -2, '08:00'), at(2, -2, '10:00')], 'START_IN_PAST', 'This slot has already started or is past: choose a time to come.'],
    ['a window inside the lead time', () => [now(ZONE).plus({ hours: 2 }).startOf('hour'), now(ZONE).plus({ hours: 3 }).startOf('hour')], 'LEAD_TIME_NOT_MET', 'Book at least 24 h ahead.'],
    ['a window beyond the horizon', () => [at(2, 12, '08:00'), at(2, 12, '10:00')], 'BEYOND_HORIZON', 'You cannot book more than 60 days ahead.'],
    ['a window decades long', () => [at(2, 2, '08:00'), at(2, 2, '08:00').plus({ years: 30 })], 'DURATION_TOO_LONG', 'The maximum duration is 4 h.'],
    ['a window outside opening hours', () => [at(2, 2, '18:00'), at(2, 2, '20:00')], 'OUTSIDE_OPENING_HOURS', undefined],
  ])('refuses %s with the booking rule it breaks, translated', async (_name, window, code, message) => {
    const [start, end] = window();
    const response = await join(teacherCookie, start, end).expect(422);
    expect(response.body.code).toBe(code);
    if (message) expect(response.body.message).toBe(message);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM waitlist_entries');
    expect(n).toBe(0);
  });

  it(`keeps at most ${MAX_WAITING_ENTRIES} future waiting entries per person, with a clear 422, and takes one more once one is left`, async () => {
    const entries: string[] = [];
    for (let i = 0; i < MAX_WAITING_ENTRIES; i++) {
      const start = at(2 + (i % 4), 2 + Math.floor(i / 4), '08:00');
      entries.push((await join(teacherCookie, start, start.plus({ hours: 2 })).expect(201)).body.id);
    }
    const refused = await join(teacherCookie, at(2, 5, '13:00'), at(2, 5, '15:00')).expect(422);
    expect(refused.body).toMatchObject({ code: 'WAITLIST_FULL', details: { max: MAX_WAITING_ENTRIES } });
    expect(refused.body.message).toBe(`You are already waiting for ${MAX_WAITING_ENTRIES} slots: leave a waitlist before joining another.`);

    // Another person of the same organisation has a cap of their own.
    const colleagueCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[school, 'member']] })).email);
    await join(colleagueCookie, at(2, 5, '13:00'), at(2, 5, '15:00')).expect(201);

    await t.http().delete(`/api/waitlist/${entries[0]}`).set('Cookie', teacherCookie).expect(204);
    await join(teacherCookie, at(2, 5, '13:00'), at(2, 5, '15:00')).expect(201);
    await join(teacherCookie, at(3, 5, '13:00'), at(3, 5, '15:00')).expect(422);
  });

  it('holds the cap under concurrent joins for different items', async () => {
    const person = await createUser(t.dataSource, { memberships: [[school, 'member']] });
    const cookie = await signIn(t, person.email);
    const responses = await Promise.all(
      Array.from({ length: MAX_WAITING_ENTRIES + 5 }, (_, i) => {
        const start = at(2 + (i % 4), 2 + Math.floor(i / 4), '13:00');
        return join(cookie, start, start.plus({ hours: 1 }), { resourceId: others[i % others.length] });
      }),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(MAX_WAITING_ENTRIES).fill(201), ...Array(5).fill(422)]);
    // In the person's language (French here).
    expect(responses.find((r) => r.status === 422)!.body.message)
      .toBe(`Vous attendez déjà ${MAX_WAITING_ENTRIES} créneaux : quittez une liste d’attente avant d’en rejoindre une autre.`);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM waitlist_entries WHERE user_id = $1', [person.id]);
    expect(n).toBe(MAX_WAITING_ENTRIES);
  });
});
