import { createOrganisation, createUser, lastEmail, linkToken, PASSWORD, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('accounts and sessions', () => {
  let t: TestApp;
  let organisationId: string;
  beforeAll(async () => {
    t = await startTestApp();
    organisationId = await createOrganisation(t.dataSource, { name: 'Athénée des Tests' });
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly, SameSite=Lax session cookie and answers who is signed in', async () => {
    const { email } = await createUser(t.dataSource, { name: 'Anne', memberships: [[organisationId, 'manager']] });
    const response = await t.http().post('/api/auth/login').send({ email: email.toUpperCase(), password: PASSWORD }).expect(204);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/equipole_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');

    const me = await t.http().get('/api/auth/me').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(me.body).toMatchObject({
      email,
      name: 'Anne',
      isCoordinator: false,
      memberships: [{ organisationId, organisationName: 'Athénée des Tests', role: 'manager' }],
    });

    const session = await t.http().get('/api/auth/session').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(session.body).toEqual({ user: me.body });
  });

  it('answers the start-up question "who is signed in" with null, not an error, for a visitor', async () => {
    const response = await t.http().get('/api/auth/session').expect(200);
    expect(response.body).toEqual({ user: null });
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email } = await createUser(t.dataSource);
    const wrong = await t.http().post('/api/auth/login').set('Accept-Language', 'nl').send({ email, password: 'not the password' }).expect(401);
    const unknown = await t.http().post('/api/auth/login').set('Accept-Language', 'nl').send({ email: 'nobody@example.test', password: 'x' }).expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.message).toBe('Onjuist e-mailadres of wachtwoord.');
    expect({ ...unknown.body, requestId: '' }).toEqual({ ...wrong.body, requestId: '' });
  });

  it('throttles an account after five failures and says in how many minutes to retry', async () => {
    const { email } = await createUser(t.dataSource);
    for (let i = 0; i < 5; i++) await t.http().post('/api/auth/login').send({ email, password: 'wrong' }).expect(401);
    const blocked = await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).set('Accept-Language', 'fr').expect(429);
    expect(blocked.body.code).toBe('LOGIN_THROTTLED');
    expect(blocked.body.message).toBe('Trop de tentatives de connexion. Réessayez dans 15 minute(s).');
    expect(blocked.body.details).toEqual({ retryAfterMinutes: 15 });
  });

  it('requires a session for private routes', async () => {
    const response = await t.http().get('/api/auth/me').expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('lists sessions and revokes one, which signs that browser out', async () => {
    const { email } = await createUser(t.dataSource);
    const first = await signIn(t, email);
    const second = await signIn(t, email);
    const sessions = await t.http().get('/api/auth/sessions').set('Cookie', first).expect(200);
    expect(sessions.body).toHaveLength(2);
    const other = sessions.body.find((s: { current: boolean }) => !s.current);
    await t.http().delete(`/api/auth/sessions/${other.id}`).set('Cookie', first).expect(204);
    await t.http().get('/api/auth/me').set('Cookie', second).expect(401);
    await t.http().get('/api/auth/me').set('Cookie', first).expect(200);
  });

  it('cannot revoke somebody else’s session (404)', async () => {
    const a = await createUser(t.dataSource);
    const b = await createUser(t.dataSource);
    const cookieA = await signIn(t, a.email);
    const cookieB = await signIn(t, b.email);
    const [sessionB] = (await t.http().get('/api/auth/sessions').set('Cookie', cookieB)).body;
    await t.http().delete(`/api/auth/sessions/${sessionB.id}`).set('Cookie', cookieA).expect(404);
    await t.http().get('/api/auth/me').set('Cookie', cookieB).expect(200);
  });

  it('logs out', async () => {
    const { email } = await createUser(t.dataSource);
    const cookie = await signIn(t, email);
    await t.http().post('/api/auth/logout').set('Cookie', cookie).expect(204);
    await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('refuses a state-changing request from another site', async () => {
    const { email } = await createUser(t.dataSource);
    const cookie = await signIn(t, email);
    const crossSite = await t.http().post('/api/auth/logout').set('Cookie', cookie).set('Sec-Fetch-Site', 'cross-site').expect(403);
    expect(crossSite.body.code).toBe('CSRF_REJECTED');
    await t.http().post('/api/auth/logout').set('Cookie', cookie).set('Origin', 'https://evil.example').expect(403);
    await t.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    await t.http().post('/api/auth/logout').set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin').expect(204);
  });

  it('resets a forgotten password with a single-use emailed link that signs out every session', async () => {
    const { email } = await createUser(t.dataSource, { name: 'Pieter', locale: 'nl' });
    const cookie = await signIn(t, email);
    await t.http().post('/api/auth/password-reset').send({ email }).expect(202);
    await t.http().post('/api/auth/password-reset').send({ email: 'nobody@example.test' }).expect(202);
    const mail = await lastEmail(t.dataSource, email);
    expect(mail).toMatchObject({ kind: 'password_reset', locale: 'nl', subject: 'Uw Equipôle-wachtwoord opnieuw instellen' });
    const token = linkToken(mail.text_body, 'reset-password');

    await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'short' }).expect(400);
    await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' }).expect(204);
    const reused = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'another new passphrase' }).expect(400);
    expect(reused.body.code).toBe('TOKEN_INVALID');
    await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
    await signIn(t, email, 'a brand new passphrase');
  });

  it('updates the profile and changes the password', async () => {
    const { email } = await createUser(t.dataSource);
    const cookie = await signIn(t, email);
    await t.http().patch('/api/auth/me').set('Cookie', cookie).send({ name: 'Renamed', locale: 'en' }).expect(204);
    const me = await t.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ name: 'Renamed', locale: 'en' });
    await t.http().patch('/api/auth/me').set('Cookie', cookie).send({ isCoordinator: true }).expect(400);
    await t.http().post('/api/auth/password').set('Cookie', cookie).send({ currentPassword: 'wrong', newPassword: 'a new long passphrase' }).expect(401);
    await t.http().post('/api/auth/password').set('Cookie', cookie).send({ currentPassword: PASSWORD, newPassword: 'a new long passphrase' }).expect(204);
    await signIn(t, email, 'a new long passphrase');
  });
});
