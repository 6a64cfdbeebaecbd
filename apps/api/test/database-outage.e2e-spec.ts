import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';

/** The app reaches its database through a relay the test can cut, on the server and on PGlite alike. */
describe('when the database cannot answer', () => {
  let t: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '2', DATABASE_POOL_WAIT_MS: '300' }, {
      connectThrough: async (url) => {
        proxy = TcpProxy.forDatabase(url);
        await proxy.open();
        return proxy.rewrite(url);
      },
    });
  }, 120_000);
  afterAll(async () => {
    await proxy.open().catch(() => undefined);
    await t.close();
    await proxy.cut();
  });

  it('answers 503 with Retry-After and a translated message while it is gone, and serves again when it is back', async () => {
    await t.http().get('/api/resources').expect(200);

    await proxy.cut();
    for (const path of ['/api/resources', '/api/occupations', '/api/auth/me']) {
      const response = await t.http().get(path).set('Accept-Language', 'nl').set('Cookie', 'equipole_session=whatever');
      expect({ path, status: response.status }).toEqual({ path, status: 503 });
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'De dienst is tijdelijk niet beschikbaar.' });
    }
    const login = await t.http().post('/api/auth/login').send({ email: 'a@b.test', password: 'whatever-long-enough' });
    expect(login.status).toBe(503);
    await t.http().get('/api/health').expect(503);

    await proxy.open();
    // The pool drops the cut connections and opens new ones.
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await t.http().get('/api/resources')).status;
      if (status !== 200) await new Promise((done) => setTimeout(done, 100));
    }
    expect(status).toBe(200);
  });

  it('answers 503 when every connection stays busy beyond the bounded wait', async () => {
    // Every pooled connection held by a transaction (the embedded database has one, a server two here).
    const connections = t.config.database.embedded ? 1 : 2;
    const busy = Array.from({ length: connections }, () =>
      t.dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1');
        await new Promise((done) => setTimeout(done, 1500));
      }),
    );
    await new Promise((done) => setTimeout(done, 100));
    const response = await t.http().get('/api/resources').set('Accept-Language', 'fr');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body.message).toBe('Le service est momentanément indisponible.');
    await Promise.all(busy);
    await t.http().get('/api/resources').expect(200);
  });
});
