import { DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

const ZONE = 'Europe/Brussels';
const RULES = {
  ...DEFAULT_BOOKING_RULES,
  slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 480, leadTimeMinutes: 24 * 60, horizonDays: 60,
  approvalMode: 'owner', accessPolicy: 'all', allowedOrganisationIds: [],
};
const CLASS = { level: 'secondary', year: 5, section: 'Mécanique', teacher: 'M. Dupont', trainerRequested: false, module: null };

/**
 * A cluster's campaign (docs/campaigns.md, "Who opens a campaign"): the cluster's coordinator opens
 * it over items of two partners, runs and publishes it; each partner's managers see it and the
 * sessions on their own items but cannot run it; a partner cannot open one over another's items.
 */
describe('campaigns of a cluster', () => {
  let t: TestApp;
  let clusterId: string;
  const partners: { id: string; cookie: string; itemId: string }[] = [];
  let outsideItemId: string;
  let coordinatorCookie: string;
  let outsiderCookie: string;
  let school: { id: string; cookie: string; email: string };
  let campaignId: string;
  const monday = now(ZONE).startOf('week').plus({ weeks: 3 });

  const campaign = (extra: object) => ({
    name: 'Pôle Métal — année scolaire', periodStart: monday.toISODate(), periodEnd: monday.plus({ days: 4 }).toISODate(),
    windowOpensAt: now(ZONE).minus({ hours: 1 }).toISO(), windowClosesAt: now(ZONE).plus({ days: 1 }).startOf('hour').toISO(),
    publishBy: monday.minus({ days: 7 }).toISODate(), sessionMinutes: 240, eligibleKinds: ['school'], ...extra,
  });
  const open = (cookie: string, body: object) => t.http().post('/api/campaigns').set('Cookie', cookie).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    [{ id: clusterId }] = await t.dataSource.query(`INSERT INTO clusters (name, sector) VALUES ('Pôle Métal', 'industry') RETURNING id`);
    const coordinator = await createUser(t.dataSource, { coordinator: true });
    await t.dataSource.query('INSERT INTO cluster_coordinators (cluster_id, user_id) VALUES ($1, $2)', [clusterId, coordinator.id]);
    coordinatorCookie = await signIn(t, coordinator.email);
    for (const name of ['Escaut Industrie', 'Vlaskouter']) {
      const id = await createOrganisation(t.dataSource, { name, kind: 'training_centre' });
      await t.dataSource.query('INSERT INTO cluster_members (cluster_id, organisation_id) VALUES ($1, $2)', [clusterId, id]);
      const cookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[id, 'manager']] })).email);
      const siteId = (await t.http().post(`/api/organisations/${id}/sites`).set('Cookie', cookie).send({ name: 'Atelier', country: 'BE', region: 'WAL' }).expect(201)).body.id;
      const itemId = (await t.http().post('/api/resources').set('Cookie', cookie)
        .send({ organisationId: id, siteId, kind: 'machine', capacity: 24, nameFr: `Tour CNC ${name}`, rules: RULES, clusterIds: [clusterId] }).expect(201)).body.id;
      partners.push({ id, cookie, itemId });
      if (partners.length === 1) {
        // An item of the first partner that is not offered in the cluster.
        outsideItemId = (await t.http().post('/api/resources').set('Cookie', cookie)
          .send({ organisationId: id, siteId, kind: 'machine', capacity: 24, nameFr: 'Presse privée', rules: RULES }).expect(201)).body.id;
      }
    }
    const outsider = await createOrganisation(t.dataSource, { name: 'Centre hors pôle', kind: 'training_centre' });
    outsiderCookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[outsider, 'manager']] })).email);
    const schoolId = await createOrganisation(t.dataSource, { name: 'Athénée Royal' });
    const teacher = await createUser(t.dataSource, { memberships: [[schoolId, 'member']] });
    school = { id: schoolId, email: teacher.email, cookie: await signIn(t, teacher.email) };
  });
  afterAll(() => t.close());

  it('refuses a partner’s campaign over another partner’s items, and a cluster’s campaign to anyone but coordinators', async () => {
    const [a, b] = partners;
    const foreign = await open(a.cookie, campaign({ organisationId: a.id, resourceIds: [a.itemId, b.itemId] })).expect(422);
    expect(foreign.body).toMatchObject({ code: 'REFERENCE_INVALID', details: { field: 'resourceIds' } });
    expect(foreign.body.message).toEqual(expect.any(String));
    // Through the other partner: not theirs to manage.
    expect((await open(a.cookie, campaign({ organisationId: b.id, resourceIds: [b.itemId] })).expect(404)).body.code).toBe('NOT_FOUND');
    // Through the cluster: coordinators only (a partner's manager, a school's member).
    for (const cookie of [a.cookie, school.cookie]) {
      const refused = await open(cookie, campaign({ clusterId, resourceIds: [a.itemId, b.itemId] })).expect(403);
      expect(refused.body).toMatchObject({ code: 'COORDINATOR_ONLY', message: expect.any(String) });
    }
    // Exactly one of the two, translated field by field (in the coordinator's language).
    const both = await open(coordinatorCookie, campaign({ organisationId: a.id, clusterId, resourceIds: [a.itemId] })).expect(400);
    expect(both.body.code).toBe('VALIDATION_FAILED');
    expect(both.body.details).toEqual([expect.objectContaining({ field: 'clusterId', message: 'Indiquez soit l’organisation, soit le pôle qui ouvre la campagne, pas les deux.' })]);
    const neither = await open(coordinatorCookie, campaign({ resourceIds: [a.itemId] })).expect(400);
    expect(neither.body.details).toEqual([expect.objectContaining({ field: 'organisationId' })]);
    // An item not offered in the cluster; an unknown cluster.
    expect((await open(coordinatorCookie, campaign({ clusterId, resourceIds: [a.itemId, outsideItemId] })).expect(422)).body.details).toEqual({ field: 'resourceIds' });
    expect((await open(coordinatorCookie, campaign({ clusterId: '00000000-0000-4000-8000-000000000000', resourceIds: [a.itemId] })).expect(422)).body.details).toEqual({ field: 'clusterId' });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM campaigns'))[0].n).toBe(0);
  });

  it('lets the cluster’s coordinator open a campaign over two partners’ items', async () => {
    const [a, b] = partners;
    const created = await open(coordinatorCookie, campaign({ clusterId, resourceIds: [a.itemId, b.itemId], capPerOrganisation: 4 })).expect(201);
    campaignId = created.body.id;
    expect(created.body).toMatchObject({ organisation: null, cluster: { id: clusterId, name: 'Pôle Métal' }, canManage: true, status: 'open' });
    expect(created.body.items.map((i: { id: string; organisation: { id: string } }) => [i.id, i.organisation.id]).sort()).toEqual([[a.itemId, a.id], [b.itemId, b.id]].sort());
  });

  it('holds in the database: an organisation or a cluster, and items of that organisation or offered in that cluster', async () => {
    const insert = (organisationId: string | null, cluster: string | null) => t.dataSource.query(
      `INSERT INTO campaigns (organisation_id, cluster_id, name, period_start, period_end, window_opens_at, window_closes_at, publish_by, session_minutes)
       VALUES ($1, $2, 'x', current_date, current_date, now(), now() + interval '1 day', current_date, 240)`, [organisationId, cluster]);
    await expect(insert(null, null)).rejects.toMatchObject({ code: '23514', constraint: 'campaigns_owner' });
    await expect(insert(partners[0].id, clusterId)).rejects.toMatchObject({ code: '23514', constraint: 'campaigns_owner' });
    await expect(t.dataSource.query('INSERT INTO campaign_items (campaign_id, resource_id) VALUES ($1, $2)', [campaignId, outsideItemId]))
      .rejects.toMatchObject({ code: '23514', constraint: 'campaign_items_belong' });
  });

  it('shows the campaign to each role: coordinators and the items’ managers, eligible schools; not to other partners', async () => {
    const [a, b] = partners;
    const listed = async (cookie: string) => (await t.http().get('/api/campaigns').set('Cookie', cookie).expect(200)).body.map((c: { id: string }) => c.id);
    for (const cookie of [coordinatorCookie, a.cookie, b.cookie, school.cookie]) expect(await listed(cookie)).toContain(campaignId);
    expect(await listed(outsiderCookie)).not.toContain(campaignId);
    await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', outsiderCookie).expect(404);
    const asPartner = (await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', a.cookie).expect(200)).body;
    expect(asPartner).toMatchObject({ canManage: false, cluster: { id: clusterId }, requests: [], allocations: [] });
    // The items' managers follow it but do not run it.
    expect((await t.http().post(`/api/campaigns/${campaignId}/closing`).set('Cookie', a.cookie).expect(403)).body.code).toBe('COORDINATOR_ONLY');
    await t.http().post(`/api/campaigns/${campaignId}/closing`).set('Cookie', outsiderCookie).expect(404);
  });

  it('allocates on both partners’ items, shows each partner the sessions on its own, and books them with each item’s owner', async () => {
    const [a, b] = partners;
    for (const itemId of [a.itemId, b.itemId]) {
      await t.http().post(`/api/campaigns/${campaignId}/requests`).set('Cookie', school.cookie)
        .send({ organisationId: school.id, resourceId: itemId, sessions: 2, pupils: 12, class: CLASS }).expect(201);
    }
    await t.http().post(`/api/campaigns/${campaignId}/closing`).set('Cookie', coordinatorCookie).expect(200);
    const run = await t.http().post(`/api/campaigns/${campaignId}/allocation`).set('Cookie', coordinatorCookie).send({ seed: 'pole-metal' }).expect(200);
    expect(run.body.allocations).toHaveLength(4);
    // Each partner sees the proposal on its own items only; the school waits for the publication.
    for (const partner of [a, b]) {
      const seen = (await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', partner.cookie).expect(200)).body;
      expect(seen.allocations.map((x: { resourceId: string }) => x.resourceId)).toEqual([partner.itemId, partner.itemId]);
      expect(seen.allocations.every((x: { organisation: { id: string } }) => x.organisation.id === school.id)).toBe(true);
    }
    expect((await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', school.cookie).expect(200)).body.allocations).toEqual([]);
    expect((await t.http().post(`/api/campaigns/${campaignId}/publication`).set('Cookie', a.cookie).expect(403)).body.code).toBe('COORDINATOR_ONLY');

    const published = await t.http().post(`/api/campaigns/${campaignId}/publication`).set('Cookie', coordinatorCookie).expect(200);
    expect(published.body.status).toBe('published');
    const booked = await t.dataSource.query(
      `SELECT r.organisation_id AS owner, b.organisation_id AS booker, b.status FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE b.campaign_id = $1 ORDER BY r.organisation_id`,
      [campaignId],
    );
    expect(booked).toHaveLength(4);
    expect(booked.every((row: { booker: string; status: string }) => row.booker === school.id && row.status === 'confirmed')).toBe(true);
    expect(booked.map((row: { owner: string }) => row.owner).sort()).toEqual([a.id, a.id, b.id, b.id].sort());
    // Each partner sees the bookings on its own item, as any booking.
    const onA = (await t.http().get(`/api/bookings/${published.body.allocations.find((x: { resourceId: string }) => x.resourceId === a.itemId).bookingId}`).set('Cookie', a.cookie).expect(200)).body;
    expect(onA.status).toBe('confirmed');
    expect((await t.http().get(`/api/campaigns/${campaignId}`).set('Cookie', school.cookie).expect(200)).body.allocations).toHaveLength(4);
    const emails = await t.dataSource.query(`SELECT recipient, text_body FROM outbox WHERE kind = 'campaign_result'`);
    expect(emails).toEqual([expect.objectContaining({ recipient: school.email, text_body: expect.stringContaining('Pôle Métal a publié') })]);
  });

  it('runs again next year from a copy, still the cluster’s', async () => {
    const copy = await t.http().post(`/api/campaigns/${campaignId}/copy`).set('Cookie', coordinatorCookie).send({}).expect(201);
    expect(copy.body).toMatchObject({ organisation: null, cluster: { id: clusterId }, copiedFromId: campaignId });
    expect(copy.body.items).toHaveLength(2);
    await t.http().post(`/api/campaigns/${campaignId}/copy`).set('Cookie', partners[0].cookie).send({}).expect(403);
  });
});
