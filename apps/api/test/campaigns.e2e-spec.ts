import { DateTime } from 'luxon';
import { DEFAULT_BOOKING_RULES, drawOrder, INDICATOR_VERSION } from '@equipole/shared';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const RULES = {
  ...DEFAULT_BOOKING_RULES,
  slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 480, leadTimeMinutes: 24 * 60, horizonDays: 60,
  approvalMode: 'owner', accessPolicy: 'all', allowedOrganisationIds: [],
};
const CLASS = (year: number, section: string) => ({ level: 'secondary', year, section, teacher: 'M. Dupont', trainerRequested: true, module: 'Sécurité' });

/**
 * A school-year campaign end to end: three schools compete for one forklift over one week (ten
 * half-days, a closed Wednesday, a booking made during the window), under caps of 3 sessions per
 * school and 2 per class. The allocation is fair and reproducible from its seed; publication books
 * exactly what is allocated, or nothing, and tells every requester.
 */
describe('campaigns', () => {
  let t: TestApp;
  let partner: string;
  let itemId: string;
  let managerCookie: string;
  const schools: { id: string; cookie: string; email: string }[] = [];
  let companyCookie: string;
  let company: string;
  let campaignId: string;
  /** Monday of the allocated week, three weeks ahead, local. */
  const monday = now(ZONE).startOf('week').plus({ weeks: 3 });
  const at = (day: number, hour: number) => monday.plus({ days: day }).set({ hour });
  const windowClosesAt = now(ZONE).plus({ days: 1 }).startOf('hour');
  const requestIds: Record<string, string> = {};
  let classBookingId: string;

  const request = (cookie: string, body: object) => t.http().post(`/api/campaigns/${campaignId}/requests`).set('Cookie', cookie).send(body);
  const bookingsOfCampaign = async () =>
    (await t.dataSource.query('SELECT organisation_id, resource_id, lower(period) AS start, upper(period) AS "end", status, class_section FROM bookings WHERE campaign_id = $1 ORDER BY lower(period)', [campaignId])) as
      { organisation_id: string; resource_id: string; start: Date; end: Date; status: string; class_section: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    partner = await createOrganisation(t.dataSource, { name: 'Centre de compétence Logistique', kind: 'training_centre' });
    managerCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[partner, 'manager']] })).email);
    const siteId = (await t.http().post(`/api/organisations/${partner}/sites`).set('Cookie', managerCookie).send({ name: 'Halle', country: 'BE', region: 'WAL' }).expect(201)).body.id;
    itemId = (await t.http().post('/api/resources').set('Cookie', managerCookie)
      .send({ organisationId: partner, siteId, kind: 'vehicle', capacity: 24, nameFr: 'Chariot élévateur', rules: RULES }).expect(201)).body.id;
    await t.dataSource.query(`INSERT INTO closures (resource_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Entretien')`, [itemId, at(2, 0).toISODate()]);
    for (const [name, locale] of [['Athénée Royal', 'fr'], ['Sint-Jozefcollege', 'nl'], ['Lycée des Flandres', 'en']] as const) {
      const id = await createOrganisation(t.dataSource, { name });
      const user = await createUser(t.dataSource, { locale, memberships: [[id, 'member']] });
      schools.push({ id, email: user.email, cookie: await signIn(t, user.email) });
    }
    company = await createOrganisation(t.dataSource, { name: 'Transports SA', kind: 'company' });
    companyCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[company, 'manager']] })).email);
  });
  afterAll(() => t.close());

  it('opens a campaign on the partner’s own items only, for its managers', async () => {
    const body = {
      organisationId: partner, name: 'Année scolaire — chariots', resourceIds: [itemId], periodStart: monday.toISODate(), periodEnd: monday.plus({ days: 4 }).toISODate(),
      windowOpensAt: now(ZONE).minus({ hours: 1 }).toISO(), windowClosesAt: windowClosesAt.toISO(), publishBy: monday.minus({ days: 7 }).toISODate(),
      sessionMinutes: 240, eligibleKinds: ['school'], eligibleLevels: ['secondary'], capPerOrganisation: 3, capPerClass: 2,
    };
    await t.http().post('/api/campaigns').set('Cookie', schools[0].cookie).send(body).expect(404);
    const created = await t.http().post('/api/campaigns').set('Cookie', managerCookie).send(body).expect(201);
    campaignId = created.body.id;
    expect(created.body).toMatchObject({ status: 'open', canManage: true, capPerOrganisation: 3, capPerClass: 2, items: [{ id: itemId, kind: 'vehicle' }] });
  });

  it('takes requests from eligible schools during the window, editable and private to each school', async () => {
    const [a, b, c] = schools;
    const refused = await request(companyCookie, { organisationId: company, resourceId: itemId, sessions: 2, pupils: 10, class: CLASS(5, 'Logistique') }).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    requestIds.a1 = (await request(a.cookie, { organisationId: a.id, resourceId: itemId, sessions: 4, pupils: 20, class: CLASS(5, 'Mécanique'), preferredWeekdays: [1, 2] }).expect(201)).body.requests[0].id;
    const a2 = await request(a.cookie, { organisationId: a.id, resourceKind: 'vehicle', sessions: 4, priority: 2, pupils: 18, class: CLASS(6, 'Mécanique') }).expect(201);
    requestIds.a2 = a2.body.requests.find((r: { id: string }) => r.id !== requestIds.a1).id;
    requestIds.b1 = (await request(b.cookie, { organisationId: b.id, resourceId: itemId, sessions: 1, pupils: 16, class: CLASS(4, 'Logistiek') }).expect(201)).body.requests[0].id;
    // Editable until the window closes.
    const edited = await t.http().put(`/api/campaigns/${campaignId}/requests/${requestIds.b1}`).set('Cookie', b.cookie)
      .send({ organisationId: b.id, resourceId: itemId, sessions: 4, pupils: 16, class: CLASS(4, 'Logistiek'), preferredPart: 'afternoon' }).expect(200);
    expect(edited.body.requests).toEqual([expect.objectContaining({ id: requestIds.b1, sessions: 4, preferredPart: 'afternoon', class: expect.objectContaining({ section: 'Logistiek', trainerRequested: true }) })]);
    requestIds.c1 = (await request(c.cookie, { organisationId: c.id, resourceId: itemId, sessions: 4, pupils: 12, class: CLASS(3, 'Transport') }).expect(201)).body.requests[0].id;
    requestIds.c2 = (await request(c.cookie, { organisationId: c.id, resourceId: itemId, sessions: 4, priority: 2, pupils: 12, class: CLASS(4, 'Transport') }).expect(201)).body.requests.find((r: { id: string }) => r.id !== requestIds.c1).id;
    // Not eligible: a primary class.
    const primary = await request(c.cookie, { organisationId: c.id, resourceId: itemId, sessions: 1, pupils: 12, class: { level: 'primary', year: 6 } }).expect(403);
    expect(primary.body.code).toBe('CAMPAIGN_NOT_ELIGIBLE');
    // Each school sees its own requests; the partner sees them all.
    expect((await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', b.cookie).expect(200)).body.requests.map((r: { id: string }) => r.id)).toEqual([requestIds.b1]);
    expect((await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', managerCookie).expect(200)).body.requests).toHaveLength(5);
    // Running the allocation waits for the window to close.
    expect((await t.http().post(`/api/campaigns/${campaignId}/allocation`).set('Cookie', managerCookie).send({}).expect(409)).body.code).toBe('CAMPAIGN_STATE');
  });

  it('keeps a booking made during the window: the allocation skips its slot', async () => {
    // The company books Thursday morning the ordinary way while the window is open.
    await t.http().post('/api/bookings').set('Cookie', companyCookie)
      .send({ resourceId: itemId, organisationId: company, purpose: 'course', start: at(3, 8).toISO(), end: at(3, 12).toISO() }).expect(201);
    t.clock.set(windowClosesAt.plus({ minutes: 1 }).toMillis());
    const late = await request(schools[0].cookie, { organisationId: schools[0].id, resourceId: itemId, sessions: 1, pupils: 20, class: CLASS(5, 'Mécanique') }).expect(422);
    expect(late.body.code).toBe('CAMPAIGN_WINDOW_CLOSED');
  });

  it('allocates fairly within the caps, reproducibly from the published seed', async () => {
    const run = await t.http().post(`/api/campaigns/${campaignId}/allocation`).set('Cookie', managerCookie).send({ seed: 'rentree-2026' }).expect(200);
    const { allocations, requests, drawOrder: order } = run.body;
    expect(order.map((o: { id: string }) => o.id)).toEqual(drawOrder('rentree-2026', schools.map((s) => s.id)));
    // Ten half-days, minus the closed Wednesday and the booked Thursday morning: seven to share.
    expect(allocations).toHaveLength(7);
    const starts = allocations.map((a: { start: string }) => DateTime.fromISO(a.start, { zone: ZONE }));
    expect(starts.some((s: DateTime) => s.weekday === 3)).toBe(false);
    expect(starts.some((s: DateTime) => s.weekday === 4 && s.hour === 8)).toBe(false);
    const per = (organisationId: string) => allocations.filter((a: { organisation: { id: string } }) => a.organisation.id === organisationId).length;
    const given = schools.map((s) => per(s.id));
    // Caps: 3 per school, 2 per class (school B has one class, so 2); the one session left goes to the first of A and C in the draw.
    expect(given[1]).toBe(2);
    expect([given[0], given[2]].sort()).toEqual([2, 3]);
    const first = order.map((o: { id: string }) => o.id).find((id: string) => id !== schools[1].id);
    expect(per(first)).toBe(3);
    const outcome = (id: string) => requests.find((r: { id: string }) => r.id === id);
    expect(outcome(requestIds.b1)).toMatchObject({ allocatedSessions: 2, unmetSessions: 2, unmetReason: 'cap' });
    expect(outcome(requestIds.a1).allocatedSessions).toBe(2);
    for (const id of Object.values(requestIds)) expect(outcome(id).allocatedSessions).toBeLessThanOrEqual(2);
    // Preferences are wishes: A's first request wanted Mondays or Tuesdays (four half-days), and at most two
    // were given before its first turn, so it got at least one.
    const a1Days = allocations.filter((a: { requestId: string }) => a.requestId === requestIds.a1).map((a: { start: string }) => DateTime.fromISO(a.start, { zone: ZONE }).weekday);
    expect(a1Days.some((d: number) => d <= 2)).toBe(true);

    const again = await t.http().post(`/api/campaigns/${campaignId}/allocation`).set('Cookie', managerCookie).send({ seed: 'rentree-2026' }).expect(200);
    const strip = (list: { requestId: string; resourceId: string; start: string; end: string }[]) => list.map(({ requestId, resourceId, start, end }) => ({ requestId, resourceId, start, end }));
    expect(strip(again.body.allocations)).toEqual(strip(allocations));
    // Schools do not see the proposal before it is published.
    expect((await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', schools[0].cookie).expect(200)).body.allocations).toEqual([]);
  });

  it('publishes all or nothing: a booking made on an allocated slot since the run stops it, a new run skips it', async () => {
    const proposal = (await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', managerCookie).expect(200)).body;
    const taken = proposal.allocations[0];
    await t.http().post('/api/bookings').set('Cookie', companyCookie)
      .send({ resourceId: itemId, organisationId: company, purpose: 'course', start: taken.start, end: taken.end }).expect(201);
    const refused = await t.http().post(`/api/campaigns/${campaignId}/publication`).set('Cookie', managerCookie).expect(409);
    expect(refused.body).toMatchObject({ code: 'CAMPAIGN_CONFLICTS', details: { allocations: [{ allocationId: taken.id, code: 'SLOT_TAKEN' }] } });
    expect(await bookingsOfCampaign()).toEqual([]);

    const rerun = await t.http().post(`/api/campaigns/${campaignId}/allocation`).set('Cookie', managerCookie).send({ seed: 'rentree-2026' }).expect(200);
    expect(rerun.body.allocations).toHaveLength(6);
    expect(rerun.body.allocations.some((a: { start: string }) => a.start === taken.start)).toBe(false);
    expect(schools.map((s) => rerun.body.allocations.filter((a: { organisation: { id: string } }) => a.organisation.id === s.id).length)).toEqual([2, 2, 2]);
  });

  it('lets the managers adjust by hand within the item’s rules and the caps', async () => {
    const proposal = (await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', managerCookie).expect(200)).body;
    const ofA = proposal.allocations.find((a: { organisation: { id: string } }) => a.organisation.id === schools[0].id);
    await t.http().delete(`/api/campaigns/${campaignId}/allocations/${ofA.id}`).set('Cookie', schools[0].cookie).expect(404);
    await t.http().delete(`/api/campaigns/${campaignId}/allocations/${ofA.id}`).set('Cookie', managerCookie).expect(204);
    // B's only class already has its 2 sessions.
    const capped = await t.http().post(`/api/campaigns/${campaignId}/allocations`).set('Cookie', managerCookie)
      .send({ requestId: requestIds.b1, resourceId: itemId, start: ofA.start, end: ofA.end }).expect(422);
    expect(capped.body.code).toBe('CAMPAIGN_CAP_REACHED');
    // The closed Wednesday stays closed.
    const closed = await t.http().post(`/api/campaigns/${campaignId}/allocations`).set('Cookie', managerCookie)
      .send({ requestId: requestIds.c2, resourceId: itemId, start: at(2, 13).toISO(), end: at(2, 17).toISO() }).expect(422);
    expect(closed.body.code).toBe('RESOURCE_CLOSED');
    // C's second class gets the freed half-day instead.
    const added = await t.http().post(`/api/campaigns/${campaignId}/allocations`).set('Cookie', managerCookie)
      .send({ requestId: requestIds.c2, resourceId: itemId, start: ofA.start, end: ofA.end }).expect(201);
    expect(added.body.allocations.find((a: { start: string }) => a.start === ofA.start)).toMatchObject({ requestId: requestIds.c2, manual: true });
    // Two sessions on the same half-day: the exclusion constraint answers.
    await t.http().post(`/api/campaigns/${campaignId}/allocations`).set('Cookie', managerCookie)
      .send({ requestId: requestIds.a2, resourceId: itemId, start: ofA.start, end: ofA.end }).expect(409);
  });

  it('books exactly the allocations, tells every requester and keeps the rest as unmet demand', async () => {
    const proposal = (await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', managerCookie).expect(200)).body;
    const published = await t.http().post(`/api/campaigns/${campaignId}/publication`).set('Cookie', managerCookie).expect(200);
    expect(published.body.status).toBe('published');
    const booked = await bookingsOfCampaign();
    const expected = proposal.allocations.map((a: { organisation: { id: string }; start: string; end: string }) => ({
      organisation_id: a.organisation.id, resource_id: itemId, start: new Date(a.start), end: new Date(a.end), status: 'confirmed',
    }));
    expect(booked.map(({ class_section: _s, ...b }) => b)).toEqual(expected);
    expect(booked.every((b) => b.class_section)).toBe(true);
    expect(published.body.allocations.every((a: { bookingId: string | null }) => a.bookingId)).toBe(true);

    const unmet = published.body.requests.map((r: { id: string; allocatedSessions: number; unmetSessions: number; unmetReason: string | null }) => [r.id, r.allocatedSessions + r.unmetSessions, r.unmetReason !== null]);
    expect(unmet.every(([, total]: [string, number]) => total === 4)).toBe(true);
    expect(published.body.requests.reduce((sum: number, r: { unmetSessions: number }) => sum + r.unmetSessions, 0)).toBe(20 - 6);

    const emails = await t.dataSource.query(`SELECT recipient, locale, subject, text_body FROM outbox WHERE kind = 'campaign_result' ORDER BY recipient`);
    expect(emails.map((e: { recipient: string }) => e.recipient).sort()).toEqual(schools.map((s) => s.email).sort());
    const dutch = emails.find((e: { locale: string }) => e.locale === 'nl');
    expect(dutch.subject).toBe('Toewijzing gepubliceerd: Année scolaire — chariots');
    expect(dutch.text_body).toContain('2 sessies van 4');
    expect(dutch.text_body).toContain('plafond van de campagne bereikt');
    // A school now sees what it got; publishing twice is refused.
    expect((await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', schools[1].cookie).expect(200)).body.allocations).toHaveLength(2);
    expect((await t.http().post(`/api/campaigns/${campaignId}/publication`).set('Cookie', managerCookie).expect(409)).body.code).toBe('CAMPAIGN_STATE');
  });

  it('counts what the campaign could not give as unmet demand in the month of its publication, per organisation (indicators 1.2)', async () => {
    const coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    const [{ id: cluster }] = await t.dataSource.query(`INSERT INTO clusters (name, sector) VALUES ('Pôle logistique', 'logistics') RETURNING id`);
    const [{ id: otherCluster }] = await t.dataSource.query(`INSERT INTO clusters (name, sector) VALUES ('Pôle soudure', 'industry') RETURNING id`);
    await t.dataSource.query('INSERT INTO resource_clusters (resource_id, cluster_id) VALUES ($1, $2)', [itemId, cluster]);
    const campaign = (await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', managerCookie).expect(200)).body;
    const published = DateTime.fromISO(campaign.publishedAt, { zone: ZONE });
    const monthOf = (day: DateTime) => `from=${day.startOf('month').toISODate()}&to=${day.endOf('month').toISODate()}`;
    const month = monthOf(published);
    type Row = { organisation: { id: string }; item: { id: string } | null; resourceKind: string | null; sessions: number; hours: number; requests: number; campaign: { id: string } };
    const unmet = async (query: string, cookie = coordinator) => (await t.http().get(`/api/reports/unmet?${query}`).set('Cookie', cookie).expect(200)).body;
    const hoursPer = (rows: Row[]) => Object.fromEntries(schools.map((s) => [s.id, rows.filter((r) => r.organisation.id === s.id).reduce((sum, r) => sum + r.hours, 0)]));
    const [a, b, c] = schools.map((s) => s.id);

    // Half-days of 4 h. A asked 4 + 4 (the second for any vehicle) and kept 1 session after the manual
    // adjustment; B asked 4 and got 2; C asked 4 + 4 and got 3: 7, 2 and 5 sessions not given.
    const report = await unmet(month);
    expect(report.indicatorVersion).toBe(INDICATOR_VERSION);
    expect(hoursPer(report.campaign.rows)).toEqual({ [a]: 28, [b]: 8, [c]: 20 });
    expect(report.campaign.totals).toEqual({ requests: 5, sessions: 14, hours: 56 });
    // Exactly the requests' own unserved sessions, the request for a kind once, under its kind.
    const unserved = (id: string) => campaign.requests.find((r: { id: string }) => r.id === id).unmetSessions as number;
    // As in docs/indicators.md: Athénée's forklift request kept 1 of its 4 sessions, its request for any vehicle none.
    expect([unserved(requestIds.a1), unserved(requestIds.a2)]).toEqual([3, 4]);
    expect(report.campaign.rows.find((r: Row) => r.item === null)).toMatchObject({
      organisation: { id: a }, resourceKind: 'vehicle', requests: 1, sessions: unserved(requestIds.a2), hours: unserved(requestIds.a2) * 4, campaign: { id: campaignId },
    });
    expect(report.campaign.rows.filter((r: Row) => r.item?.id === itemId).map((r: Row) => [r.organisation.id, r.sessions]).sort())
      .toEqual([[a, unserved(requestIds.a1)], [b, unserved(requestIds.b1)], [c, unserved(requestIds.c1) + unserved(requestIds.c2)]].sort());

    // The filters of the unmet demand apply: the item's cluster and country, the requesting organisation, the views.
    expect((await unmet(`${month}&clusterId=${cluster}`)).campaign.totals.hours).toBe(56);
    expect((await unmet(`${month}&country=BE`)).campaign.totals.hours).toBe(56);
    expect((await unmet(`${month}&bookingOrganisationId=${b}`)).campaign.totals).toEqual({ requests: 1, sessions: 2, hours: 8 });
    expect(hoursPer((await unmet(month, schools[0].cookie)).campaign.rows)).toEqual({ [a]: 28, [b]: 0, [c]: 0 });
    expect((await unmet(month, managerCookie)).campaign.totals.hours).toBe(56);
    // None outside the period, in another cluster, another country, or for an occupation the item is not linked to.
    for (const query of [monthOf(published.plus({ months: 1 })), monthOf(published.minus({ months: 1 })), `${month}&clusterId=${otherCluster}`, `${month}&country=FR`, `${month}&kind=machine`]) {
      expect({ query, campaign: (await unmet(query)).campaign }).toEqual({ query, campaign: { totals: { requests: 0, sessions: 0, hours: 0 }, rows: [] } });
    }

    // The CSV: the booking requests' total first, unchanged; the campaign rows and their own total after it.
    const csv = (await t.http().get(`/api/reports/unmet.csv?${month}&lang=en`).set('Cookie', coordinator).expect(200)).text.split('\r\n');
    expect(csv[0]).toBe('\ufeffEquipment,Owner,Declined (h),Expired (h),Waitlist not served (h),Refused for a conflict (h),Unmet demand (hours),Requests,Campaign,Requesting organisation,Sessions not allocated');
    expect(csv).toContain('Campaigns total,,,,,,56,5,,,14');
    expect(csv).toContain(`Any equipment of type Vehicle,Centre de compétence Logistique,,,,,${unserved(requestIds.a2) * 4},1,Année scolaire — chariots,Athénée Royal,${unserved(requestIds.a2)}`);

    // The cluster's evaluation report reads the same block.
    const evaluation = async (id: string) => (await t.http().get(`/api/clusters/${id}/evaluation?${month}`).set('Cookie', coordinator).expect(200)).body.campaignUnmet;
    expect(await evaluation(cluster)).toEqual({ requests: 5, sessions: 14, hours: 56 });
    expect(await evaluation(otherCluster)).toEqual({ requests: 0, sessions: 0, hours: 0 });
  });

  it('lets any booking carry its class, validated', async () => {
    const body = { resourceId: itemId, organisationId: schools[0].id, purpose: 'course', start: at(11, 8).toISO(), end: at(11, 12).toISO(), participants: { pupils: 12 } };
    const invalid = await t.http().post('/api/bookings').set('Cookie', schools[0].cookie).send({ ...body, class: { level: 'university', year: 9 } }).expect(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['class.level', 'class.year']);
    const created = await t.http().post('/api/bookings').set('Cookie', schools[0].cookie)
      .send({ ...body, class: { level: 'apprenticeship', year: 2, section: '  Cariste ', teacher: 'Mme Claes' } }).expect(201);
    const expected = { level: 'apprenticeship', year: 2, section: 'Cariste', teacher: 'Mme Claes', trainerRequested: false, module: null };
    expect(created.body.class).toEqual(expected);
    expect((await t.http().get(`/api/bookings/${created.body.id}`).set('Cookie', schools[0].cookie).expect(200)).body.class).toEqual(expected);
    classBookingId = created.body.id;
  });

  it('gives the booker’s organisation an attendance attestation of a completed booking, verifiable by its reference', async () => {
    const pdf = (cookie: string) => t.http().get(`/api/bookings/${classBookingId}/attestation.pdf`).set('Cookie', cookie).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    // Not yet held: no attestation.
    expect((await pdf(schools[0].cookie).expect(409)).body).toBeDefined();
    await t.dataSource.query(
      `UPDATE bookings SET status = 'completed', actual_start = lower(period), actual_end = upper(period) - interval '30 minutes', actual_pupils = 11, actual_trainers = 1 WHERE id = $1`,
      [classBookingId],
    );
    const first = await pdf(schools[0].cookie).expect(200).expect('Content-Type', 'application/pdf');
    expect((first.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const reference = /attestation-(EQP-[A-Z2-7]{12})\.pdf/.exec(first.headers['content-disposition'])![1];
    // Every copy carries the same reference; the partner may download it too; other schools may not.
    expect((await pdf(managerCookie).expect(200)).headers['content-disposition']).toContain(reference);
    await pdf(schools[1].cookie).expect(404);
    const check = await t.http().get(`/api/attestations/${reference}`).expect(200);
    expect(check.body).toMatchObject({
      reference, valid: true, resource: 'Chariot élévateur', partner: 'Centre de compétence Logistique', organisation: 'Athénée Royal',
      actualStart: at(11, 8).toUTC().toISO(), actualEnd: at(11, 11).plus({ minutes: 30 }).toUTC().toISO(),
    });
    await t.http().get('/api/attestations/EQP-AAAAAAAAAAAA').expect(404);
  });

  it('runs again next year from a copy', async () => {
    const copy = await t.http().post(`/api/campaigns/${campaignId}/copy`).set('Cookie', managerCookie).send({}).expect(201);
    // Its managers may close its window early; the requests then stop.
    const closed = await t.http().post(`/api/campaigns/${copy.body.id}/closing`).set('Cookie', managerCookie).expect(200);
    expect(new Date(closed.body.windowClosesAt).getTime()).toBeLessThanOrEqual(t.clock.nowMs());
    expect(copy.body).toMatchObject({
      status: 'open', copiedFromId: campaignId, capPerOrganisation: 3, capPerClass: 2, requests: [], allocations: [], items: [{ id: itemId }],
      periodStart: monday.plus({ years: 1 }).toISODate(),
    });
    // A year later (the database adds it in its session's zone: within an hour of the local answer across a DST change).
    expect(Math.abs(new Date(copy.body.windowClosesAt).getTime() - windowClosesAt.plus({ years: 1 }).toMillis())).toBeLessThanOrEqual(3_600_000);
  });
});
