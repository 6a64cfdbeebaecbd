import { createOrganisation, createUser, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('clusters seen by a visitor', () => {
  let t: TestApp;
  let clusterId: string;
  let coordinatorEmail: string;

  beforeAll(async () => {
    t = await startTestApp();
    const lead = await createOrganisation(t.dataSource, { name: 'Athénée du Lac' });
    const partner = await createOrganisation(t.dataSource, { name: 'Lys Formation', country: 'FR', kind: 'training_centre' });
    const coordinator = await createUser(t.dataSource, { coordinator: true, name: 'Claire Coordinatrice', email: 'claire@coordination.test' });
    coordinatorEmail = coordinator.email;
    [{ id: clusterId }] = await t.dataSource.query(
      `INSERT INTO clusters (name, sector, status, description_fr, description_en, lead_organisation_id, start_date)
       VALUES ('Pôle métal', 'industry', 'active', 'Mutualiser les ateliers', 'Pooling workshops', $1, '2026-01-15') RETURNING id`,
      [lead],
    );
    await t.dataSource.query('INSERT INTO cluster_members (cluster_id, organisation_id) VALUES ($1, $2), ($1, $3)', [clusterId, lead, partner]);
    await t.dataSource.query('INSERT INTO cluster_coordinators (cluster_id, user_id) VALUES ($1, $2)', [clusterId, coordinator.id]);
  });
  afterAll(() => t.close());

  it('lists clusters without a session', async () => {
    const response = await t.http().get('/api/clusters').expect(200);
    expect(response.body).toEqual([
      expect.objectContaining({ id: clusterId, name: 'Pôle métal', status: 'active', startDate: '2026-01-15', memberCount: 2, leadOrganisation: expect.objectContaining({ name: 'Athénée du Lac' }) }),
    ]);
  });

  it('shows a cluster’s descriptions and member organisations to a visitor but no person', async () => {
    const response = await t.http().get(`/api/clusters/${clusterId}`).expect(200);
    expect(response.body.descriptions).toEqual({ fr: 'Mutualiser les ateliers', nl: null, en: 'Pooling workshops' });
    expect(response.body.members.map((m: { name: string }) => m.name)).toEqual(['Athénée du Lac', 'Lys Formation']);
    expect(response.body.coordinators).toEqual([]);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('@');
    expect(text).not.toContain('Claire');
    expect(text).not.toContain(coordinatorEmail);
  });

  it('names the coordinators for a signed-in person, still without their email', async () => {
    const member = await createUser(t.dataSource);
    const response = await t.http().get(`/api/clusters/${clusterId}`).set('Cookie', await signIn(t, member.email)).expect(200);
    expect(response.body.coordinators).toEqual([expect.objectContaining({ name: 'Claire Coordinatrice' })]);
    expect(JSON.stringify(response.body)).not.toContain(coordinatorEmail);
  });

  it('answers 404 to a visitor for an unknown cluster', async () => {
    await t.http().get('/api/clusters/00000000-0000-4000-8000-000000000000').expect(404);
  });
});
