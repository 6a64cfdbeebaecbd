import { createOrganisation, createUser, lastEmail, linkToken, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('organisations', () => {
  let t: TestApp;
  let coordinator: string;
  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true, name: 'Claire' })).email);
  });
  afterAll(() => t.close());

  it('lets a coordinator create an organisation and invite its first manager, who accepts and signs in', async () => {
    const created = await t.http().post('/api/organisations').set('Cookie', coordinator)
      .send({ kind: 'training_centre', name: '  Centre Lys  ', country: 'BE', registrationNumber: 'BE 0403.170.701', city: 'Kortrijk' })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Centre Lys', registrationNumber: '0403170701', memberCount: 0, canManage: true });

    await t.http().post(`/api/organisations/${created.body.id}/invitations`).set('Cookie', coordinator)
      .send({ email: 'Pieter@Example.test', name: 'Pieter', role: 'manager' }).expect(201);
    const mail = await lastEmail(t, 'pieter@example.test');
    expect(mail).toMatchObject({ kind: 'invitation', locale: 'fr', subject: 'Invitation à rejoindre Centre Lys sur Equipôle' });
    const token = linkToken(mail.text_body, 'invitation');

    const preview = await t.http().get(`/api/auth/invitations/${token}`).expect(200);
    expect(preview.body).toEqual({ email: 'pieter@example.test', name: 'Pieter', organisationName: 'Centre Lys', role: 'manager', hasAccount: false });

    const accepted = await t.http().post('/api/auth/invitations/accept')
      .send({ token, name: 'Pieter Declercq', password: 'een lange wachtzin', locale: 'nl' }).expect(204);
    const cookie = String(accepted.headers['set-cookie']).split(';')[0];
    const me = await t.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ name: 'Pieter Declercq', locale: 'nl', memberships: [{ organisationName: 'Centre Lys', role: 'manager' }] });
    await t.http().get(`/api/auth/invitations/${token}`).expect(400);
    await signIn(t, 'pieter@example.test', 'een lange wachtzin');
  });

  it('rejects an invalid enterprise number or SIRET with a translated field error', async () => {
    // The signed-in person's language wins over the browser's.
    const response = await t.http().post('/api/organisations').set('Cookie', coordinator).set('Accept-Language', 'en')
      .send({ kind: 'company', name: 'X', country: 'FR', registrationNumber: '55210055400014' }).expect(400);
    expect(response.body.details).toEqual([
      { field: 'registrationNumber', constraint: 'isRegistrationNumber', message: 'Numéro d’entreprise (BCE) ou SIRET invalide pour ce pays.' },
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM organisations WHERE name = 'X'`);
    expect(n).toBe(0);
  });

  it('lets a manager invite members and change roles, but never remove the last manager', async () => {
    const organisationId = await createOrganisation(t.dataSource, { name: 'Lycée Test' });
    const manager = await createUser(t.dataSource, { memberships: [[organisationId, 'manager']] });
    const cookie = await signIn(t, manager.email);
    const existing = await createUser(t.dataSource, { name: 'Already Here' });

    const members = await t.http().post(`/api/organisations/${organisationId}/invitations`).set('Cookie', cookie)
      .send({ email: existing.email, name: 'ignored', role: 'member' }).expect(201);
    expect(members.body.find((m: { userId: string }) => m.userId === existing.id)).toMatchObject({ name: 'Already Here', role: 'member', invitationPending: false });
    expect((await lastEmail(t, existing.email)).kind).toBe('added_to_organisation');

    const again = await t.http().post(`/api/organisations/${organisationId}/invitations`).set('Cookie', cookie)
      .send({ email: existing.email, name: 'x', role: 'member' }).expect(409);
    expect(again.body.code).toBe('ALREADY_MEMBER');

    const lastManager = await t.http().patch(`/api/organisations/${organisationId}/members/${manager.id}`).set('Cookie', cookie).send({ role: 'member' }).expect(409);
    expect(lastManager.body.code).toBe('LAST_MANAGER');
    await t.http().delete(`/api/organisations/${organisationId}/members/${manager.id}`).set('Cookie', cookie).expect(409);

    await t.http().patch(`/api/organisations/${organisationId}/members/${existing.id}`).set('Cookie', cookie).send({ role: 'manager' }).expect(200);
    await t.http().delete(`/api/organisations/${organisationId}/members/${manager.id}`).set('Cookie', cookie).expect(204);
  });

  it('searches the directory without accents and filters by kind and country', async () => {
    await createOrganisation(t.dataSource, { name: 'École Électro Sud', kind: 'school', country: 'FR' });
    const response = await t.http().get('/api/organisations').query({ search: 'ecole electro', kind: 'school', country: 'FR' }).set('Cookie', coordinator).expect(200);
    expect(response.body.items.map((o: { name: string }) => o.name)).toEqual(['École Électro Sud']);
  });
});

describe('clusters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a cluster around occupations with members, and shows it to every signed-in person', async () => {
    const coordinator = await createUser(t.dataSource, { coordinator: true, name: 'Claire' });
    const cookie = await signIn(t, coordinator.email);
    const fund = await createOrganisation(t.dataSource, { name: 'Fonds Test', kind: 'sector_fund' });
    const school = await createOrganisation(t.dataSource, { name: 'Lycée Test', country: 'FR' });
    const [welder] = await t.dataSource.query(`SELECT id FROM occupations WHERE code = 'welder'`);

    const created = await t.http().post('/api/clusters').set('Cookie', cookie).send({
      name: 'Pôle Soudure', sector: 'industry', descriptionFr: 'Mutualiser les ateliers de soudure.', startDate: '2026-09-01',
      leadOrganisationId: fund, memberIds: [fund, school], occupationIds: [welder.id], coordinatorIds: [coordinator.id],
    }).expect(201);
    expect(created.body).toMatchObject({
      name: 'Pôle Soudure', status: 'pilot', startDate: '2026-09-01', memberCount: 2, occupationCount: 1,
      leadOrganisation: { id: fund, name: 'Fonds Test' },
      descriptions: { fr: 'Mutualiser les ateliers de soudure.', nl: null, en: null },
      occupations: [{ code: 'welder', labels: { fr: 'Soudeur·se', nl: 'Lasser', en: 'Welder' } }],
      coordinators: [{ id: coordinator.id, name: 'Claire' }],
    });

    const member = await createUser(t.dataSource, { memberships: [[school, 'member']] });
    const list = await t.http().get('/api/clusters').set('Cookie', await signIn(t, member.email)).expect(200);
    expect(list.body.map((c: { name: string }) => c.name)).toEqual(['Pôle Soudure']);

    await t.http().patch(`/api/clusters/${created.body.id}`).set('Cookie', cookie).send({ memberIds: [school] }).expect(200);
    const after = await t.http().get(`/api/clusters/${created.body.id}`).set('Cookie', cookie).expect(200);
    expect(after.body.members.map((m: { name: string }) => m.name)).toEqual(['Lycée Test']);

    const unknown = await t.http().patch(`/api/clusters/${created.body.id}`).set('Cookie', cookie).send({ memberIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(unknown.body.code).toBe('REFERENCE_INVALID');
  });

  it('lets a coordinator flag an occupation in shortage for a region with its source', async () => {
    const cookie = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    const [cook] = await t.dataSource.query(`SELECT id FROM occupations WHERE code = 'cook'`);
    const response = await t.http().put(`/api/occupations/${cook.id}/shortages/VLA`).set('Cookie', cookie)
      .send({ inShortage: false, listDate: '2026-07-01', source: 'VDAB knelpuntberoepen 2026' }).expect(200);
    expect(response.body.shortage.find((s: { region: string }) => s.region === 'VLA')).toEqual({
      region: 'VLA', inShortage: false, listDate: '2026-07-01', source: 'VDAB knelpuntberoepen 2026',
    });
    await t.http().put(`/api/occupations/${cook.id}/shortages/XX`).set('Cookie', cookie).send({ inShortage: true }).expect(400);
  });
});
