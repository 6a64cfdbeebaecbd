import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('allows the app’s own stylesheets and styles carrying the page’s nonce, and nothing from other sites', async () => {
    const webDistDir = await mkdtemp(join(tmpdir(), 'equipole-web-'));
    await writeFile(join(webDistDir, 'index.html'), '<meta property="csp-nonce" nonce="__EQUIPOLE_CSP_NONCE__"><div id="app"></div>');
    const web = await startTestApp({ WEB_DIST_DIR: webDistDir });
    try {
      const policy = (response: { headers: Record<string, string> }) =>
        Object.fromEntries(response.headers['content-security-policy'].split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      const pages = await Promise.all(['/', '/equipment/x', '/index.html'].map((path) => web.http().get(path).expect(200)));
      const nonces = pages.map((page) => {
        const directives = policy(page);
        expect(directives['style-src']).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{24}'$/)]);
        expect(directives['style-src-attr']).toEqual(["'unsafe-inline'"]);
        expect(directives['font-src']).toEqual(["'self'", 'data:']);
        expect(directives['script-src']).toEqual(["'self'"]);
        const nonce = /'nonce-(.+)'/.exec(directives['style-src'][1])![1];
        expect(page.text).toBe(`<meta property="csp-nonce" nonce="${nonce}"><div id="app"></div>`);
        expect(page.headers['cache-control']).toBe('no-cache');
        return nonce;
      });
      expect(new Set(nonces).size).toBe(nonces.length);
    } finally {
      await web.close();
      await rm(webDistDir, { recursive: true, force: true });
    }
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
