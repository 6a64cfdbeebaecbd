import { startTestApp, TestApp } from './support/test-app';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers ok when the database answers', async () => {
    const response = await t.http().get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', embedded: t.config.database.embedded, version: expect.any(String) });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('echoes a well-formed request id and generates one otherwise', async () => {
    const echoed = await t.http().get('/api/health').set('X-Request-Id', 'trace-42');
    expect(echoed.headers['x-request-id']).toBe('trace-42');
    const generated = await t.http().get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await t.http().get('/api/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('publishes the OpenAPI document', async () => {
    const response = await t.http().get('/api/docs-json').expect(200);
    expect(response.body.info.title).toBe('Equipôle API');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/occupations']));
    await t.http().get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('answers 503 when the database is gone', async () => {
    const local = await startTestApp();
    await local.dataSource.destroy();
    const response = await local.http().get('/api/health').expect(503);
    expect(response.body).toMatchObject({ status: 'error', database: 'down' });
    await local.dataSource.initialize();
    await local.close();
  });
});
