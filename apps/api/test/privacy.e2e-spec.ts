import { EXPORT_CATEGORIES, ERROR_MESSAGES, ErrorCode, REPORT_BLOCKS } from '@equipole/shared';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DateTime } from 'luxon';
import { createApp } from '../src/bootstrap';
import { DemoDataService } from '../src/database/demo/demo-data.service';
import { ScheduledJobs } from '../src/jobs/scheduled-jobs.service';
import { serverUrl } from './support/databases';
import { createOrganisation, createUser, PASSWORD, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const ALICE = 'Alice Privée-Testeuse';
const BOB = 'Bob Autre-Personne';
const CARLA = 'Carla Gestion-Seule';

/**
 * Issue 23: a person's data export holds every category of their data and nothing of anyone
 * else; an erased account cannot sign in and its name is gone from the API; the retention periods
 * clear what is past them, once, whichever instance runs the job; and no report figure moves.
 */
describe('personal data', () => {
  let t: TestApp;
  let owner: string;
  let school: string;
  let resource: string;
  let site: string;
  let alice: { id: string; email: string };
  let bob: { id: string; email: string };
  let carla: { id: string; email: string };
  let coordinator: { id: string; email: string };
  let ownerManager: { id: string; email: string };
  let coordinatorCookie: string;
  let managerCookie: string;
  let aliceBooking: string;
  let bobBooking: string;
  let pastBooking: string;
  let campaignId: string;
  let trainingSession: string;
  const q = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(sql, params); // eslint-disable-line @typescript-eslint/no-explicit-any
  const at = (days: number, hour = 10) => DateTime.fromJSDate(t.clock.now(), { zone: 'Europe/Brussels' }).startOf('day').plus({ days, hours: hour }).toJSDate();

  beforeAll(async () => {
    t = await startTestApp(process.env.DEBUG_LOG ? { LOG_LEVEL: 'error' } : {});
    await t.app.get(DemoDataService).seedIfEmpty();
    owner = await createOrganisation(t.dataSource, { name: 'Centre Privé Propriétaire', kind: 'training_centre' });
    school = await createOrganisation(t.dataSource, { name: 'École Seule Gestion' });
    alice = await createUser(t.dataSource, { name: ALICE, memberships: [[school, 'member'], [owner, 'manager']] });
    bob = await createUser(t.dataSource, { name: BOB, memberships: [[school, 'member']] });
    carla = await createUser(t.dataSource, { name: CARLA, locale: 'nl', memberships: [[school, 'manager']] });
    ownerManager = await createUser(t.dataSource, { name: 'Owen Propriétaire', memberships: [[owner, 'manager']] });
    coordinator = await createUser(t.dataSource, { name: 'Coralie Coordination', coordinator: true });
    coordinatorCookie = await signIn(t, coordinator.email);
    managerCookie = await signIn(t, ownerManager.email);
    [{ id: site }] = await q(`INSERT INTO sites (organisation_id, name, country, region) VALUES ($1, 'Halle privée', 'BE', 'WAL') RETURNING id`, [owner]);
    [{ id: resource }] = await q(`INSERT INTO resources (organisation_id, site_id, kind, name_fr) VALUES ($1, $2, 'machine', 'Tour privé') RETURNING id`, [owner, site]);
    const booking = async (bookedBy: string, start: Date, values: { notes?: string; teacher?: string; trainer?: string; status?: string } = {}) => {
      const end = new Date(start.getTime() + 3_600_000);
      const [{ id }] = await q(
        `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, trainer_id, period, blocked, status, purpose, notes, class_teacher, expected_pupils)
         VALUES ($1, $2, $3, $4, tstzrange($5, $6), tstzrange($5, $6), $7, 'course', $8, $9, 12) RETURNING id`,
        [resource, school, bookedBy, values.trainer ?? null, start, end, values.status ?? 'confirmed', values.notes ?? null, values.teacher ?? null],
      );
      await q(`INSERT INTO booking_events (booking_id, actor_id, action, details) VALUES ($1, $2, 'created', '{"status":"confirmed"}')`, [id, bookedBy]);
      return id as string;
    };
    aliceBooking = await booking(alice.id, at(20), { notes: 'Note écrite par Alice', teacher: 'Mme Enseignante-Alice' });
    bobBooking = await booking(bob.id, at(21), { notes: 'Secret de Bob', teacher: 'M. Professeur-Bob', trainer: alice.id });
    pastBooking = await booking(bob.id, at(-3), { status: 'completed' });
    await q(
      `UPDATE bookings SET attendance_recorded_by_id = $2, attendance_recorded_at = now(), actual_pupils = 11, actual_start = lower(period), actual_end = upper(period) WHERE id = $1`,
      [pastBooking, alice.id],
    );
    await q(`INSERT INTO booking_events (booking_id, actor_id, action, details) VALUES ($1, $2, 'cancelled', '{"reason":null}')`, [bobBooking, alice.id]);
    await q(
      `INSERT INTO waitlist_entries (resource_id, organisation_id, user_id, period, purpose) VALUES ($1, $2, $3, tstzrange($4, $5), 'course')`,
      [resource, school, alice.id, at(22), at(22, 12)],
    );
    await q(`UPDATE users SET email_opt_outs = '{digest}' WHERE id = $1`, [alice.id]);
    const [{ id: clusterId }] = await q(`INSERT INTO clusters (name, sector) VALUES ('Pôle privé', 'industry') RETURNING id`);
    await q('INSERT INTO cluster_coordinators (cluster_id, user_id) VALUES ($1, $2)', [clusterId, alice.id]);
    await q(`INSERT INTO cluster_stories (cluster_id, title, body, created_by_id) VALUES ($1, 'Récit d’Alice', 'Un atelier réussi', $2)`, [clusterId, alice.id]);
    await q(`INSERT INTO calendar_feeds (token_hash, user_id, created_by_id) VALUES (gen_random_bytes(32), $1, $1)`, [alice.id]);
    await q(
      `INSERT INTO breakdown_reports (resource_id, reported_by_id, category, description, reported_at) VALUES ($1, $2, 'other', 'Fuite vue par Alice', now())`,
      [resource, alice.id],
    );
    const [{ id: credentialId }] = await q(`INSERT INTO credentials (organisation_id, name_fr) VALUES ($1, 'Habilitation tour') RETURNING id`, [owner]);
    await q(`INSERT INTO credential_grants (credential_id, user_id, expires_on, note) VALUES ($1, $2, '2099-01-01', 'Formée par Owen')`, [credentialId, alice.id]);
    [{ id: campaignId }] = await q(
      `INSERT INTO campaigns (organisation_id, name, period_start, period_end, window_opens_at, window_closes_at, publish_by, session_minutes)
       VALUES ($1, 'Campagne privée', $2::date, $3::date, $4, $5, $2::date, 240) RETURNING id`,
      [owner, at(30), at(60), at(-1), at(10)],
    );
    await q(
      `INSERT INTO campaign_requests (campaign_id, organisation_id, requested_by_id, resource_id, sessions, class_level, pupils, class_teacher, notes)
       VALUES ($1, $2, $3, $4, 1, 'secondary', 10, 'Mme Enseignante-Alice', 'Demande d’Alice'), ($1, $2, $5, $4, 1, 'secondary', 10, 'M. Professeur-Bob', 'Demande de Bob')`,
      [campaignId, school, alice.id, resource, bob.id],
    );
    [{ id: trainingSession }] = await q(
      `INSERT INTO training_sessions (kind, title_fr, organisation_id, site_id, period, seats, registration_deadline)
       VALUES ('demonstration', 'Démonstration privée', $1, $2, tstzrange($3, $4), 20, $3) RETURNING id`,
      [owner, site, at(-2), at(-2, 12)],
    );
    const [{ id: registration }] = await q(
      `INSERT INTO session_registrations (session_id, organisation_id, registered_by_id, contact_name, contact_email, contact_phone, pupils, status)
       VALUES ($1, $2, $3, $4, $5, '+32 470 00 00 01', 5, 'registered') RETURNING id`,
      [trainingSession, school, alice.id, ALICE, alice.email],
    );
    await q(
      `INSERT INTO session_registrations (session_id, organisation_id, registered_by_id, contact_name, contact_email, pupils, status)
       VALUES ($1, $2, $3, $4, $5, 4, 'registered')`,
      [trainingSession, owner, bob.id, BOB, bob.email],
    );
    await q(
      `INSERT INTO satisfaction_ratings (registration_id, rater, organisation_id, user_id, equipment_condition, welcome, relevance, comment)
       VALUES ($1, 'booker', $2, $3, 4, 5, 4, 'Commentaire d’Alice')`,
      [registration, school, alice.id],
    );
    await q(
      `INSERT INTO outbox (kind, recipient, locale, subject, text_body, html_body, message_id) VALUES
        ('booking_confirmed', $1, 'fr', 'Réservation confirmée', 'Bonjour ${ALICE}, c’est confirmé.', '<p>Bonjour ${ALICE}</p>', gen_random_uuid()::text),
        ('booking_requested', $2, 'fr', 'Nouvelle demande', '${ALICE} demande le Tour privé.', '<p>${ALICE} demande</p>', gen_random_uuid()::text),
        ('booking_confirmed', $3, 'fr', 'Réservation confirmée', 'Bonjour ${BOB}', '<p>Bonjour ${BOB}</p>', gen_random_uuid()::text)`,
      [alice.email, ownerManager.email, bob.email],
    );
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('access and portability', () => {
    it('exports every category of the signed-in person’s data, and nothing of other people', async () => {
      const cookie = await signIn(t, alice.email);
      const response = await t.http().get('/api/privacy/export').set('Cookie', cookie).expect(200);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="equipole-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
      const data = response.body;
      expect(data.format).toBe('equipole-personal-data/1');
      for (const category of EXPORT_CATEGORIES) {
        const value = data[category];
        expect({ category, present: Array.isArray(value) ? value.length > 0 : Boolean(value) }).toEqual({ category, present: true });
      }
      expect(data.profile).toMatchObject({ id: alice.id, name: ALICE, email: alice.email });
      expect(data.notificationSettings).toEqual({ emailOptOuts: ['digest'] });
      const roles = Object.fromEntries(data.bookings.map((b: { id: string; yourRoles: string[] }) => [b.id, b.yourRoles]));
      expect(roles).toEqual({ [aliceBooking]: ['booked'], [bobBooking]: ['trainer'] });
      expect(data.attendanceRecorded.map((row: { bookingId: string }) => row.bookingId)).toEqual([pastBooking]);
      expect(data.auditLog.map((row: { action: string }) => row.action).sort()).toEqual(['cancelled', 'created']);
      const text = JSON.stringify(data);
      for (const other of [BOB, bob.email, bob.id, 'Secret de Bob', 'M. Professeur-Bob', 'Demande de Bob', CARLA, carla.email, ownerManager.email, 'Owen Propriétaire', coordinator.email]) {
        expect({ other, found: text.includes(other) }).toEqual({ other, found: false });
      }
    });

    it('gives a readable summary in the person’s language', async () => {
      await q(`UPDATE users SET locale = 'nl' WHERE id = $1`, [alice.id]);
      try {
        const cookie = await signIn(t, alice.email);
        const response = await t.http().get('/api/privacy/export.html').set('Cookie', cookie).expect(200);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toContain('<html lang="nl">');
        for (const heading of ['Uw gegevens in Equipôle', 'Profiel', 'Wachtlijsten', 'Geregistreerde aanwezigheden', 'Logboek van uw acties']) expect(response.text).toContain(heading);
        expect(response.text).toContain(ALICE);
        expect(response.text).not.toContain(BOB);
        // Its style element carries the response's CSP nonce.
        const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))![1];
        expect(response.text).toContain(`<style nonce="${nonce}">`);
      } finally {
        await q(`UPDATE users SET locale = 'fr' WHERE id = $1`, [alice.id]);
      }
    });

    it('needs a session', async () => {
      await t.http().get('/api/privacy/export').expect(401);
      await t.http().get('/api/privacy/export.html').expect(401);
    });

    it('shows the operator’s details and the retention periods to anyone', async () => {
      const notice = await startTestApp({ PRIVACY_CONTROLLER_NAME: 'Pôle Escaut ASBL', PRIVACY_CONTACT_EMAIL: 'Privacy@Escaut.test', PRIVACY_DPO_ADDRESS: 'DPO, rue du Port 1, 7500 Tournai', RETENTION_NOTES_MONTHS: '12' });
      try {
        const { body } = await notice.http().get('/api/privacy/notice').expect(200);
        expect(body).toEqual({
          controller: { name: 'Pôle Escaut ASBL', contactEmail: 'privacy@escaut.test', dpoAddress: 'DPO, rue du Port 1, 7500 Tournai' },
          retention: { notesMonths: 12, sessionsDays: 30, outboxDays: 90, inactiveMonths: 36, warningDays: 30, participantNamesMonths: 12 },
        });
      } finally {
        await notice.close();
      }
      const { body } = await t.http().get('/api/privacy/notice').expect(200);
      expect(body.controller).toEqual({ name: null, contactEmail: null, dpoAddress: null });
    });
  });

  describe('erasure', () => {
    it('refuses to erase the last manager of an organisation, with a translated message', async () => {
      const response = await t.http().post(`/api/privacy/users/${carla.id}/erase`).set('Cookie', coordinatorCookie).expect(409);
      expect(response.body).toMatchObject({
        code: ErrorCode.ErasureLastManager,
        message: ERROR_MESSAGES.fr[ErrorCode.ErasureLastManager].replace('{organisations}', 'École Seule Gestion'),
        details: { organisations: [{ id: school, name: 'École Seule Gestion' }] },
      });
      const carlaCookie = await signIn(t, carla.email);
      const own = await t.http().post('/api/privacy/close-account').set('Cookie', carlaCookie).send({ password: PASSWORD }).expect(409);
      expect(own.body.message).toBe(ERROR_MESSAGES.nl[ErrorCode.ErasureLastManager].replace('{organisations}', 'École Seule Gestion'));
      await t.http().get('/api/auth/me').set('Cookie', carlaCookie).expect(200);
    });

    it('refuses to erase the last coordinator', async () => {
      const others: { id: string }[] = await q('SELECT id FROM users WHERE is_coordinator AND id <> $1', [coordinator.id]);
      await q('UPDATE users SET is_coordinator = false WHERE id = ANY($1::uuid[])', [others.map((row) => row.id)]);
      try {
        const cookie = await signIn(t, coordinator.email);
        const response = await t.http().post('/api/privacy/close-account').set('Cookie', cookie).send({ password: PASSWORD }).expect(409);
        expect(response.body).toMatchObject({ code: ErrorCode.LastCoordinator, message: ERROR_MESSAGES.fr[ErrorCode.LastCoordinator] });
      } finally {
        await q('UPDATE users SET is_coordinator = true WHERE id = ANY($1::uuid[])', [others.map((row) => row.id)]);
      }
    });

    it('lets only coordinators erase someone else', async () => {
      const bobCookie = await signIn(t, bob.email);
      await t.http().post(`/api/privacy/users/${alice.id}/erase`).set('Cookie', bobCookie).expect(403);
      await t.http().post(`/api/privacy/users/${alice.id}/erase`).expect(401);
      await t.http().post('/api/privacy/users/00000000-0000-4000-8000-000000000000/erase').set('Cookie', coordinatorCookie).expect(404);
    });

    it('closes an account confirmed by password: no sign-in, the name gone from the API, the figures kept', async () => {
      const cookie = await signIn(t, alice.email);
      const second = await signIn(t, alice.email);
      const wrong = await t.http().post('/api/privacy/close-account').set('Cookie', cookie).send({ password: 'not my password at all' }).expect(401);
      expect(wrong.body.code).toBe(ErrorCode.InvalidCredentials);
      await t.http().post('/api/privacy/close-account').set('Cookie', cookie).send({}).expect(400);
      const [before] = await q('SELECT count(*)::int AS bookings, sum(expected_pupils)::int AS pupils FROM bookings WHERE booked_by_id = $1 OR trainer_id = $1', [alice.id]);

      const closed = await t.http().post('/api/privacy/close-account').set('Cookie', cookie).send({ password: PASSWORD }).expect(204);
      expect(String(closed.headers['set-cookie'])).toMatch(/equipole_session=;/);

      await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
      await t.http().get('/api/auth/me').set('Cookie', second).expect(401);
      await t.http().post('/api/auth/login').send({ email: alice.email, password: PASSWORD }).expect(401);
      // A reset link cannot bring it back: the address no longer has an account.
      await t.http().post('/api/auth/password-reset').send({ email: alice.email }).expect(202);

      const [after] = await q('SELECT count(*)::int AS bookings, sum(expected_pupils)::int AS pupils FROM bookings WHERE booked_by_id = $1 OR trainer_id = $1', [alice.id]);
      expect(after).toEqual(before);
      const [row] = await q(`SELECT b.organisation_id, b.notes, b.class_teacher, b.actual_pupils FROM bookings b WHERE b.id = $1`, [aliceBooking]);
      expect(row).toEqual({ organisation_id: school, notes: null, class_teacher: null, actual_pupils: null });
      const [bobs] = await q('SELECT notes, class_teacher FROM bookings WHERE id = $1', [bobBooking]);
      expect(bobs).toEqual({ notes: 'Secret de Bob', class_teacher: 'M. Professeur-Bob' });
      const [attended] = await q('SELECT actual_pupils, attendance_recorded_by_id FROM bookings WHERE id = $1', [pastBooking]);
      expect(attended).toEqual({ actual_pupils: 11, attendance_recorded_by_id: alice.id });
      const [{ feeds }] = await q('SELECT count(*)::int AS feeds FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL', [alice.id]);
      expect(feeds).toBe(0);

      const bobCookie = await signIn(t, bob.email);
      const carlaCookie = await signIn(t, carla.email);
      const readers: [string, string][] = [
        [coordinatorCookie, '/api/outbox?limit=200'],
        [coordinatorCookie, `/api/bookings/${bobBooking}`],
        [coordinatorCookie, `/api/bookings/${bobBooking}/events`],
        [coordinatorCookie, `/api/bookings/${aliceBooking}`],
        [coordinatorCookie, `/api/bookings/${aliceBooking}/events`],
        [coordinatorCookie, `/api/bookings/${pastBooking}`],
        [coordinatorCookie, `/api/organisations/${school}/members`],
        [coordinatorCookie, `/api/organisations/${owner}/members`],
        [coordinatorCookie, `/api/sessions/${trainingSession}/registrations`],
        [coordinatorCookie, `/api/campaigns/${campaignId}`],
        [managerCookie, '/api/bookings?limit=200'],
        [managerCookie, '/api/breakdowns'],
        [managerCookie, '/api/satisfaction/comments'],
        [carlaCookie, '/api/bookings?limit=200'],
        [carlaCookie, '/api/waitlist'],
        [bobCookie, '/api/bookings?limit=200'],
        [bobCookie, '/api/privacy/export'],
      ];
      for (const [reader, path] of readers) {
        const response = await t.http().get(path).set('Cookie', reader);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        for (const trace of [ALICE, alice.email, 'Note écrite par Alice', 'Mme Enseignante-Alice', 'Commentaire d’Alice', '+32 470']) {
          expect({ path, trace, found: response.text.includes(trace) }).toEqual({ path, trace, found: false });
        }
      }
      const [{ named }] = await q(
        `SELECT count(*)::int AS named FROM outbox WHERE recipient = $1 OR text_body LIKE '%' || $2 || '%' OR html_body LIKE '%' || $2 || '%' OR subject LIKE '%' || $2 || '%'`,
        [alice.email, ALICE],
      );
      expect(named).toBe(0);
    });

    it('lets a coordinator erase someone who wrote in, once', async () => {
      await t.http().post(`/api/privacy/users/${bob.id}/erase`).set('Cookie', coordinatorCookie).expect(204);
      await t.http().post('/api/auth/login').send({ email: bob.email, password: PASSWORD }).expect(401);
      await t.http().post(`/api/privacy/users/${bob.id}/erase`).set('Cookie', coordinatorCookie).expect(404);
      const { body } = await t.http().get(`/api/organisations/${school}/members`).set('Cookie', coordinatorCookie).expect(200);
      expect(JSON.stringify(body)).not.toContain(BOB);
    });
  });

  describe('retention', () => {
    const extraApps: NestExpressApplication[] = [];
    afterAll(async () => {
      for (const app of extraApps) await app.close();
    });

    it('clears what is past its period, leaves the rest, and runs once per period across instances', async () => {
      const nowMs = t.clock.nowMs();
      const monthsAgo = (months: number) => DateTime.fromMillis(nowMs).minus({ months }).toJSDate();
      const school2 = await createOrganisation(t.dataSource);
      const booker = await createUser(t.dataSource, { memberships: [[school2, 'member']] });
      const mk = async (ended: Date, notes: string) => {
        const start = new Date(ended.getTime() - 3_600_000);
        const [{ id }] = await q(
          `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, notes, class_teacher, actual_pupils)
           VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'completed', 'course', $6, 'Professeur', 9) RETURNING id`,
          [resource, school2, booker.id, start, ended, notes],
        );
        return id as string;
      };
      const oldBooking = await mk(monthsAgo(25), 'Ancienne note');
      const recentBooking = await mk(monthsAgo(23), 'Note récente');
      const [{ id: oldSession }] = await q(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (gen_random_bytes(32), $1, now() - interval '31 days') RETURNING id`, [booker.id]);
      const [{ id: recentSession }] = await q(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (gen_random_bytes(32), $1, now() - interval '29 days') RETURNING id`, [booker.id]);
      const [{ id: revokedSession }] = await q(
        `INSERT INTO sessions (token_hash, user_id, expires_at, revoked_at) VALUES (gen_random_bytes(32), $1, now() + interval '5 days', now() - interval '40 days') RETURNING id`,
        [booker.id],
      );
      const [{ id: oldEmail }] = await q(
        `INSERT INTO outbox (kind, recipient, locale, subject, text_body, html_body, status, sent_at, message_id) VALUES ('booking_confirmed', $1, 'fr', 'Ancien', 'Corps ancien', '<p>x</p>', 'sent', now() - interval '91 days', gen_random_uuid()::text) RETURNING id`,
        [booker.email],
      );
      const [{ id: recentEmail }] = await q(
        `INSERT INTO outbox (kind, recipient, locale, subject, text_body, html_body, status, sent_at, message_id) VALUES ('booking_confirmed', $1, 'fr', 'Récent', 'Corps récent', '<p>y</p>', 'sent', now() - interval '89 days', gen_random_uuid()::text) RETURNING id`,
        [booker.email],
      );
      const sleeper = await createUser(t.dataSource, { name: 'Dormeur Inactif', memberships: [[school2, 'member']] });
      const lonelyManager = await createUser(t.dataSource, { name: 'Gestionnaire Seul Inactif', memberships: [[await createOrganisation(t.dataSource), 'manager']] });
      const awake = await createUser(t.dataSource, { name: 'Éveillé Actif', memberships: [[school2, 'member']] });
      await q(`UPDATE users SET last_sign_in_at = now() - interval '37 months' WHERE id = ANY($1::uuid[])`, [[sleeper.id, lonelyManager.id]]);
      await q(`UPDATE users SET last_sign_in_at = now() - interval '35 months' WHERE id = $1`, [awake.id]);
      // Everyone else is recent for this test (the demo's accounts were made just now).

      // Two more API instances on the same database server, each with its own job runner (PGlite serves one process).
      for (let i = 0; serverUrl() && i < 2; i++) extraApps.push(await createApp(t.config));
      const runners = [t.app, ...extraApps].map((app) => app.get(ScheduledJobs));
      const period = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 * 1000);
      const results = await Promise.all(runners.map((runner) => runner.applyRetention(t.clock.now(), period)));
      const ran = results.filter((result) => result !== null);
      expect(ran).toHaveLength(1);
      expect(ran[0]).toMatchObject({ sessions: expect.any(Number), emailBodies: expect.any(Number), inactiveWarned: 2, inactiveAnonymised: 0 });
      expect(ran[0]!.bookingNotes).toBeGreaterThanOrEqual(1);
      const [{ runs }] = await q(`SELECT count(*)::int AS runs FROM job_runs WHERE job = 'retention' AND period_end = $1 AND error IS NULL`, [period]);
      expect(runs).toBe(1);

      const notes = await q('SELECT id, notes, class_teacher, actual_pupils FROM bookings WHERE id = ANY($1::uuid[]) ORDER BY notes NULLS FIRST', [[oldBooking, recentBooking]]);
      expect(notes).toEqual([
        { id: oldBooking, notes: null, class_teacher: null, actual_pupils: 9 },
        { id: recentBooking, notes: 'Note récente', class_teacher: 'Professeur', actual_pupils: 9 },
      ]);
      const sessions = await q('SELECT id FROM sessions WHERE id = ANY($1::uuid[])', [[oldSession, recentSession, revokedSession]]);
      expect(sessions).toEqual([{ id: recentSession }]);
      const emails = await q('SELECT id, text_body, html_body, subject FROM outbox WHERE id = ANY($1::uuid[]) ORDER BY subject', [[oldEmail, recentEmail]]);
      expect(emails).toEqual([
        { id: oldEmail, text_body: '', html_body: null, subject: 'Ancien' },
        { id: recentEmail, text_body: 'Corps récent', html_body: '<p>y</p>', subject: 'Récent' },
      ]);
      const warnings = await q(`SELECT recipient, subject, text_body FROM outbox WHERE kind = 'account_inactive' ORDER BY recipient`);
      expect(warnings.map((w) => w.recipient).sort()).toEqual([sleeper.email, lonelyManager.email].sort());
      expect(warnings[0].text_body).toContain('/privacy');

      // The same period again, on any instance: nothing more.
      expect(await runners.at(-1)!.applyRetention(t.clock.now(), period)).toBeNull();
      // The next period: nothing left to clear, and the warned accounts wait for their warning period.
      const next = await runners.at(-1)!.applyRetention(t.clock.now(), new Date(period.getTime() + 86_400_000));
      expect(next).toEqual({
        bookingNotes: 0, campaignNotes: 0, sessionContacts: 0, ratingComments: 0, participantNames: 0, sessions: 0, emailBodies: 0, inactiveWarned: 0, inactiveAnonymised: 0, inactiveKept: 0,
      });

      // The warning period has passed: the sleeper is anonymised, the last manager kept, the active one untouched.
      await q(`UPDATE users SET inactivity_warned_at = now() - interval '31 days' WHERE id = ANY($1::uuid[])`, [[sleeper.id, lonelyManager.id]]);
      const later = await runners[0].applyRetention(t.clock.now(), new Date(period.getTime() + 2 * 86_400_000));
      expect(later).toMatchObject({ inactiveAnonymised: 1, inactiveKept: 1, inactiveWarned: 0 });
      const accounts = await q('SELECT id, name, anonymised_at IS NOT NULL AS anonymised FROM users WHERE id = ANY($1::uuid[]) ORDER BY name', [[sleeper.id, lonelyManager.id, awake.id]]);
      expect(accounts).toEqual(expect.arrayContaining([
        { id: sleeper.id, name: `Anonyme ${sleeper.id.slice(0, 8)}`, anonymised: true },
        { id: lonelyManager.id, name: 'Gestionnaire Seul Inactif', anonymised: false },
        { id: awake.id, name: 'Éveillé Actif', anonymised: false },
      ]));
      // Signing in forgets a warning.
      await q(`UPDATE users SET last_sign_in_at = now() - interval '37 months' WHERE id = $1`, [awake.id]);
      await runners[0].applyRetention();
      await signIn(t, awake.email);
      const [{ warned }] = await q('SELECT inactivity_warned_at AS warned FROM users WHERE id = $1', [awake.id]);
      expect(warned).toBeNull();
    }, 120_000);
  });

  describe('indicators', () => {
    it('computes every report block the same before and after erasing people and applying retention', async () => {
      const today = DateTime.fromJSDate(t.clock.now(), { zone: 'Europe/Brussels' });
      const period = `from=${today.minus({ days: 700 }).toISODate()}&to=${today.plus({ days: 90 }).toISODate()}`;
      const paths = [
        ...REPORT_BLOCKS.map((block) => `/api/reports/${block}?${period}&scope=network`),
        `/api/interreg?${period}`,
        '/api/open/indicators',
        '/api/satisfaction/summary',
      ];
      const snapshot = async () => {
        const blocks: Record<string, unknown> = {};
        for (const path of paths) {
          const response = await t.http().get(path).set('Cookie', coordinatorCookie);
          expect({ path, status: response.status }).toEqual({ path, status: 200 });
          blocks[path] = response.body;
        }
        return JSON.parse(JSON.stringify(blocks).replace(/"(generatedAt|asOf|computedAt)":"[^"]*"/g, '"$1":"-"'));
      };
      const before = await snapshot();

      // Three people left for the inactivity rule; everyone else who can be is erased on request.
      const sleepers = await Promise.all([1, 2, 3].map(() => createUser(t.dataSource, { memberships: [[owner, 'member']] })));
      const people: { id: string }[] = await q(`SELECT id FROM users WHERE anonymised_at IS NULL AND NOT (id = ANY($1::uuid[])) ORDER BY id`, [
        [coordinator.id, ...sleepers.map((sleeper) => sleeper.id)],
      ]);
      let erased = 0;
      for (const { id } of people) {
        const response = await t.http().post(`/api/privacy/users/${id}/erase`).set('Cookie', coordinatorCookie);
        expect({ id, answer: [204, 409].includes(response.status) ? 'ok' : response.body }).toEqual({ id, answer: 'ok' });
        if (response.status === 204) erased += 1;
      }
      expect(erased).toBeGreaterThanOrEqual(5);
      // Every other account unused for years, warned long ago; every booking's text past its period.
      await q(`UPDATE users SET last_sign_in_at = now() - interval '10 years' WHERE id <> $1`, [coordinator.id]);
      const jobs = t.app.get(ScheduledJobs);
      const farFuture = DateTime.fromJSDate(t.clock.now()).plus({ years: 10 }).toJSDate();
      await jobs.applyRetention(farFuture);
      await q(`UPDATE users SET inactivity_warned_at = now() - interval '1 year' WHERE inactivity_warned_at IS NOT NULL`);
      const last = await jobs.applyRetention(farFuture);
      expect(last!.inactiveAnonymised).toBeGreaterThanOrEqual(3);
      const [{ notes }] = await q('SELECT count(*)::int AS notes FROM bookings WHERE notes IS NOT NULL OR class_teacher IS NOT NULL');
      expect(notes).toBe(0);

      expect(await snapshot()).toEqual(before);
    }, 300_000);
  });
});
