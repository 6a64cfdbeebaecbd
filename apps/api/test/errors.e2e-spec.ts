import { startTestApp, TestApp } from './support/test-app';

const ERROR_BODY_KEYS = ['code', 'message', 'requestId', 'statusCode'];

describe('error answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has one stable shape, with the request id of the response', async () => {
    const response = await t.http().get('/api/no-such-thing').expect(404);
    expect(Object.keys(response.body).sort()).toEqual(ERROR_BODY_KEYS);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it.each([
    ['fr-BE,fr;q=0.9', "Cette adresse de l'API n'existe pas."],
    ['nl-BE,nl;q=0.9', 'Dit API-adres bestaat niet.'],
    ['en-GB', 'This API address does not exist.'],
    ['de-DE', "Cette adresse de l'API n'existe pas."],
  ])('is translated for Accept-Language %s', async (language, message) => {
    const response = await t.http().get('/api/no-such-thing').set('Accept-Language', language).expect(404);
    expect(response.body.message).toBe(message);
  });

  it('rejects an unknown field with 400 and names it, translated', async () => {
    const response = await t.http().get('/api/occupations?search=soud&role=admin').set('Accept-Language', 'nl').expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Sommige gegevens zijn ongeldig.',
      details: [{ field: 'role', constraint: 'whitelistValidation', message: 'Dit veld is niet toegestaan.' }],
    });
  });

  it('lists every invalid field with its rule and arguments', async () => {
    const response = await t.http().get('/api/occupations?limit=500&sector=space').set('Accept-Language', 'en').expect(400);
    expect(response.body.details).toEqual(
      expect.arrayContaining([
        { field: 'limit', constraint: 'max', message: 'Must be at most 200.' },
        { field: 'sector', constraint: 'isIn', message: 'Value not allowed.' },
      ]),
    );
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await t.http().post('/api/health').set('Content-Type', 'application/json').send('{"broken": ');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_REQUEST');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it.each([
    ['objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    ['arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a field', `{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`],
  ])('refuses JSON %s nested 5,000 levels deep with a translated 400, not 500', async (_what, body) => {
    const response = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').set('Accept-Language', 'en').send(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BODY_TOO_DEEP', message: 'The data sent is nested too deeply (at most 32 levels).', details: { maxDepth: 32 } });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('counts only real nesting: brackets inside strings are text', async () => {
    const text = `${'[{'.repeat(100)}\\"${'}]'.repeat(100)}`;
    const response = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: `${text}@example.test`, password: text }));
    expect(response.body.code).not.toBe('BODY_TOO_DEEP');
    expect(response.status).toBeLessThan(500);
  });

  it('refuses a form body nested 5,000 levels deep with a 4xx, not 500', async () => {
    const response = await t.http().post('/api/auth/login').set('Content-Type', 'application/x-www-form-urlencoded').send(`email${'[a]'.repeat(5000)}=x&password=y`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers an oversized body with 413', async () => {
    const response = await t.http().post('/api/health').set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(200_000) }));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
