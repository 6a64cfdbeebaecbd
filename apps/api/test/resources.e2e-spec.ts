import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now, nowMs } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4c80000000049454e44ae426082', 'hex');

/** The next Tuesday at least two days away, in Brussels. */
function nextTuesday(): DateTime {
  let day = now('Europe/Brussels').startOf('day').plus({ days: 2 });
  while (day.weekday !== 2) day = day.plus({ days: 1 });
  return day;
}

/** Sends the start of a multipart upload that announces `declaredBytes` (or is chunked) and answers what the server says, if it answers before the rest. */
function startUpload(port: number, path: string, cookie: string, body: Buffer, options: { declaredBytes?: number; end?: boolean } = {}) {
  const boundary = 'equipole-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const request = httpRequest({
    host: '127.0.0.1', port, path, method: 'POST',
    headers: {
      Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${boundary}`,
      ...(options.declaredBytes === undefined ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(options.declaredBytes) }),
    },
  });
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text ? JSON.parse(text) : {} }));
    });
    request.on('error', reject);
  });
  request.write(head);
  request.write(body);
  if (options.end) request.end(tail);
  return { answer, request, finish: () => request.end(tail) };
}

/** Fails when `promise` has not settled within `ms`: the server was waiting for a body it should not need. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe('equipment catalogue', () => {
  let t: TestApp;
  let uploadsDir: string;
  let coordinator: string;
  let manager: string;
  let member: string;
  let outsider: string;
  let ownerBE: string;
  let ownerFR: string;
  let siteTournai: string;
  let siteLille: string;
  let clusterId: string;
  const ids: Record<string, string> = {};
  const occupation: Record<string, string> = {};

  const create = (body: Record<string, unknown>, cookie = manager) =>
    t.http().post('/api/resources').set('Cookie', cookie).send({ kind: 'machine', capacity: 4, ...body });
  const search = async (query: Record<string, string | number>) => (await t.http().get('/api/resources').query(query).expect(200)).body;
  const names = (page: { items: { names: { fr: string | null; nl: string | null } }[] }) => page.items.map((i) => i.names.fr ?? i.names.nl).sort();

  beforeAll(async () => {
    uploadsDir = await mkdtemp(join(tmpdir(), 'equipole-uploads-'));
    t = await startTestApp({ UPLOADS_DIR: uploadsDir, MAX_PHOTO_MB: '1' });
    ownerBE = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre' });
    ownerFR = await createOrganisation(t.dataSource, { name: 'Lycée du Beffroi', country: 'FR' });
    const other = await createOrganisation(t.dataSource, { name: 'Autre' });
    const coordinatorUser = await createUser(t.dataSource, { coordinator: true });
    coordinator = await signIn(t, coordinatorUser.email);
    manager = await signIn(t, (await createUser(t.dataSource, { memberships: [[ownerBE, 'manager'], [ownerFR, 'manager']] })).email);
    member = await signIn(t, (await createUser(t.dataSource, { memberships: [[ownerBE, 'member']] })).email);
    outsider = await signIn(t, (await createUser(t.dataSource, { memberships: [[other, 'manager']] })).email);
    for (const row of await t.dataSource.query(`SELECT id, code FROM occupations WHERE code IN ('cnc-operator', 'welder', 'heavy-truck-driver', 'forklift-operator')`)) {
      occupation[row.code] = row.id;
    }
    const cluster = await t.http().post('/api/clusters').set('Cookie', coordinator).send({ name: 'Pôle Métal', sector: 'industry', memberIds: [ownerBE] }).expect(201);
    clusterId = cluster.body.id;

    siteTournai = (await t.http().post(`/api/organisations/${ownerBE}/sites`).set('Cookie', manager)
      .send({ name: 'Halle des Salines', city: 'Tournai', postcode: '7500', country: 'BE', region: 'WAL', latitude: 50.6066, longitude: 3.3878 }).expect(201)).body.id;
    siteLille = (await t.http().post(`/api/organisations/${ownerFR}/sites`).set('Cookie', manager)
      .send({ name: 'Plateau technique', city: 'Lille', postcode: '59000', country: 'FR', region: 'HDF', latitude: 50.6292, longitude: 3.0573, timeZone: 'Europe/Paris' }).expect(201)).body.id;

    ids.lathe = (await create({ organisationId: ownerBE, siteId: siteTournai, nameFr: 'Tour à commande numérique', nameNl: 'CNC-draaibank', nameEn: 'CNC lathe', sector: 'industry', occupationIds: [occupation['cnc-operator']], clusterIds: [clusterId] }).expect(201)).body.id;
    ids.welding = (await create({ organisationId: ownerBE, siteId: siteTournai, kind: 'workshop', nameFr: 'Atelier de soudure électrique', nameNl: 'Lasatelier', nameEn: 'Welding workshop', descriptionFr: 'Douze postes équipés pour le soudage à l’arc.', sector: 'industry', occupationIds: [occupation.welder] }).expect(201)).body.id;
    ids.truck = (await create({ organisationId: ownerFR, siteId: siteLille, kind: 'simulator', nameFr: 'Simulateur de conduite poids lourd', nameNl: 'Vrachtwagensimulator', nameEn: 'Truck driving simulator', sector: 'logistics', occupationIds: [occupation['heavy-truck-driver']] }).expect(201)).body.id;
    ids.forklift = (await create({ organisationId: ownerBE, siteId: siteTournai, kind: 'vehicle', nameNl: 'Heftruck', sector: 'logistics', occupationIds: [occupation['forklift-operator']] }).expect(201)).body.id;
    ids.retired = (await create({ organisationId: ownerBE, siteId: siteTournai, nameFr: 'Ancienne fraiseuse', sector: 'industry' }).expect(201)).body.id;
    await t.http().post(`/api/resources/${ids.retired}/status`).set('Cookie', manager).send({ status: 'retired' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  it.each([
    ['electrique'], ['ÉLECTRIQUE'], ['lasatelier'], ['Welding'], ['soud'], ['arc'],
  ])('finds the welding workshop by %s (any language, accents and case ignored, prefixes)', async (q) => {
    expect(names(await search({ q }))).toEqual(['Atelier de soudure électrique']);
  });

  it.each([
    ['lassen', 'Dutch verb, stemmed, meets the occupation "Lasser"'],
    ['lasser', 'the occupation\'s Dutch label'],
    ['soudeur', 'the occupation\'s French label'],
    ['soudeuse', 'French feminine, stemmed'],
    ['welders', 'English plural, stemmed'],
    ['soudages', 'French plural of a word of the description'],
    ['soudeurr', 'a typo in an occupation label'],
  ])('finds the welding workshop by %s (%s)', async (q) => {
    expect(names(await search({ q }))).toEqual(['Atelier de soudure électrique']);
  });

  it('follows an occupation renamed or unlinked', async () => {
    await t.dataSource.query(`UPDATE occupations SET label_nl = 'Heftruckchauffeur vorkheftruck' WHERE id = $1`, [occupation['forklift-operator']]);
    expect(names(await search({ q: 'vorkheftruck' }))).toEqual(['Heftruck']);
    await t.dataSource.query('DELETE FROM resource_occupations WHERE resource_id = $1', [ids.forklift]);
    expect((await search({ q: 'vorkheftruck' })).total).toBe(0);
  });

  it('tolerates a typo in a name', async () => {
    expect(names(await search({ q: 'simulatuer' }))).toContain('Simulateur de conduite poids lourd');
  });

  it('never lists retired equipment in the catalogue', async () => {
    expect((await search({ q: 'fraiseuse' })).total).toBe(0);
  });

  it('lists retired equipment to its own managers only, so that they can bring it back', async () => {
    const list = (cookie?: string) => {
      const request = t.http().get('/api/resources').query({ organisationId: ownerBE, includeInactive: true, q: 'fraiseuse' });
      return (cookie ? request.set('Cookie', cookie) : request).expect(200);
    };
    expect((await list(manager)).body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[ids.retired, 'retired']]);
    for (const cookie of [undefined, member, outsider]) expect((await list(cookie)).body.total).toBe(0);
  });

  it('filters by occupation, sector, kind, cluster, owner and country', async () => {
    expect(names(await search({ occupationId: occupation['cnc-operator'] }))).toEqual(['Tour à commande numérique']);
    expect(names(await search({ sector: 'logistics' }))).toEqual(['Heftruck', 'Simulateur de conduite poids lourd']);
    expect(names(await search({ kind: 'simulator' }))).toEqual(['Simulateur de conduite poids lourd']);
    expect(names(await search({ clusterId }))).toEqual(['Tour à commande numérique']);
    expect(names(await search({ organisationId: ownerFR }))).toEqual(['Simulateur de conduite poids lourd']);
    expect(names(await search({ country: 'FR' }))).toEqual(['Simulateur de conduite poids lourd']);
  });

  it('orders by distance from a postcode and limits the radius', async () => {
    const near = await search({ near: '59000', sort: 'distance' });
    expect(near.place.label).toContain('59000');
    expect(near.items[0].names.fr).toBe('Simulateur de conduite poids lourd');
    expect(near.items[0].distanceKm).toBeLessThan(2);
    expect(near.items[1].distanceKm).toBeGreaterThan(15);
    const close = await search({ near: '50.6066,3.3878', radiusKm: 10 });
    expect(close.items.map((i: { site: { city: string } }) => i.site.city)).not.toContain('Lille');
    const unknown = await t.http().get('/api/resources').query({ near: 'Atlantis' }).set('Accept-Language', 'en').expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'near', constraint: 'unknownPlace' });
  });

  it('pages results in one stable order', async () => {
    const first = await search({ sort: 'name', limit: 2 });
    const second = await search({ sort: 'name', limit: 2, offset: 2 });
    expect(first.total).toBe(4);
    expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toHaveLength(4);
    expect(new Set([...first.items, ...second.items].map((i: { id: string }) => i.id)).size).toBe(4);
  });

  it('keeps only items open and unbooked for the whole window, honouring closures', async () => {
    const tuesday = nextTuesday();
    const window = (from: string, to: string) => ({ freeFrom: tuesday.set(parse(from)).toISO()!, freeTo: tuesday.set(parse(to)).toISO()!, organisationId: ownerBE });
    const [user] = await t.dataSource.query('SELECT id FROM users LIMIT 1');
    await t.dataSource.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose)
       VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'confirmed', 'course')`,
      [ids.lathe, ownerBE, user.id, tuesday.set(parse('09:00')).toISO(), tuesday.set(parse('11:00')).toISO()],
    );
    await t.http().post(`/api/resources/${ids.welding}/closures`).set('Cookie', manager)
      .send({ startsOn: tuesday.toISODate(), endsOn: tuesday.toISODate(), startTime: '10:00', endTime: '12:00', reason: 'Maintenance' }).expect(201);

    expect(names(await search(window('10:00', '11:00')))).toEqual(['Heftruck']);
    expect(names(await search(window('14:00', '15:00')))).toEqual(['Atelier de soudure électrique', 'Heftruck', 'Tour à commande numérique']);
    expect((await search(window('12:00', '13:30'))).total).toBe(0);
    await t.http().get('/api/resources').query({ freeFrom: tuesday.toISO(), freeTo: tuesday.minus({ hours: 1 }).toISO() }).expect(400);
  });

  it('shows each card’s next free slot after the lead time', async () => {
    const page = await search({ organisationId: ownerBE, sort: 'name' });
    for (const card of page.items) {
      expect(Date.parse(card.nextFreeSlot)).toBeGreaterThan(nowMs() + 23 * 3_600_000);
    }
  });

  it('validates the rules with translated field errors and changes nothing', async () => {
    const response = await create({
      organisationId: ownerBE, siteId: siteTournai, nameFr: 'Presse',
      rules: {
        openingHours: [{ weekday: 2, start: '08:00', end: '12:00' }, { weekday: 2, start: '11:00', end: '13:00' }],
        slotMinutes: 30, minDurationMinutes: 240, maxDurationMinutes: 120, leadTimeMinutes: 0, horizonDays: 30,
        bufferBeforeMinutes: 0, bufferAfterMinutes: 15, approvalMode: 'owner', quotaWeekMinutes: null, quotaMonthMinutes: null,
        accessPolicy: 'all', cancelCutoffHours: 24,
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'rules.openingHours.1', constraint: 'openingOverlap', message: 'Cette plage chevauche la plage 08:00–12:00 du même jour.' },
      { field: 'rules.minDurationMinutes', constraint: 'durationOrder', message: 'La durée minimale dépasse la durée maximale (120 min).' },
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM resources WHERE name_fr = 'Presse'`);
    expect(n).toBe(0);
  });

  it('starts new equipment from the site’s default rules', async () => {
    const defaults = (await t.http().get(`/api/sites/${siteTournai}/default-rules`).set('Cookie', manager).expect(200)).body;
    await t.http().put(`/api/sites/${siteTournai}/default-rules`).set('Cookie', manager)
      .send({ ...defaults, bufferAfterMinutes: 15, horizonDays: 60, allowedOrganisationIds: [] }).expect(200);
    const created = (await create({ organisationId: ownerBE, siteId: siteTournai, nameFr: 'Plieuse' }).expect(201)).body;
    expect(created.rules).toMatchObject({ bufferAfterMinutes: 15, horizonDays: 60, slotMinutes: 30 });
    expect(created.site.timeZone).toBe('Europe/Brussels');
  });

  it('lets only the owner’s managers publish and edit (404 to others)', async () => {
    await create({ organisationId: ownerBE, siteId: siteTournai, nameFr: 'X' }, member).then((r) => expect(r.status).toBe(403));
    await create({ organisationId: ownerBE, siteId: siteTournai, nameFr: 'X' }, outsider).then((r) => expect(r.status).toBe(404));
    await t.http().patch(`/api/resources/${ids.lathe}`).set('Cookie', outsider).send({ capacity: 2 }).expect(404);
    await create({ organisationId: ownerBE, siteId: siteLille, nameFr: 'Mauvais site' }).then((r) => expect(r.status).toBe(422));
    const edited = await t.http().patch(`/api/resources/${ids.lathe}`).set('Cookie', manager).send({ capacity: 6, links: [{ kind: 'manual', label: 'Notice', url: 'https://example.org/notice.pdf' }] }).expect(200);
    expect(edited.body).toMatchObject({ capacity: 6, links: [{ kind: 'manual', label: 'Notice' }], canManage: true });
    const publicView = await t.http().get(`/api/resources/${ids.lathe}`).expect(200);
    expect(publicView.body.canManage).toBe(false);
  });

  it('accepts real images only, and serves them', async () => {
    const uploaded = await t.http().post(`/api/resources/${ids.lathe}/photos`).set('Cookie', manager).attach('file', PNG, 'tour.png').field('altText', 'Le tour').expect(201);
    const photo = await t.http().get(uploaded.body.url).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');
    const fake = await t.http().post(`/api/resources/${ids.lathe}/photos`).set('Cookie', manager).attach('file', Buffer.from('<script>alert(1)</script>'), { filename: 'x.png', contentType: 'image/png' });
    expect(fake.status).toBe(400);
    expect(fake.body.details[0].constraint).toBe('photoType');
    const card = (await search({ q: 'draaibank' })).items[0];
    expect(card.photoUrl).toBe(uploaded.body.url);
    await t.http().delete(`/api/resources/${ids.lathe}/photos/${uploaded.body.id}`).set('Cookie', manager).expect(204);
    await t.http().get(uploaded.body.url).expect(404);
  });

  it.each(['!', '&', '|', ':*', "'", '\\', '!!', '(', ')', '<->', '&|!'])('answers a search for %j, which holds no word, with a translated 400', async (q) => {
    const response = await t.http().get('/api/resources').query({ q }).set('Accept-Language', 'nl').expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'q', constraint: 'searchWords', message: 'Typ minstens één letter of cijfer.' }] });
  });

  it('answers any search text with 200 or 400, never a server error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (q) => {
        const response = await t.http().get('/api/resources').query({ q });
        expect([200, 400]).toContain(response.status);
      }),
      // A NUL character once made PostgreSQL fail the whole query.
      { numRuns: 60, examples: [['\u0000'], ['soud\u0000']] },
    );
    expect(names(await search({ q: 'soud!' }))).toEqual(['Atelier de soudure électrique']);
  });

  it('answers a Range past the end of a photo with 416, and a photo missing on disk with 404', async () => {
    const uploaded = (await t.http().post(`/api/resources/${ids.welding}/photos`).set('Cookie', manager).attach('file', PNG, 'atelier.png').expect(201)).body;
    const part = await t.http().get(uploaded.url).set('Range', 'bytes=0-7').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 0-7/${PNG.length}`);
    for (const range of [`bytes=${PNG.length}-`, 'bytes=5000-6000']) {
      const beyond = await t.http().get(uploaded.url).set('Range', range).set('Accept-Language', 'en').expect(416);
      expect(beyond.headers['content-range']).toBe(`bytes */${PNG.length}`);
      expect(beyond.headers['content-type']).toMatch(/^application\/json/);
      expect(beyond.headers['cache-control']).toBeUndefined();
      expect(beyond.body).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE', message: 'The requested part lies beyond the end of the file.' });
    }
    await rm(join(uploadsDir, 'resources', ids.welding), { recursive: true });
    const missing = await t.http().get(uploaded.url).expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
  });

  describe('photo uploads', () => {
    const maxBytes = 1024 * 1024;
    let port: number;
    const incoming = () => readdir(join(uploadsDir, '.incoming')).catch(() => [] as string[]);
    const photoRows = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM resource_photos WHERE resource_id = $1', [ids.forklift]))[0].n as number;

    beforeAll(async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });

    it('decides who may upload and how much before reading the body', async () => {
      const path = `/api/resources/${ids.forklift}/photos`;
      const cases: [string, number, number][] = [[outsider, 1000, 404], [member, 1000, 403], [manager, 20 * maxBytes, 413]];
      for (const [cookie, declaredBytes, status] of cases) {
        const upload = startUpload(port, path, cookie, PNG, { declaredBytes });
        const { status: answered, body } = await within(upload.answer, 5000, `${status} before the body`);
        upload.request.destroy();
        expect(answered).toBe(status);
        if (status === 413) expect(body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes } });
      }
      expect(await incoming()).toEqual([]);
      expect(await photoRows()).toBe(0);
    });

    it('streams a photo to disk as it arrives, and stops one that goes past the limit without a length', async () => {
      const path = `/api/resources/${ids.forklift}/photos`;
      const growing = startUpload(port, path, manager, Buffer.concat([PNG, Buffer.alloc(300 * 1024)]));
      // Half-way through the request, the photo is already a file, not a buffer in memory.
      await within((async () => { while ((await incoming()).length === 0) await new Promise((r) => setTimeout(r, 20)); })(), 5000, 'a file being written');
      growing.finish();
      const { status, body } = await within(growing.answer, 5000, 'the upload');
      expect(status).toBe(201);
      expect(await incoming()).toEqual([]);
      await t.http().get(String(body.url)).expect(200);

      const tooBig = startUpload(port, path, manager, Buffer.concat([PNG, Buffer.alloc(maxBytes)]), { end: true });
      const refused = await within(tooBig.answer, 5000, 'the oversized upload');
      expect(refused).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', details: { maxBytes } } });
      expect(await incoming()).toEqual([]);
      expect(await photoRows()).toBe(1);
    });
  });

  it('hides a retired item from everyone but its managers and coordinators', async () => {
    await t.http().get(`/api/resources/${ids.retired}`).expect(404);
    for (const cookie of [member, outsider]) await t.http().get(`/api/resources/${ids.retired}`).set('Cookie', cookie).expect(404);
    for (const cookie of [manager, coordinator]) {
      expect((await t.http().get(`/api/resources/${ids.retired}`).set('Cookie', cookie).expect(200)).body).toMatchObject({ status: 'retired', canManage: true });
    }
  });

  it('manages credentials and grants with an expiry date', async () => {
    const credential = (await t.http().post(`/api/organisations/${ownerBE}/credentials`).set('Cookie', manager).send({ nameFr: 'Habilitation tour CNC' }).expect(201)).body;
    const trainee = await createUser(t.dataSource, { name: 'Julien' });
    const grants = await t.http().post(`/api/credentials/${credential.id}/grants`).set('Cookie', manager).send({ email: trainee.email, expiresOn: '2027-06-30' }).expect(201);
    expect(grants.body).toMatchObject([{ userName: 'Julien', expiresOn: '2027-06-30', revokedAt: null }]);
    await t.http().post(`/api/credentials/${credential.id}/grants`).set('Cookie', manager).send({ email: 'nobody@example.test', expiresOn: '2027-06-30' }).expect(422);
    await t.http().patch(`/api/resources/${ids.lathe}`).set('Cookie', manager).send({ requiredCredentialId: credential.id }).expect(200);
    expect((await t.http().get(`/api/resources/${ids.lathe}`).expect(200)).body.requiredCredential.names.fr).toBe('Habilitation tour CNC');
    await t.http().delete(`/api/credentials/${credential.id}/grants/${grants.body[0].id}`).set('Cookie', manager).expect(204);
    await t.http().get(`/api/credentials/${credential.id}/grants`).set('Cookie', outsider).expect(404);
  });

  it('refuses a one-off closure already over with a translated message, unless recorded on purpose', async () => {
    const today = now('Europe/Brussels');
    const lastWeek = { startsOn: today.minus({ days: 8 }).toISODate(), endsOn: today.minus({ days: 1 }).toISODate(), reason: 'Inventaire' };
    const refused = await t.http().post(`/api/sites/${siteTournai}/closures`).set('Cookie', manager).send(lastWeek).expect(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'endsOn', constraint: 'closureInPast', message: `Cette fermeture est déjà passée : elle doit finir aujourd’hui (${today.toISODate()}) ou plus tard.` }),
    ]);
    // Ending today is still ahead; a yearly closure of past dates comes back next year; a past one recorded on purpose counts in reports.
    await t.http().post(`/api/sites/${siteTournai}/closures`).set('Cookie', manager).send({ ...lastWeek, endsOn: today.toISODate() }).expect(201);
    await t.http().post(`/api/sites/${siteTournai}/closures`).set('Cookie', manager).send({ ...lastWeek, yearly: true }).expect(201);
    await t.http().post(`/api/sites/${siteTournai}/closures`).set('Cookie', manager).send({ ...lastWeek, recordPast: true }).expect(201);
  });

  it('refuses a closure that ends before it starts', async () => {
    const response = await t.http().post(`/api/sites/${siteTournai}/closures`).set('Cookie', manager)
      .send({ startsOn: '2026-05-02', endsOn: '2026-05-01', reason: 'Pont' }).expect(400);
    expect(response.body.details[0]).toMatchObject({ field: 'endsOn', constraint: 'closureOrder' });
    await t.http().post(`/api/sites/${siteTournai}/closures`).set('Cookie', manager)
      .send({ startsOn: '2026-12-24', endsOn: '2027-01-02', yearly: true, reason: 'Vacances de Noël' }).expect(201);
    const detail = (await t.http().get(`/api/resources/${ids.welding}`).expect(200)).body;
    expect(detail.closures.map((c: { reason: string; scope: string }) => `${c.scope}:${c.reason}`)).toEqual(expect.arrayContaining(['site:Vacances de Noël', 'resource:Maintenance']));
  });
});

function parse(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  return { hour, minute };
}
