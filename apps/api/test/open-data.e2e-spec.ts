import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INDICATOR_VERSION, MAX_REPORT_DAYS } from '@equipole/shared';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4c80000000049454e44ae426082', 'hex');
const ALWAYS_OPEN = {
  openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  slotMinutes: 30, minDurationMinutes: 30, maxDurationMinutes: 480, leadTimeMinutes: 0, horizonDays: 365,
  bufferBeforeMinutes: 0, bufferAfterMinutes: 0, approvalMode: 'automatic', quotaWeekMinutes: null, quotaMonthMinutes: null,
  accessPolicy: 'all', cancelCutoffHours: 0,
};

/**
 * Open indicators, a cluster's public page, its evaluation report and the Interreg proxies: figures
 * from the coordinator's own reports, aggregates only, cells behind fewer than 3 organisations suppressed.
 */
describe('open data and cluster pages', () => {
  let t: TestApp;
  let coordinatorCookie: string;
  let memberCookie: string;
  let clusterId: string;
  let welder: string;
  const month = now().startOf('month').minus({ months: 1 });
  const monthIso = month.toFormat('yyyy-MM');
  const from = month.toISODate()!;
  const to = month.endOf('month').toISODate()!;
  const names: string[] = [];
  const emails: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    coordinatorCookie = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    const org = async (name: string, country: 'BE' | 'FR', kind = 'school') => {
      names.push(name);
      return createOrganisation(t.dataSource, { name, country, kind });
    };
    const ownerBE = await org('Centre Escaut', 'BE', 'training_centre');
    const ownerFR = await org('Plateau Lys', 'FR', 'training_centre');
    const lycee = await org('Lycée du Beffroi', 'FR');
    const athenee = await org('Athénée des Collines', 'BE');
    const manager = await createUser(t.dataSource, { email: 'manager@example.test', memberships: [[ownerBE, 'manager'], [ownerFR, 'manager']] });
    const teacher = await createUser(t.dataSource, { email: 'teacher@example.test', memberships: [[lycee, 'member'], [athenee, 'member']] });
    emails.push(manager.email, teacher.email);
    const managerCookie = await signIn(t, manager.email);
    memberCookie = await signIn(t, teacher.email);
    [{ id: welder }] = await t.dataSource.query(`SELECT id FROM occupations WHERE code = 'welder'`);
    clusterId = (await t.http().post('/api/clusters').set('Cookie', coordinatorCookie)
      .send({ name: 'Pôle Métal', sector: 'industry', memberIds: [ownerBE, ownerFR, lycee], occupationIds: [welder] }).expect(201)).body.id;
    // The items were on the platform from the start of the reported month (indicators 1.1 count no open
    // time, hence no booked or used time, before an item's first day): a real history, through the API.
    const item = async (owner: string, country: 'BE' | 'FR', region: string) => {
      const siteId = (await t.http().post(`/api/organisations/${owner}/sites`).set('Cookie', managerCookie).send({ name: `Site ${country}`, country, region }).expect(201)).body.id;
      return (await t.http().post('/api/resources').set('Cookie', managerCookie).send({
        organisationId: owner, siteId, kind: 'workshop', capacity: 30, nameFr: `Atelier ${country}`, rules: ALWAYS_OPEN, occupationIds: [welder], clusterIds: [clusterId],
        availableFrom: from,
      }).expect(201)).body.id as string;
    };
    const itemBE = await item(ownerBE, 'BE', 'WAL');
    const itemFR = await item(ownerFR, 'FR', 'HDF');
    const book = async (resourceId: string, organisationId: string, day: number, pupils: number) => {
      const start = month.set({ day, hour: 9 });
      await t.dataSource.query(
        `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, occupation_id, actual_start, actual_end, actual_pupils, actual_trainers)
         VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'completed', 'course', $6, $4, $5, $7, 1)`,
        [resourceId, organisationId, teacher.id, start.toJSDate(), start.plus({ hours: 2 }).toJSDate(), welder, pupils],
      );
    };
    // BE cell: the owner and two schools (one across the border) → 3 organisations; FR cell: the owner and one school → suppressed.
    await book(itemBE, lycee, 10, 12);
    await book(itemBE, athenee, 12, 8);
    await book(itemFR, lycee, 14, 6);
  });
  afterAll(() => t.close());

  it('publishes the coordinator’s figures per month, cluster, occupation and country without signing in, suppressing cells behind fewer than 3 organisations', async () => {
    const response = await t.http().get(`/api/open/indicators?from=${monthIso}&to=${monthIso}`).expect(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.headers['x-indicator-version']).toBe(INDICATOR_VERSION);
    const body = response.body;
    expect(body).toMatchObject({ indicatorVersion: INDICATOR_VERSION, licence: { name: 'CC-BY-4.0' }, suppression: { minOrganisations: 3 }, from: monthIso, to: monthIso });
    const be = body.cells.find((cell: { country: string }) => cell.country === 'BE');
    const fr = body.cells.find((cell: { country: string }) => cell.country === 'FR');
    expect(fr).toMatchObject({ month: monthIso, occupation: 'welder', suppressed: true });
    expect(Object.values(fr.figures).every((value) => value === null)).toBe(true);
    expect(be).toMatchObject({ month: monthIso, cluster: 'Pôle Métal', occupation: 'welder', suppressed: false });

    const filters = `from=${from}&to=${to}&clusterId=${clusterId}&occupationId=${welder}&country=BE`;
    const summary = (await t.http().get(`/api/reports/summary?${filters}`).set('Cookie', coordinatorCookie).expect(200)).body.current;
    const learners = (await t.http().get(`/api/reports/learners?${filters}`).set('Cookie', coordinatorCookie).expect(200)).body.totals;
    for (const key of ['openHours', 'bookedHours', 'occupancyRate', 'usedHours', 'learnerHours', 'partnerships', 'newPartnerships', 'crossBorderPartnerships', 'unmetHours']) {
      expect([key, be.figures[key]]).toEqual([key, summary[key]]);
    }
    expect(be.figures.learnerHoursPupils).toBe(learners.pupils);
    expect(be.figures).toMatchObject({ learnerHours: 2 * 13 + 2 * 9, partnerships: 2, crossBorderPartnerships: 1 });

    // No organisation and no person is named anywhere in the feed.
    const text = JSON.stringify(body);
    for (const name of [...names.filter((n) => n !== 'Pôle Métal'), ...emails]) expect(text).not.toContain(name);

    // Cacheable: the same version answers 304 to its ETag.
    await t.http().get(`/api/open/indicators?from=${monthIso}&to=${monthIso}`).set('If-None-Match', response.headers.etag).expect(304);
    await t.http().get('/api/open/indicators?from=2019-01&to=2019-02').expect(400);
    await t.http().get('/api/open/indicators?from=nonsense').expect(400);
  });

  it('serves the same cells as CSV and a Frictionless datapackage.json describing them', async () => {
    const csv = await t.http().get(`/api/open/indicators.csv?from=${monthIso}&to=${monthIso}`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...lines] = csv.text.trim().split(/\r?\n/);
    expect(header.split(',').slice(0, 7)).toEqual(['month', 'cluster_id', 'cluster', 'occupation', 'country', 'suppressed', 'open_hours']);
    expect(lines).toHaveLength(2);
    const pkg = (await t.http().get('/api/open/datapackage.json').expect(200)).body;
    expect(pkg).toMatchObject({ profile: 'tabular-data-package', version: INDICATOR_VERSION, licenses: [{ name: 'CC-BY-4.0' }] });
    expect(pkg.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(header.split(','));
  });

  it('shows a public cluster page with its partners, equipment, headline figures and stories, which coordinators publish', async () => {
    await t.http().post(`/api/clusters/${clusterId}/stories`).set('Cookie', memberCookie).send({ title: 'x', body: 'y' }).expect(403);
    const story = (await t.http().post(`/api/clusters/${clusterId}/stories`).set('Cookie', coordinatorCookie)
      .send({ title: 'Un lycée lillois soude à Tournai', body: 'Douze élèves ont découvert le soudage.', partnerIds: [] }).expect(201)).body;
    const page = (await t.http().get(`/api/public/clusters/${clusterId}`).expect(200)).body;
    expect(page).toMatchObject({ name: 'Pôle Métal', sector: 'industry', stories: [{ id: story.id, title: 'Un lycée lillois soude à Tournai' }] });
    expect(page.partners).toHaveLength(3);
    expect(page.equipment).toHaveLength(2);
    expect(page.satisfaction).toMatchObject({ answers: 0, hidden: true });
    expect(JSON.stringify(page)).not.toContain('@example.test');
  });

  it('takes an uploaded photo on a story, checked like the items’ photos, served publicly, removed with it', async () => {
    const englishCookie = await signIn(t, (await createUser(t.dataSource, { coordinator: true, locale: 'en' })).email);
    const story = (await t.http().post(`/api/clusters/${clusterId}/stories`).set('Cookie', coordinatorCookie)
      .send({ title: 'Deux pays, un atelier', body: 'Des apprentis belges et français ont soudé ensemble.' }).expect(201)).body;
    expect(story).toMatchObject({ photoUrl: null, photoUploaded: false, photoAlts: { fr: null, nl: null, en: null } });
    const photoPath = `/api/clusters/${clusterId}/stories/${story.id}/photo`;
    const folder = join(t.config.uploadsDir, 'stories', story.id);

    // Who: coordinators only, a story of this cluster; decided before the body is read.
    await t.http().post(photoPath).attach('file', PNG, 'atelier.png').expect(401);
    const member = await t.http().post(photoPath).set('Cookie', memberCookie).attach('file', PNG, 'atelier.png').expect(403);
    expect(member.body.code).toBe('COORDINATOR_ONLY');
    await t.http().post(`/api/clusters/${clusterId}/stories/00000000-0000-4000-8000-000000000000/photo`).set('Cookie', coordinatorCookie).attach('file', PNG, 'atelier.png').expect(404);
    // What: a photo by its bytes (translated refusal), within MAX_PHOTO_MB, descriptions of 300 characters at most.
    const fake = await t.http().post(photoPath).set('Cookie', englishCookie)
      .attach('file', Buffer.from('<svg onload="alert(1)"/>'), { filename: 'atelier.png', contentType: 'image/png' }).expect(400);
    expect(fake.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'file', constraint: 'photoType', message: 'Only JPEG, PNG or WebP photos are accepted.' }] });
    const tooBig = await t.http().post(photoPath).set('Cookie', coordinatorCookie)
      .set('Content-Length', String(t.config.maxPhotoBytes + 1_000_000)).send(Buffer.alloc(16));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    const long = await t.http().post(photoPath).set('Cookie', englishCookie).field('altNl', 'x'.repeat(301)).attach('file', PNG, 'atelier.png').expect(400);
    expect(long.body.details).toEqual([{ field: 'altNl', constraint: 'maxLength', message: 'Must be at most 300 characters long.' }]);
    await t.http().post(photoPath).set('Cookie', coordinatorCookie).expect(400);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);

    const added = (await t.http().post(photoPath).set('Cookie', coordinatorCookie)
      .field('altFr', '  Deux apprentis soudent une pièce  ').field('altEn', 'Two apprentices welding a part').attach('file', PNG, 'atelier.png').expect(200)).body;
    expect(added).toMatchObject({ id: story.id, photoUploaded: true, photoAlts: { fr: 'Deux apprentis soudent une pièce', nl: null, en: 'Two apprentices welding a part' } });
    expect(added.photoUrl).toMatch(new RegExp(`^/api/public/clusters/${clusterId}/stories/${story.id}/photo\\?v=[0-9a-f]{12}$`));
    expect(readdirSync(folder)).toHaveLength(1);

    // Served to anyone, as the page is public; cached for a short while only.
    const served = await t.http().get(added.photoUrl).buffer(true).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=300');
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    const page = (await t.http().get(`/api/public/clusters/${clusterId}`).expect(200)).body;
    expect(page.stories.find((s: { id: string }) => s.id === story.id)).toMatchObject({ photoUrl: added.photoUrl, photoUploaded: true });

    // A new photo replaces the file and the address; removing it leaves the story.
    const replaced = (await t.http().post(photoPath).set('Cookie', coordinatorCookie).attach('file', PNG, 'autre.png').expect(200)).body;
    expect(replaced.photoUrl).not.toBe(added.photoUrl);
    expect(replaced.photoAlts).toEqual({ fr: null, nl: null, en: null });
    expect(readdirSync(folder)).toHaveLength(1);
    await t.http().delete(photoPath).set('Cookie', memberCookie).expect(403);
    await t.http().delete(photoPath).set('Cookie', coordinatorCookie).expect(204);
    await t.http().delete(photoPath).set('Cookie', coordinatorCookie).expect(404);
    await t.http().get(`/api/public/clusters/${clusterId}/stories/${story.id}/photo`).expect(404);
    expect(readdirSync(folder)).toEqual([]);

    // Deleting the story deletes its photo.
    await t.http().post(photoPath).set('Cookie', coordinatorCookie).attach('file', PNG, 'atelier.png').expect(200);
    await t.http().delete(`/api/clusters/${clusterId}/stories/${story.id}`).set('Cookie', coordinatorCookie).expect(204);
    expect(existsSync(folder)).toBe(false);
    await t.http().get(`/api/public/clusters/${clusterId}/stories/${story.id}/photo`).expect(404);
  });

  it('keeps an older story’s photo address until a photo is uploaded in its place', async () => {
    const older = (await t.http().post(`/api/clusters/${clusterId}/stories`).set('Cookie', coordinatorCookie)
      .send({ title: 'Une photo par adresse', body: 'Avant les envois de photos.', photoUrl: '/images/atelier.jpg', photoAlt: 'Un atelier' }).expect(201)).body;
    expect(older).toMatchObject({ photoUrl: '/images/atelier.jpg', photoAlt: 'Un atelier', photoUploaded: false });
    await t.http().delete(`/api/clusters/${clusterId}/stories/${older.id}/photo`).set('Cookie', coordinatorCookie).expect(404);
    const uploaded = (await t.http().post(`/api/clusters/${clusterId}/stories/${older.id}/photo`).set('Cookie', coordinatorCookie)
      .field('altFr', 'Un atelier partagé').attach('file', PNG, 'atelier.png').expect(200)).body;
    expect(uploaded).toMatchObject({ photoAlt: null, photoUploaded: true, photoUrl: expect.stringMatching(/^\/api\/public\/clusters\//) });
  });

  it('gives coordinators the evaluation report and the Interreg proxies, with CSV', async () => {
    const evaluation = (await t.http().get(`/api/clusters/${clusterId}/evaluation?from=${from}&to=${to}`).set('Cookie', coordinatorCookie).expect(200)).body;
    const summary = (await t.http().get(`/api/reports/summary?from=${from}&to=${to}&clusterId=${clusterId}`).set('Cookie', coordinatorCookie).expect(200)).body;
    expect(evaluation.current).toEqual(summary.current);
    expect(evaluation.previous).toEqual(summary.previous);
    expect(evaluation.partnershipsGained).toHaveLength(3);
    await t.http().get(`/api/clusters/${clusterId}/evaluation?from=${from}&to=${to}`).set('Cookie', memberCookie).expect(403);

    const interreg = (await t.http().get(`/api/interreg?from=${from}&to=${to}`).set('Cookie', coordinatorCookie).expect(200)).body;
    // One cross-border pair (Escaut, BE – Lycée, FR): two organisations, 12 pupils and a trainer; Lys–Lycée are both French.
    expect(interreg.clusters[0]).toMatchObject({ rco87: { value: 2, proxy: true }, rco81: { value: 13, proxy: true } });
    const csv = await t.http().get(`/api/interreg.csv?from=${from}&to=${to}`).set('Cookie', coordinatorCookie).expect(200);
    expect(csv.text).toContain('RCO87 (proxy)');
    await t.http().get(`/api/interreg?from=${from}&to=${to}`).set('Cookie', memberCookie).expect(403);
  });

  it('checks the Interreg period before anything else, even when no cluster matches: 400 with translated field errors', async () => {
    const englishCookie = await signIn(t, (await createUser(t.dataSource, { coordinator: true, locale: 'en' })).email);
    const noCluster = '00000000-0000-4000-8000-000000000000';
    for (const path of ['/api/interreg', '/api/interreg.csv']) {
      const reversed = await t.http().get(`${path}?from=${to}&to=${from}&clusterId=${noCluster}`).set('Cookie', englishCookie).expect(400);
      expect(reversed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(reversed.body.details).toEqual([{ field: 'to', constraint: 'periodOrder', message: 'The end date must be on or after the start date.' }]);
      const invalid = await t.http().get(`${path}?from=2025-02-30&to=2025-03-01`).set('Cookie', englishCookie).expect(400);
      expect(invalid.body.details).toEqual([expect.objectContaining({ field: 'from', message: 'Invalid date.' })]);
      const long = await t.http().get(`${path}?from=2020-01-01&to=2025-12-31&clusterId=${noCluster}`).set('Cookie', englishCookie).expect(400);
      expect(long.body.details).toEqual([{ field: 'to', constraint: 'periodTooLong', message: `The period cannot be longer than ${MAX_REPORT_DAYS} days.` }]);
      const early = await t.http().get(`${path}?from=2019-12-31&to=2020-01-31`).set('Cookie', coordinatorCookie).expect(400);
      expect(early.body.details).toEqual([expect.objectContaining({ field: 'from', constraint: 'periodTooEarly', message: expect.stringContaining('Les rapports commencent') })]);
    }
    // A valid period with no cluster to report on is an empty report, not an error.
    const empty = (await t.http().get(`/api/interreg?from=${from}&to=${to}&clusterId=${noCluster}`).set('Cookie', englishCookie).expect(200)).body;
    expect(empty.clusters).toEqual([]);
  });

  it('checks the evaluation report’s period before reading the cluster', async () => {
    const reversed = await t.http().get(`/api/clusters/00000000-0000-4000-8000-000000000000/evaluation?from=${to}&to=${from}`).set('Cookie', coordinatorCookie).expect(400);
    expect(reversed.body.details).toEqual([expect.objectContaining({ field: 'to', constraint: 'periodOrder' })]);
  });
});
