import { randomUUID } from 'node:crypto';
import { now } from './support/clock';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Role = 'anonymous' | 'coordinator' | 'manager' | 'member' | 'outsider';
const ROLES: Role[] = ['anonymous', 'coordinator', 'manager', 'member', 'outsider'];

interface Row {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI path, e.g. /api/organisations/{id}. */
  route: string;
  /** The concrete request for one role: path and body (built fresh, so each call has its own data). */
  request: () => Promise<{ path: string; body?: object }>;
  expect: Record<Role, number>;
}

const all = (status: number): Record<Role, number> => ({ anonymous: status, coordinator: status, manager: status, member: status, outsider: status });
const signedIn = (status: number): Record<Role, number> => ({ ...all(status), anonymous: 401 });
const coordinatorOnly = (status: number): Record<Role, number> => ({ anonymous: 401, coordinator: status, manager: 403, member: 403, outsider: 403 });

/**
 * Every endpoint, with each role and with a user of another organisation: the expected status.
 * The test also fails when the API gains an endpoint this table does not list.
 */
describe('authorisation matrix', () => {
  let t: TestApp;
  const cookies: Partial<Record<Role, string>> = {};
  const emails: Partial<Record<Role, string>> = {};
  let orgA: string;
  let orgB: string;
  let clusterId: string;
  let occupationId: string;

  let siteA: string;
  let resourceA: string;
  let credentialA: string;
  let campaignA: string;
  /** An item of a third organisation, which A books. */
  let resourceC: string;
  /** A fresh request of organisation A in campaign A (open for requests). */
  const campaignRequestOfA = async () => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO campaign_requests (campaign_id, organisation_id, requested_by_id, resource_id, sessions, class_level, pupils)
       VALUES ($1, $2, (SELECT id FROM users LIMIT 1), $3, 1, 'secondary', 10) RETURNING id`,
      [campaignA, orgA, resourceA],
    );
    return id as string;
  };
  const CAMPAIGN_REQUEST = () => ({ organisationId: orgA, resourceId: resourceA, sessions: 1, pupils: 10, class: { level: 'secondary', year: 5 } });
  const newMemberOfA = async () => (await createUser(t.dataSource, { memberships: [[orgA, 'member']] })).id;
  const managed = (status: number): Record<Role, number> => ({ anonymous: 401, coordinator: status, manager: status, member: 403, outsider: 404 });
  const RULES = {
    openingHours: [{ weekday: 1, start: '08:00', end: '17:00' }], slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 240,
    leadTimeMinutes: 0, horizonDays: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, approvalMode: 'owner',
    quotaWeekMinutes: null, quotaMonthMinutes: null, accessPolicy: 'all', cancelCutoffHours: 24,
  };
  // Every date is placed relative to the app's clock (a Tuesday about six months ahead, beyond the
  // items' 60-day horizon), so each role's expected answer holds at any instant the suite runs.
  const base = now('UTC').plus({ days: 180 }).startOf('week').plus({ days: 1 });
  const day = (days: number) => base.plus({ days }).toISODate()!;
  const instant = (days: number, hour: number) => base.plus({ days, hours: hour }).toISO({ suppressMilliseconds: true })!;
  const CLOSURE = { startsOn: day(-120), endsOn: day(-116), reason: 'Congé', recordPast: true };
  let slot = 0;
  /** A fresh booking of organisation A on its own item, each in its own future hour. */
  const bookingOfA = async (status = 'confirmed', seriesId: string | null = null, bookedBy: string | null = null) => {
    slot += 1;
    const start = new Date(base.toMillis() + slot * 3_600_000);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, series_id)
       VALUES ($1, $2, coalesce($7, (SELECT id FROM users LIMIT 1)), tstzrange($3, $4), tstzrange($3, $4), $5, 'course', $6) RETURNING id`,
      [resourceA, orgA, start, new Date(start.getTime() + 3_600_000), status, seriesId, bookedBy],
    );
    return id as string;
  };
  const breakdownOfA = async () => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO breakdown_reports (resource_id, category, description, reported_at) VALUES ($1, 'other', 'Fuite', now()) RETURNING id`, [resourceA],
    );
    return id as string;
  };
  /** A fresh good-practice story of the cluster, without a photo. */
  const storyOfCluster = async () => {
    const [{ id }] = await t.dataSource.query(`INSERT INTO cluster_stories (cluster_id, title, body) VALUES ($1, 'Réussite', 'Texte') RETURNING id`, [clusterId]);
    return id as string;
  };
  /** A fresh published session hosted by organisation A at its site: months ahead, or (`past`) already held a month ago. */
  const sessionOfA = async (past = false) => {
    const start = past ? now('UTC').minus({ days: 30 }) : base.plus({ days: 3, hours: 10 });
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO training_sessions (kind, title_fr, organisation_id, site_id, period, seats, registration_deadline)
       VALUES ('demonstration', 'Démonstration', $1, $2, tstzrange($3, $4), 20, $3) RETURNING id`,
      [orgA, siteA, start.toJSDate(), start.plus({ hours: 2 }).toJSDate()],
    );
    return id as string;
  };
  /** A fresh group of organisation A registered to a fresh session of A. */
  const registrationOfA = async () => {
    const sessionId = await sessionOfA();
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO session_registrations (session_id, organisation_id, contact_name, contact_email, pupils, status)
       VALUES ($1, $2, 'Contact', 'contact@example.test', 5, 'registered') RETURNING id`,
      [sessionId, orgA],
    );
    return { sessionId, registrationId: id as string };
  };
  const REGISTRATION = () => ({ organisationId: orgA, group: { pupils: 5 }, contact: { name: 'Contact', email: 'contact@example.test' } });
  /** A fresh booking of organisation A on an item of a third organisation, completed three days ago: A may rate it. */
  const completedBookingOfAElsewhere = async () => {
    const start = now('UTC').minus({ days: 3 }).toJSDate();
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose)
       VALUES ($1, $2, (SELECT id FROM users LIMIT 1), tstzrange($3, $4), tstzrange($3, $4), 'completed', 'course') RETURNING id`,
      [resourceC, orgA, start, new Date(start.getTime() + 3_600_000)],
    );
    return id as string;
  };
  const PERIOD = `from=${day(0)}&to=${day(29)}`;
  const BOOKING = () => ({ resourceId: resourceA, organisationId: orgA, purpose: 'course', start: instant(1, 8), end: instant(1, 9) });
  const RANGE = `from=${instant(0, 0)}&to=${instant(7, 0)}`;
  const bookingRule = (status: number): Record<Role, number> => ({ anonymous: 401, coordinator: status, manager: status, member: status, outsider: 404 });

  const rows: Row[] = [
    { method: 'get', route: '/api/health', request: async () => ({ path: '/api/health' }), expect: all(200) },
    { method: 'get', route: '/api/health/live', request: async () => ({ path: '/api/health/live' }), expect: all(200) },
    { method: 'get', route: '/api/health/ready', request: async () => ({ path: '/api/health/ready' }), expect: all(200) },
    { method: 'get', route: '/api/occupations', request: async () => ({ path: '/api/occupations' }), expect: all(200) },
    { method: 'get', route: '/api/occupations/{id}', request: async () => ({ path: `/api/occupations/${occupationId}` }), expect: all(200) },
    {
      method: 'post', route: '/api/occupations',
      request: async () => ({ path: '/api/occupations', body: { code: `test-${randomUUID().slice(0, 8)}`, labelFr: 'Essai', labelNl: 'Test', labelEn: 'Test', sector: 'digital' } }),
      expect: coordinatorOnly(201),
    },
    { method: 'patch', route: '/api/occupations/{id}', request: async () => ({ path: `/api/occupations/${occupationId}`, body: { romeCode: 'H2903' } }), expect: coordinatorOnly(200) },
    {
      method: 'put', route: '/api/occupations/{id}/shortages/{region}',
      request: async () => ({ path: `/api/occupations/${occupationId}/shortages/WAL`, body: { inShortage: true, listDate: '2026-06-30', source: 'Test' } }),
      expect: coordinatorOnly(200),
    },
    { method: 'get', route: '/api/auth/session', request: async () => ({ path: '/api/auth/session' }), expect: all(200) },
    { method: 'get', route: '/api/auth/me', request: async () => ({ path: '/api/auth/me' }), expect: signedIn(200) },
    { method: 'patch', route: '/api/auth/me', request: async () => ({ path: '/api/auth/me', body: { name: 'Same Name' } }), expect: signedIn(204) },
    { method: 'get', route: '/api/auth/sessions', request: async () => ({ path: '/api/auth/sessions' }), expect: signedIn(200) },
    { method: 'delete', route: '/api/auth/sessions/{id}', request: async () => ({ path: `/api/auth/sessions/${randomUUID()}` }), expect: signedIn(404) },
    { method: 'post', route: '/api/auth/password', request: async () => ({ path: '/api/auth/password', body: { currentPassword: 'wrong password', newPassword: 'a long new passphrase' } }), expect: signedIn(401) },
    { method: 'post', route: '/api/auth/login', request: async () => ({ path: '/api/auth/login', body: { email: 'nobody@example.test', password: 'x' } }), expect: all(401) },
    { method: 'post', route: '/api/auth/logout', request: async () => ({ path: '/api/auth/logout' }), expect: signedIn(204) },
    { method: 'post', route: '/api/auth/password-reset', request: async () => ({ path: '/api/auth/password-reset', body: { email: 'nobody@example.test' } }), expect: all(202) },
    { method: 'post', route: '/api/auth/password-reset/confirm', request: async () => ({ path: '/api/auth/password-reset/confirm', body: { token: 'unknown', password: 'a long new passphrase' } }), expect: all(400) },
    { method: 'get', route: '/api/auth/invitations/{token}', request: async () => ({ path: '/api/auth/invitations/unknown' }), expect: all(400) },
    { method: 'get', route: '/api/privacy/notice', request: async () => ({ path: '/api/privacy/notice' }), expect: all(200) },
    { method: 'get', route: '/api/privacy/export', request: async () => ({ path: '/api/privacy/export' }), expect: signedIn(200) },
    { method: 'get', route: '/api/privacy/export.html', request: async () => ({ path: '/api/privacy/export.html' }), expect: signedIn(200) },
    { method: 'post', route: '/api/privacy/close-account', request: async () => ({ path: '/api/privacy/close-account', body: { password: 'wrong password' } }), expect: signedIn(401) },
    {
      method: 'post', route: '/api/privacy/users/{id}/erase',
      request: async () => ({ path: `/api/privacy/users/${await newMemberOfA()}/erase` }),
      expect: coordinatorOnly(204),
    },
    { method: 'post', route: '/api/auth/invitations/accept', request: async () => ({ path: '/api/auth/invitations/accept', body: { token: 'unknown', name: 'X', password: 'a long new passphrase' } }), expect: all(400) },
    { method: 'get', route: '/api/organisations', request: async () => ({ path: '/api/organisations' }), expect: signedIn(200) },
    { method: 'post', route: '/api/organisations', request: async () => ({ path: '/api/organisations', body: { kind: 'company', name: 'Nouvelle SA', country: 'BE' } }), expect: coordinatorOnly(201) },
    { method: 'get', route: '/api/organisations/{id}', request: async () => ({ path: `/api/organisations/${orgA}` }), expect: signedIn(200) },
    {
      method: 'patch', route: '/api/organisations/{id}',
      request: async () => ({ path: `/api/organisations/${orgA}`, body: { city: 'Tournai' } }),
      expect: { anonymous: 401, coordinator: 200, manager: 200, member: 403, outsider: 404 },
    },
    {
      method: 'get', route: '/api/organisations/{id}/members',
      request: async () => ({ path: `/api/organisations/${orgA}/members` }),
      expect: { anonymous: 401, coordinator: 200, manager: 200, member: 200, outsider: 404 },
    },
    {
      method: 'post', route: '/api/organisations/{id}/invitations',
      request: async () => ({ path: `/api/organisations/${orgA}/invitations`, body: { email: `new-${randomUUID().slice(0, 8)}@example.test`, name: 'New', role: 'member' } }),
      expect: { anonymous: 401, coordinator: 201, manager: 201, member: 403, outsider: 404 },
    },
    {
      method: 'patch', route: '/api/organisations/{id}/members/{userId}',
      request: async () => ({ path: `/api/organisations/${orgA}/members/${await newMemberOfA()}`, body: { role: 'manager' } }),
      expect: { anonymous: 401, coordinator: 200, manager: 200, member: 403, outsider: 404 },
    },
    {
      method: 'delete', route: '/api/organisations/{id}/members/{userId}',
      request: async () => ({ path: `/api/organisations/${orgA}/members/${await newMemberOfA()}` }),
      expect: { anonymous: 401, coordinator: 204, manager: 204, member: 403, outsider: 404 },
    },
    { method: 'get', route: '/api/outbox', request: async () => ({ path: '/api/outbox' }), expect: coordinatorOnly(200) },
    // Notifications: one's own email choices and calendar feed; an organisation's feed for its managers; the feed itself is public, its token the secret.
    { method: 'get', route: '/api/auth/me/notifications', request: async () => ({ path: '/api/auth/me/notifications' }), expect: signedIn(200) },
    {
      method: 'put', route: '/api/auth/me/notifications',
      request: async () => ({ path: '/api/auth/me/notifications', body: { equipmentActivity: true, reminders: true, digest: true, waitlist: true } }),
      expect: signedIn(200),
    },
    { method: 'get', route: '/api/auth/me/calendar-feed', request: async () => ({ path: '/api/auth/me/calendar-feed' }), expect: signedIn(200) },
    { method: 'post', route: '/api/auth/me/calendar-feed', request: async () => ({ path: '/api/auth/me/calendar-feed' }), expect: signedIn(201) },
    { method: 'delete', route: '/api/auth/me/calendar-feed', request: async () => ({ path: '/api/auth/me/calendar-feed' }), expect: signedIn(204) },
    { method: 'get', route: '/api/organisations/{id}/calendar-feed', request: async () => ({ path: `/api/organisations/${orgA}/calendar-feed` }), expect: managed(200) },
    { method: 'post', route: '/api/organisations/{id}/calendar-feed', request: async () => ({ path: `/api/organisations/${orgA}/calendar-feed` }), expect: managed(201) },
    { method: 'delete', route: '/api/organisations/{id}/calendar-feed', request: async () => ({ path: `/api/organisations/${orgA}/calendar-feed` }), expect: managed(204) },
    { method: 'get', route: '/api/feeds/{file}', request: async () => ({ path: `/api/feeds/${randomUUID().replace(/-/g, '')}.ics` }), expect: all(404) },
    { method: 'get', route: '/api/resources', request: async () => ({ path: '/api/resources' }), expect: all(200) },
    { method: 'post', route: '/api/resources', request: async () => ({ path: '/api/resources', body: { organisationId: orgA, siteId: siteA, kind: 'machine', capacity: 2, nameFr: 'Tour' } }), expect: managed(201) },
    { method: 'get', route: '/api/resources/{id}', request: async () => ({ path: `/api/resources/${resourceA}` }), expect: all(200) },
    { method: 'patch', route: '/api/resources/{id}', request: async () => ({ path: `/api/resources/${resourceA}`, body: { capacity: 3 } }), expect: managed(200) },
    { method: 'post', route: '/api/resources/{id}/status', request: async () => ({ path: `/api/resources/${resourceA}/status`, body: { status: 'active' } }), expect: managed(200) },
    { method: 'post', route: '/api/resources/{id}/photos', request: async () => ({ path: `/api/resources/${resourceA}/photos`, body: {} }), expect: managed(400) },
    { method: 'delete', route: '/api/resources/{id}/photos/{photoId}', request: async () => ({ path: `/api/resources/${resourceA}/photos/${randomUUID()}` }), expect: managed(404) },
    { method: 'get', route: '/api/photos/{id}', request: async () => ({ path: `/api/photos/${randomUUID()}` }), expect: all(404) },
    { method: 'post', route: '/api/resources/{id}/closures', request: async () => ({ path: `/api/resources/${resourceA}/closures`, body: CLOSURE }), expect: managed(201) },
    { method: 'get', route: '/api/sites/{id}/closures', request: async () => ({ path: `/api/sites/${siteA}/closures` }), expect: signedIn(200) },
    { method: 'post', route: '/api/sites/{id}/closures', request: async () => ({ path: `/api/sites/${siteA}/closures`, body: CLOSURE }), expect: managed(201) },
    {
      method: 'delete', route: '/api/closures/{id}',
      request: async () => {
        const [{ id }] = await t.dataSource.query(`INSERT INTO closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'x') RETURNING id`, [siteA, day(-90)]);
        return { path: `/api/closures/${id}` };
      },
      expect: managed(204),
    },
    // Equipment life (issue 20): breakdowns, check-in, labels, the site display, alternatives.
    {
      method: 'post', route: '/api/resources/{id}/breakdowns',
      request: async () => {
        // A fresh item booked by a member of A only: the other rows' bookings name other bookers.
        const [{ id }] = await t.dataSource.query(`INSERT INTO resources (organisation_id, site_id, kind, name_fr) VALUES ($1, $2, 'machine', 'Perceuse') RETURNING id`, [orgA, siteA]);
        await t.dataSource.query(
          `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose)
           VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'completed', 'course')`,
          [id, orgA, await newMemberOfA(), base.minus({ days: 1 }).toJSDate(), base.minus({ days: 1 }).plus({ hours: 1 }).toJSDate()],
        );
        return { path: `/api/resources/${id}/breakdowns`, body: { category: 'other', description: 'Bruit anormal' } };
      },
      expect: { anonymous: 401, coordinator: 201, manager: 201, member: 201, outsider: 403 },
    },
    { method: 'get', route: '/api/breakdowns', request: async () => ({ path: '/api/breakdowns' }), expect: signedIn(200) },
    {
      method: 'post', route: '/api/breakdowns/{id}/acknowledge',
      request: async () => ({ path: `/api/breakdowns/${await breakdownOfA()}/acknowledge`, body: {} }),
      expect: managed(200),
    },
    {
      method: 'post', route: '/api/breakdowns/{id}/resolve',
      request: async () => ({ path: `/api/breakdowns/${await breakdownOfA()}/resolve`, body: { note: 'Réparé' } }),
      expect: managed(200),
    },
    {
      // Nobody reported it (no author): only the item's managers may add a photo; without a file, 400.
      method: 'post', route: '/api/breakdowns/{id}/photo',
      request: async () => ({ path: `/api/breakdowns/${await breakdownOfA()}/photo`, body: {} }),
      expect: { anonymous: 401, coordinator: 400, manager: 400, member: 404, outsider: 404 },
    },
    { method: 'get', route: '/api/breakdowns/{id}/photo', request: async () => ({ path: `/api/breakdowns/${await breakdownOfA()}/photo` }), expect: signedIn(404) },
    { method: 'get', route: '/api/resources/{id}/events', request: async () => ({ path: `/api/resources/${resourceA}/events` }), expect: managed(200) },
    { method: 'get', route: '/api/indicators/downtime', request: async () => ({ path: `/api/indicators/downtime?${RANGE}` }), expect: signedIn(200) },
    { method: 'get', route: '/api/resources/{id}/check-in', request: async () => ({ path: `/api/resources/${resourceA}/check-in` }), expect: signedIn(200) },
    {
      // Months ahead: those who vouch for the booking hear that check-in is not open yet.
      method: 'post', route: '/api/bookings/{id}/check-in',
      request: async () => ({ path: `/api/bookings/${await bookingOfA('confirmed', null, await newMemberOfA())}/check-in`, body: {} }),
      expect: { anonymous: 401, coordinator: 409, manager: 409, member: 403, outsider: 404 },
    },
    {
      method: 'post', route: '/api/bookings/{id}/check-out',
      request: async () => ({ path: `/api/bookings/${await bookingOfA('confirmed', null, await newMemberOfA())}/check-out` }),
      expect: { anonymous: 401, coordinator: 409, manager: 409, member: 403, outsider: 404 },
    },
    { method: 'get', route: '/api/bookings/{id}/alternatives', request: async () => ({ path: `/api/bookings/${await bookingOfA('cancelled')}/alternatives` }), expect: bookingRule(200) },
    { method: 'get', route: '/api/resources/{id}/questions', request: async () => ({ path: `/api/resources/${resourceA}/questions` }), expect: all(200) },
    { method: 'put', route: '/api/resources/{id}/questions', request: async () => ({ path: `/api/resources/${resourceA}/questions`, body: { questions: [] } }), expect: managed(200) },
    { method: 'get', route: '/api/resources/{id}/label.pdf', request: async () => ({ path: `/api/resources/${resourceA}/label.pdf` }), expect: managed(200) },
    { method: 'get', route: '/api/organisations/{id}/labels.pdf', request: async () => ({ path: `/api/organisations/${orgA}/labels.pdf` }), expect: managed(200) },
    { method: 'get', route: '/api/sites/{id}/display', request: async () => ({ path: `/api/sites/${siteA}/display` }), expect: managed(200) },
    { method: 'post', route: '/api/sites/{id}/display', request: async () => ({ path: `/api/sites/${siteA}/display` }), expect: managed(201) },
    { method: 'delete', route: '/api/sites/{id}/display', request: async () => ({ path: `/api/sites/${siteA}/display` }), expect: managed(204) },
    { method: 'get', route: '/api/displays/{token}', request: async () => ({ path: `/api/displays/${randomUUID().replace(/-/g, '')}` }), expect: all(404) },
    { method: 'get', route: '/api/organisations/{id}/sites', request: async () => ({ path: `/api/organisations/${orgA}/sites` }), expect: signedIn(200) },
    { method: 'post', route: '/api/organisations/{id}/sites', request: async () => ({ path: `/api/organisations/${orgA}/sites`, body: { name: 'Annexe', country: 'BE', region: 'WAL' } }), expect: managed(201) },
    { method: 'put', route: '/api/organisations/{id}/default-rules', request: async () => ({ path: `/api/organisations/${orgA}/default-rules`, body: RULES }), expect: managed(200) },
    { method: 'patch', route: '/api/sites/{id}', request: async () => ({ path: `/api/sites/${siteA}`, body: { city: 'Tournai' } }), expect: managed(200) },
    { method: 'get', route: '/api/sites/{id}/default-rules', request: async () => ({ path: `/api/sites/${siteA}/default-rules` }), expect: signedIn(200) },
    { method: 'put', route: '/api/sites/{id}/default-rules', request: async () => ({ path: `/api/sites/${siteA}/default-rules`, body: RULES }), expect: managed(200) },
    { method: 'get', route: '/api/organisations/{id}/credentials', request: async () => ({ path: `/api/organisations/${orgA}/credentials` }), expect: signedIn(200) },
    { method: 'post', route: '/api/organisations/{id}/credentials', request: async () => ({ path: `/api/organisations/${orgA}/credentials`, body: { nameFr: 'Habilitation' } }), expect: managed(201) },
    { method: 'get', route: '/api/credentials/{id}/grants', request: async () => ({ path: `/api/credentials/${credentialA}/grants` }), expect: managed(200) },
    {
      method: 'post', route: '/api/credentials/{id}/grants',
      request: async () => ({ path: `/api/credentials/${credentialA}/grants`, body: { email: (await createUser(t.dataSource)).email, expiresOn: day(210) } }),
      expect: managed(201),
    },
    {
      method: 'delete', route: '/api/credentials/{id}/grants/{grantId}',
      request: async () => {
        const holder = await createUser(t.dataSource);
        const [{ id }] = await t.dataSource.query(`INSERT INTO credential_grants (credential_id, user_id, expires_on) VALUES ($1, $2, $3) RETURNING id`, [credentialA, holder.id, day(210)]);
        return { path: `/api/credentials/${credentialA}/grants/${id}` };
      },
      expect: managed(204),
    },
    { method: 'post', route: '/api/bookings', request: async () => ({ path: '/api/bookings', body: BOOKING() }), expect: bookingRule(422) },
    {
      method: 'post', route: '/api/bookings/series',
      request: async () => ({ path: '/api/bookings/series', body: { resourceId: resourceA, organisationId: orgA, purpose: 'course', weekdays: [2], startTime: '08:00', endTime: '09:00', startsOn: day(0), endsOn: day(29), mode: 'skip_conflicts' } }),
      expect: bookingRule(201),
    },
    // Beyond the item's horizon: the waitlist checks the booking rules too.
    { method: 'post', route: '/api/waitlist', request: async () => ({ path: '/api/waitlist', body: BOOKING() }), expect: bookingRule(422) },
    { method: 'get', route: '/api/waitlist', request: async () => ({ path: '/api/waitlist' }), expect: signedIn(200) },
    { method: 'delete', route: '/api/waitlist/{id}', request: async () => ({ path: `/api/waitlist/${randomUUID()}` }), expect: signedIn(404) },
    { method: 'get', route: '/api/bookings', request: async () => ({ path: '/api/bookings' }), expect: signedIn(200) },
    { method: 'get', route: '/api/bookings/{id}', request: async () => ({ path: `/api/bookings/${await bookingOfA()}` }), expect: bookingRule(200) },
    { method: 'get', route: '/api/bookings/{id}/events', request: async () => ({ path: `/api/bookings/${await bookingOfA()}/events` }), expect: { ...managed(200), member: 404 } },
    { method: 'post', route: '/api/bookings/{id}/approve', request: async () => ({ path: `/api/bookings/${await bookingOfA('pending')}/approve`, body: {} }), expect: managed(200) },
    { method: 'post', route: '/api/bookings/{id}/decline', request: async () => ({ path: `/api/bookings/${await bookingOfA('pending')}/decline`, body: { reason: 'Non' } }), expect: managed(200) },
    { method: 'post', route: '/api/bookings/{id}/cancel', request: async () => ({ path: `/api/bookings/${await bookingOfA()}/cancel`, body: {} }), expect: bookingRule(200) },
    { method: 'post', route: '/api/bookings/{id}/cancel-series', request: async () => ({ path: `/api/bookings/${await bookingOfA()}/cancel-series`, body: {} }), expect: bookingRule(404) },
    {
      method: 'post', route: '/api/bookings/{id}/reschedule',
      request: async () => ({ path: `/api/bookings/${await bookingOfA()}/reschedule`, body: { start: instant(1, 8), end: instant(1, 9) } }),
      expect: bookingRule(422),
    },
    {
      method: 'post', route: '/api/bookings/{id}/attendance',
      request: async () => ({ path: `/api/bookings/${await bookingOfA()}/attendance`, body: { actualStart: instant(1, 8), actualEnd: instant(1, 9), participants: { pupils: 1 } } }),
      // A plain member who neither booked nor trains the session may not record its attendance.
      expect: { ...bookingRule(409), member: 403 },
    },
    { method: 'post', route: '/api/bookings/{id}/no-show', request: async () => ({ path: `/api/bookings/${await bookingOfA()}/no-show` }), expect: { ...managed(409), member: 403 } },
    // A confirmed booking is not attended yet: 409 to whoever may see it.
    { method: 'put', route: '/api/bookings/{id}/participant-names', request: async () => ({ path: `/api/bookings/${await bookingOfA()}/participant-names`, body: { names: ['Alex'] } }), expect: bookingRule(409) },
    { method: 'get', route: '/api/bookings/{id}/attestation.pdf', request: async () => ({ path: `/api/bookings/${await bookingOfA()}/attestation.pdf` }), expect: bookingRule(409) },
    { method: 'get', route: '/api/attestations/{reference}', request: async () => ({ path: '/api/attestations/EQP-AAAAAAAAAAAA' }), expect: all(404) },
    { method: 'get', route: '/api/resources/{id}/availability', request: async () => ({ path: `/api/resources/${resourceA}/availability?${RANGE}` }), expect: all(200) },
    { method: 'get', route: '/api/resources/{id}/calendar', request: async () => ({ path: `/api/resources/${resourceA}/calendar?${RANGE}` }), expect: all(200) },
    { method: 'get', route: '/api/clusters', request: async () => ({ path: '/api/clusters' }), expect: all(200) },
    { method: 'post', route: '/api/clusters', request: async () => ({ path: '/api/clusters', body: { name: 'Pôle test', sector: 'industry' } }), expect: coordinatorOnly(201) },
    { method: 'get', route: '/api/clusters/{id}', request: async () => ({ path: `/api/clusters/${clusterId}` }), expect: all(200) },
    { method: 'patch', route: '/api/clusters/{id}', request: async () => ({ path: `/api/clusters/${clusterId}`, body: { status: 'active' } }), expect: coordinatorOnly(200) },
    { method: 'post', route: '/api/clusters/{id}/members', request: async () => ({ path: `/api/clusters/${clusterId}/members`, body: { organisationId: orgB } }), expect: coordinatorOnly(201) },
    {
      method: 'delete', route: '/api/clusters/{id}/members/{organisationId}',
      request: async () => {
        const organisationId = await createOrganisation(t.dataSource);
        await t.dataSource.query('INSERT INTO cluster_members (cluster_id, organisation_id) VALUES ($1, $2)', [clusterId, organisationId]);
        return { path: `/api/clusters/${clusterId}/members/${organisationId}` };
      },
      expect: coordinatorOnly(204),
    },
    // Cluster life: the public cluster page, its stories and evaluation report, the Interreg proxies (coordinators).
    { method: 'get', route: '/api/public/clusters/{id}', request: async () => ({ path: `/api/public/clusters/${clusterId}` }), expect: all(200) },
    { method: 'post', route: '/api/clusters/{id}/stories', request: async () => ({ path: `/api/clusters/${clusterId}/stories`, body: { title: 'Réussite', body: 'Une journée réussie.' } }), expect: coordinatorOnly(201) },
    {
      method: 'delete', route: '/api/clusters/{id}/stories/{storyId}',
      request: async () => {
        const [{ id }] = await t.dataSource.query(`INSERT INTO cluster_stories (cluster_id, title, body) VALUES ($1, 'Réussite', 'Texte') RETURNING id`, [clusterId]);
        return { path: `/api/clusters/${clusterId}/stories/${id}` };
      },
      expect: coordinatorOnly(204),
    },
    {
      // A story without a photo: coordinators pass the guard and are refused without a file (400), or find no photo to remove (404).
      method: 'post', route: '/api/clusters/{id}/stories/{storyId}/photo',
      request: async () => ({ path: `/api/clusters/${clusterId}/stories/${await storyOfCluster()}/photo`, body: {} }),
      expect: coordinatorOnly(400),
    },
    {
      method: 'delete', route: '/api/clusters/{id}/stories/{storyId}/photo',
      request: async () => ({ path: `/api/clusters/${clusterId}/stories/${await storyOfCluster()}/photo` }),
      expect: coordinatorOnly(404),
    },
    {
      method: 'get', route: '/api/public/clusters/{id}/stories/{storyId}/photo',
      request: async () => ({ path: `/api/public/clusters/${clusterId}/stories/${await storyOfCluster()}/photo` }),
      expect: all(404),
    },
    { method: 'get', route: '/api/clusters/{id}/evaluation', request: async () => ({ path: `/api/clusters/${clusterId}/evaluation?${PERIOD}` }), expect: coordinatorOnly(200) },
    { method: 'get', route: '/api/interreg', request: async () => ({ path: `/api/interreg?${PERIOD}` }), expect: coordinatorOnly(200) },
    { method: 'get', route: '/api/interreg.csv', request: async () => ({ path: `/api/interreg.csv?${PERIOD}` }), expect: coordinatorOnly(200) },
    // Open indicators: public aggregates.
    { method: 'get', route: '/api/open/indicators', request: async () => ({ path: '/api/open/indicators' }), expect: all(200) },
    { method: 'get', route: '/api/open/indicators.csv', request: async () => ({ path: '/api/open/indicators.csv' }), expect: all(200) },
    { method: 'get', route: '/api/open/datapackage.json', request: async () => ({ path: '/api/open/datapackage.json' }), expect: all(200) },
    // Sessions hosted by organisation A: public to read; its managers run them; a group registers for one of its own organisations.
    { method: 'get', route: '/api/sessions', request: async () => ({ path: '/api/sessions' }), expect: all(200) },
    { method: 'get', route: '/api/sessions/{id}', request: async () => ({ path: `/api/sessions/${await sessionOfA()}` }), expect: all(200) },
    {
      method: 'post', route: '/api/sessions',
      request: async () => ({ path: '/api/sessions', body: { kind: 'demonstration', organisationId: orgA, siteId: siteA, titleFr: 'Démonstration', start: instant(3, 8), end: instant(3, 10), seats: 20 } }),
      expect: managed(201),
    },
    { method: 'post', route: '/api/sessions/{id}/cancel', request: async () => ({ path: `/api/sessions/${await sessionOfA()}/cancel` }), expect: managed(200) },
    { method: 'get', route: '/api/sessions/{id}/registrations', request: async () => ({ path: `/api/sessions/${await sessionOfA()}/registrations` }), expect: managed(200) },
    {
      method: 'post', route: '/api/sessions/{id}/registrations',
      request: async () => ({ path: `/api/sessions/${await sessionOfA()}/registrations`, body: REGISTRATION() }),
      // Only members of the registering organisation; a coordinator, who sees every organisation, is refused rather than misled.
      expect: { anonymous: 401, coordinator: 403, manager: 201, member: 201, outsider: 404 },
    },
    {
      method: 'delete', route: '/api/sessions/{id}/registrations/{registrationId}',
      request: async () => {
        const { sessionId, registrationId } = await registrationOfA();
        return { path: `/api/sessions/${sessionId}/registrations/${registrationId}` };
      },
      expect: { anonymous: 401, coordinator: 204, manager: 204, member: 204, outsider: 404 },
    },
    { method: 'patch', route: '/api/sessions/{id}', request: async () => ({ path: `/api/sessions/${await sessionOfA()}`, body: { seats: 25 } }), expect: managed(200) },
    { method: 'put', route: '/api/sessions/{id}/attendance', request: async () => ({ path: `/api/sessions/${await sessionOfA(true)}/attendance`, body: { registrations: [] } }), expect: managed(200) },
    // Satisfaction: A rates what it booked elsewhere; partners see their own aggregates, and their comments.
    { method: 'get', route: '/api/satisfaction/pending', request: async () => ({ path: '/api/satisfaction/pending' }), expect: signedIn(200) },
    {
      method: 'post', route: '/api/satisfaction',
      request: async () => ({ path: '/api/satisfaction', body: { subject: 'booking', id: await completedBookingOfAElsewhere(), rater: 'booker', equipmentCondition: 4, welcome: 5, relevance: 4 } }),
      // Only the booking organisation rates it: to anyone else it is not rateable.
      expect: { anonymous: 401, coordinator: 422, manager: 201, member: 201, outsider: 422 },
    },
    // Coordinators: every partner; managers (the outsider manages B): their own organisations; plain members: nothing.
    { method: 'get', route: '/api/satisfaction/summary', request: async () => ({ path: '/api/satisfaction/summary' }), expect: { anonymous: 401, coordinator: 200, manager: 200, member: 403, outsider: 200 } },
    // The comments go to the partner rated only, never to the coordinators.
    { method: 'get', route: '/api/satisfaction/comments', request: async () => ({ path: '/api/satisfaction/comments' }), expect: { anonymous: 401, coordinator: 403, manager: 200, member: 403, outsider: 200 } },
    // Campaigns: run by organisation A; organisation B (a school too) is eligible, so it sees the campaign but not A's requests.
    {
      method: 'post', route: '/api/campaigns',
      request: async () => ({
        path: '/api/campaigns',
        body: { organisationId: orgA, name: 'Campagne', resourceIds: [resourceA], periodStart: day(0), periodEnd: day(30), windowOpensAt: instant(-200, 0), windowClosesAt: instant(-100, 0), publishBy: day(-1), sessionMinutes: 240 },
      }),
      expect: managed(201),
    },
    { method: 'get', route: '/api/campaigns', request: async () => ({ path: '/api/campaigns' }), expect: signedIn(200) },
    { method: 'get', route: '/api/campaigns/{id}', request: async () => ({ path: `/api/campaigns/${campaignA}` }), expect: signedIn(200) },
    {
      method: 'post', route: '/api/campaigns/{id}/requests',
      request: async () => ({ path: `/api/campaigns/${campaignA}/requests`, body: CAMPAIGN_REQUEST() }),
      // Only members of the requesting organisation may ask for it.
      expect: { anonymous: 401, coordinator: 404, manager: 201, member: 201, outsider: 404 },
    },
    {
      method: 'put', route: '/api/campaigns/{id}/requests/{requestId}',
      request: async () => ({ path: `/api/campaigns/${campaignA}/requests/${await campaignRequestOfA()}`, body: CAMPAIGN_REQUEST() }),
      expect: { anonymous: 401, coordinator: 404, manager: 200, member: 200, outsider: 404 },
    },
    {
      method: 'delete', route: '/api/campaigns/{id}/requests/{requestId}',
      request: async () => ({ path: `/api/campaigns/${campaignA}/requests/${await campaignRequestOfA()}` }),
      expect: { anonymous: 401, coordinator: 404, manager: 204, member: 204, outsider: 404 },
    },
    // The window is still open: the managers' actions are refused for that, the others' by access.
    {
      method: 'post', route: '/api/campaigns/{id}/closing',
      // A campaign of A of its own, closed early by its managers.
      request: async () => {
        const [{ id }] = await t.dataSource.query(
          `INSERT INTO campaigns (organisation_id, name, period_start, period_end, window_opens_at, window_closes_at, publish_by, session_minutes)
           SELECT organisation_id, name, period_start, period_end, window_opens_at, window_closes_at, publish_by, session_minutes FROM campaigns WHERE id = $1 RETURNING id`,
          [campaignA],
        );
        return { path: `/api/campaigns/${id}/closing` };
      },
      expect: managed(200),
    },
    { method: 'post', route: '/api/campaigns/{id}/allocation', request: async () => ({ path: `/api/campaigns/${campaignA}/allocation`, body: {} }), expect: managed(409) },
    {
      method: 'post', route: '/api/campaigns/{id}/allocations',
      request: async () => ({ path: `/api/campaigns/${campaignA}/allocations`, body: { requestId: await campaignRequestOfA(), resourceId: resourceA, start: instant(1, 8), end: instant(1, 12) } }),
      expect: managed(409),
    },
    { method: 'delete', route: '/api/campaigns/{id}/allocations/{allocationId}', request: async () => ({ path: `/api/campaigns/${campaignA}/allocations/${randomUUID()}` }), expect: managed(409) },
    { method: 'post', route: '/api/campaigns/{id}/publication', request: async () => ({ path: `/api/campaigns/${campaignA}/publication` }), expect: managed(409) },
    { method: 'post', route: '/api/campaigns/{id}/copy', request: async () => ({ path: `/api/campaigns/${campaignA}/copy`, body: {} }), expect: managed(201) },
    // Reports: every signed-in role gets its own view (network, partner or school); the scope is enforced in the query.
    ...['summary', 'trend', 'heatmap', 'equipment', 'partnerships', 'learners', 'shortage', 'unmet'].map((block): Row => ({
      method: 'get', route: `/api/reports/${block}`, request: async () => ({ path: `/api/reports/${block}?from=${day(0)}&to=${day(29)}` }), expect: signedIn(200),
    })),
    { method: 'get', route: '/api/reports/{block}.csv', request: async () => ({ path: `/api/reports/equipment.csv?from=${day(0)}&to=${day(29)}` }), expect: signedIn(200) },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    orgA = await createOrganisation(t.dataSource, { name: 'Organisation A' });
    orgB = await createOrganisation(t.dataSource, { name: 'Organisation B', country: 'FR' });
    [{ id: clusterId }] = await t.dataSource.query(`INSERT INTO clusters (name, sector) VALUES ('Pôle A', 'industry') RETURNING id`);
    [{ id: occupationId }] = await t.dataSource.query('SELECT id FROM occupations LIMIT 1');
    [{ id: siteA }] = await t.dataSource.query(`INSERT INTO sites (organisation_id, name, country, region) VALUES ($1, 'Site A', 'BE', 'WAL') RETURNING id`, [orgA]);
    [{ id: resourceA }] = await t.dataSource.query(`INSERT INTO resources (organisation_id, site_id, kind, name_fr) VALUES ($1, $2, 'machine', 'Tour A') RETURNING id`, [orgA, siteA]);
    const orgC = await createOrganisation(t.dataSource, { name: 'Organisation C' });
    const [{ id: siteC }] = await t.dataSource.query(`INSERT INTO sites (organisation_id, name, country, region) VALUES ($1, 'Site C', 'BE', 'WAL') RETURNING id`, [orgC]);
    [{ id: resourceC }] = await t.dataSource.query(`INSERT INTO resources (organisation_id, site_id, kind, name_fr) VALUES ($1, $2, 'machine', 'Fraiseuse C') RETURNING id`, [orgC, siteC]);
    [{ id: credentialA }] = await t.dataSource.query(`INSERT INTO credentials (organisation_id, name_fr) VALUES ($1, 'Habilitation A') RETURNING id`, [orgA]);
    [{ id: campaignA }] = await t.dataSource.query(
      `INSERT INTO campaigns (organisation_id, name, period_start, period_end, window_opens_at, window_closes_at, publish_by, session_minutes)
       VALUES ($1, 'Campagne A', $2, $3, $4, $5, $2, 240) RETURNING id`,
      [orgA, day(0), day(30), now('UTC').minus({ days: 1 }).toJSDate(), now('UTC').plus({ days: 60 }).toJSDate()],
    );
    await t.dataSource.query('INSERT INTO campaign_items (campaign_id, resource_id) VALUES ($1, $2)', [campaignA, resourceA]);
    const users = {
      coordinator: await createUser(t.dataSource, { coordinator: true }),
      manager: await createUser(t.dataSource, { memberships: [[orgA, 'manager']] }),
      member: await createUser(t.dataSource, { memberships: [[orgA, 'member']] }),
      outsider: await createUser(t.dataSource, { memberships: [[orgB, 'manager']] }),
    };
    for (const [role, user] of Object.entries(users)) {
      emails[role as Role] = user.email;
      cookies[role as Role] = await signIn(t, user.email);
    }
  });
  afterAll(() => t.close());

  it('lists every endpoint of the API', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(rows.map((row) => `${row.method} ${row.route}`).sort()).toEqual(documented.sort());
  });

  for (const role of ROLES) {
    it(`answers each endpoint as expected for the ${role}`, async () => {
      const failures: string[] = [];
      // Logging out ends the session: keep it for last.
      for (const row of [...rows].sort((a, b) => Number(a.route === '/api/auth/logout') - Number(b.route === '/api/auth/logout'))) {
        const { path, body } = await row.request();
        let call = t.http()[row.method](path);
        if (cookies[role]) call = call.set('Cookie', cookies[role]!);
        const response = await (body ? call.send(body) : call);
        if (response.status !== row.expect[role]) failures.push(`${row.method.toUpperCase()} ${path}: ${response.status} (expected ${row.expect[role]}) ${JSON.stringify(response.body).slice(0, 200)}`);
      }
      if (emails[role]) cookies[role] = await signIn(t, emails[role]!);
      expect(failures).toEqual([]);
    });
  }

  it('ignores client-set roles and ownership (no mass assignment)', async () => {
    await t.http().patch('/api/auth/me').set('Cookie', cookies.member!).send({ isCoordinator: true }).expect(400);
    await t.http().post('/api/organisations').set('Cookie', cookies.coordinator!).send({ kind: 'school', name: 'X', country: 'BE', id: randomUUID() }).expect(400);
    await t.http().patch(`/api/clusters/${clusterId}`).set('Cookie', cookies.coordinator!).send({ id: randomUUID() }).expect(400);
    const me = await t.http().get('/api/auth/me').set('Cookie', cookies.member!).expect(200);
    expect(me.body.isCoordinator).toBe(false);
  });
});
