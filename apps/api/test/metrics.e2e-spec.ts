import { createOrganisation, createUser, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    await t.http().get('/api/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('exposes latency per route pattern, booking outcomes by code, the outbox, jobs and the pool', async () => {
    const school = await createOrganisation(t.dataSource);
    const cookie = await signIn(t, (await createUser(t.dataSource, { memberships: [[school, 'member']] })).email);
    await t.http().get('/api/resources').expect(200);
    await t.http().get('/api/resources/00000000-0000-4000-8000-000000000000').expect(404);
    await t.http().post('/api/bookings').set('Cookie', cookie)
      .send({ resourceId: '00000000-0000-4000-8000-000000000000', organisationId: school, purpose: 'course', start: '2030-01-07T08:00:00Z', end: '2030-01-07T09:00:00Z' });
    await t.dataSource.query(`INSERT INTO job_runs (job, holder, as_of, finished_at, error) VALUES ('digest', 'test', now(), now(), NULL), ('digest', 'test', now(), now(), 'boom')`);

    const response = await t.http().get('/api/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toMatch(/equipole_http_request_duration_seconds_bucket\{[^}]*method="GET",route="\/api\/resources",status="200"/);
    expect(text).toMatch(/equipole_http_request_duration_seconds_count\{[^}]*route="\/api\/resources\/:id",status="404"\} 1/);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(text).toMatch(/equipole_booking_requests_total\{route="\/api\/bookings",outcome="[A-Z_]+"\} 1/);
    expect(text).toMatch(/equipole_outbox_pending_emails \d+/);
    expect(text).toMatch(/equipole_outbox_oldest_pending_age_seconds \d/);
    expect(text).toContain('equipole_job_runs_total{job="digest",result="failed"} 1');
    expect(text).toContain('equipole_job_runs_total{job="digest",result="ok"} 1');
    expect(text).toMatch(/equipole_db_pool_connections\{state="waiting"\} 0/);
    expect(text).toMatch(/equipole_process_resident_memory_bytes \d+/);
  });
});
