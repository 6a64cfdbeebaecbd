import { randomBytes } from 'node:crypto';
import { AuthService } from '../src/auth/auth.service';
import { hashToken } from '../src/auth/secrets';
import { MailerService } from '../src/notifications/mailer.service';
import { OutboxSecrets } from '../src/notifications/outbox-secrets';
import { createOrganisation, createUser, lastEmail, linkToken, PASSWORD, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** The cookie `name` a response sets, as a Cookie header value. */
function cookieOf(response: { headers: Record<string, unknown> }, name: string): string | undefined {
  return ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`))?.split(';')[0];
}

describe('accounts and sessions', () => {
  let t: TestApp;
  let organisationId: string;
  /** Client addresses (X-Forwarded-For, the app trusting its proxy) that no other test uses. */
  let addresses = 0;
  const newAddress = () => `198.51.${Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`;
  /**
   * An attack from as many addresses as `failures`, none of them reaching its own limit: ten
   * guesses through the API (not slowed down yet), the rest counted as they would be.
   */
  const attack = async (email: string, failures: number) => {
    for (let i = 0; i < 10; i++) await login(email, 'guess', newAddress()).expect(401);
    for (let i = 10; i < failures; i++) await t.dataSource.query('INSERT INTO login_failures (email, ip) VALUES ($1, $2)', [email, newAddress()]);
  };
  const login = (email: string, password: string, from: string, cookie?: string) => {
    const request = t.http().post('/api/auth/login').set('X-Forwarded-For', from);
    if (cookie) request.set('Cookie', cookie);
    return request.send({ email, password });
  };
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
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
    expect(blocked.body.message).toBe('Trop de tentatives de connexion. Réessayez dans 15 minutes.');
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
    const mail = await lastEmail(t, email);
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

  describe('throttling that keeps brute force out without locking owners out', () => {
    it('counts failures per client: an attacker’s address is stopped, the owner elsewhere signs in', async () => {
      const { email } = await createUser(t.dataSource);
      const attacker = newAddress();
      for (let i = 0; i < 5; i++) await login(email, 'wrong', attacker).expect(401);
      const blocked = await login(email, PASSWORD, attacker).set('Accept-Language', 'en').expect(429);
      expect(blocked.body).toMatchObject({ code: 'LOGIN_THROTTLED', message: 'Too many sign-in attempts. Try again in 15 minutes.', details: { retryAfterMinutes: 15 } });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
      await login(email, PASSWORD, newAddress()).expect(204);
    });

    it('slows down an attack from many addresses, and lets the owner’s known browser straight in', async () => {
      const { email } = await createUser(t.dataSource);
      const owner = await login(email, PASSWORD, newAddress()).expect(204);
      const device = cookieOf(owner, 'equipole_device');
      expect(String(owner.headers['set-cookie'])).toMatch(/equipole_device=[\w-]{22}\.\d+\.[\w-]{43}; Max-Age=15552000; Path=\/api\/auth; Expires=[^;]+; HttpOnly; SameSite=Strict/);

      await attack(email, 15);
      const slowed = await login(email, PASSWORD, newAddress()).set('Accept-Language', 'fr').expect(429);
      expect(slowed.body.code).toBe('LOGIN_SLOWED_DOWN');
      expect(slowed.body.message).toMatch(/^Trop de tentatives de connexion échouées pour cette adresse\. Réessayez dans \d+ secondes?, connectez-vous depuis un appareil/);
      const seconds = Number(slowed.headers['retry-after']);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(32);
      expect(slowed.body.details).toEqual({ retryAfterSeconds: seconds });

      // The browser that signed in before is let through, from anywhere.
      const known = await login(email, PASSWORD, newAddress(), device).expect(204);
      expect(cookieOf(known, 'equipole_device')).toBeDefined();
      // A cookie that is not ours, or another account's, counts for nothing.
      const nonceAt = 'equipole_device='.length;
      const forged = `${device!.slice(0, nonceAt)}${device![nonceAt] === 'A' ? 'B' : 'A'}${device!.slice(nonceAt + 1)}`;
      await login(email, PASSWORD, newAddress(), forged).expect(429);
      const other = await createUser(t.dataSource);
      const otherDevice = cookieOf(await login(other.email, PASSWORD, newAddress()).expect(204), 'equipole_device');
      await login(email, PASSWORD, newAddress(), otherDevice).expect(429);
      // Nonsense in the cookie is no error either.
      await login(email, PASSWORD, newAddress(), `equipole_device=${'%'.repeat(3000)}`).expect(429);

      // A known browser has its own count: five failures there and it is an untrusted client again.
      for (let i = 0; i < 5; i++) await login(email, 'typo', newAddress(), device).expect(401);
      await login(email, PASSWORD, newAddress(), device).expect(429);
    });

    it('lets the owner in through a reset link during an attack: the browser that used it is then known', async () => {
      const { email } = await createUser(t.dataSource);
      await attack(email, 15);
      await login(email, PASSWORD, newAddress()).expect(429);

      await t.http().post('/api/auth/password-reset').set('X-Forwarded-For', newAddress()).send({ email }).expect(202);
      const token = linkToken((await lastEmail(t, email)).text_body, 'reset-password');
      const confirmed = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'a fresh passphrase' }).expect(204);
      const device = cookieOf(confirmed, 'equipole_device');
      expect(device).toBeDefined();
      await login(email, 'a fresh passphrase', newAddress(), device).expect(204);
      // The failures counted against the old password were forgotten.
      await login(email, 'a fresh passphrase', newAddress()).expect(204);
    });

    it('throttles wrong current passwords when changing the password, as sign-ins are', async () => {
      const { email } = await createUser(t.dataSource);
      const address = newAddress();
      const session = cookieOf(await login(email, PASSWORD, address).expect(204), 'equipole_session')!;
      const change = (currentPassword: string, from = address) =>
        t.http().post('/api/auth/password').set('Cookie', session).set('X-Forwarded-For', from).send({ currentPassword, newPassword: 'a new long passphrase' });
      for (let i = 0; i < 5; i++) await change('not it').expect(401);
      const blocked = await change(PASSWORD).expect(429);
      expect(blocked.body.code).toBe('LOGIN_THROTTLED');
      expect(blocked.headers['retry-after']).toBeDefined();
      // The same count as sign-ins from that address.
      await login(email, PASSWORD, address).expect(429);
      await change(PASSWORD, newAddress()).expect(204);
    });
  });

  describe('password-reset requests', () => {
    const reset = (email: string, from: string) => t.http().post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email });
    const resetEmails = async (email: string) => {
      await t.app.get(AuthService).settled();
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND kind = 'password_reset'`, [email]);
      return n as number;
    };

    it('sends an account at most three reset emails an hour, answering every request the same', async () => {
      const { email } = await createUser(t.dataSource);
      const answers = [];
      for (let i = 0; i < 25; i++) answers.push(await reset(i % 2 ? email.toUpperCase() : email, newAddress()));
      const unknown = await reset('nobody-here@example.test', newAddress());
      for (const answer of [...answers, unknown]) {
        expect(answer.status).toBe(202);
        expect(answer.text).toBe('');
      }
      expect(await resetEmails(email)).toBe(3);
      // The last link sent is the one that works.
      const token = linkToken((await lastEmail(t, email)).text_body, 'reset-password');
      await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' }).expect(204);
    });

    it('throttles one client address, with Retry-After and a translated message, the same for any address asked for', async () => {
      const { email } = await createUser(t.dataSource);
      const address = newAddress();
      for (let i = 0; i < 20; i++) await reset(`nobody-${i}@example.test`, address).expect(202);
      const known = await reset(email, address).set('Accept-Language', 'nl').expect(429);
      const unknown = await reset('nobody-else@example.test', address).set('Accept-Language', 'nl').expect(429);
      expect({ ...known.body, requestId: '' }).toEqual({ ...unknown.body, requestId: '' });
      expect(known.body).toMatchObject({
        code: 'RESET_THROTTLED',
        message: 'Te veel aanvragen om een wachtwoord opnieuw in te stellen vanaf uw verbinding. Probeer het over 15 minuten opnieuw.',
      });
      expect(Number(known.headers['retry-after'])).toBeGreaterThan(800);
      expect(await resetEmails(email)).toBe(0);
      // Another address is not concerned.
      await reset(email, newAddress()).expect(202);
      expect(await resetEmails(email)).toBe(1);
    });

    it('answers before looking the address up, so its timing cannot tell whether an account exists', async () => {
      const { email } = await createUser(t.dataSource);
      const mailer = t.app.get(MailerService);
      const queue = mailer.queue.bind(mailer);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Writing the email is held back: an answer that waited for it would never come.
      const spy = jest.spyOn(mailer, 'queue').mockImplementation(async (...args) => {
        await held;
        return queue(...args);
      });
      try {
        const started = Date.now();
        const answer = await Promise.race([
          reset(email, newAddress()).then((response) => response.status),
          new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
        ]);
        expect(answer).toBe(202);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        release();
        await t.app.get(AuthService).settled();
        spy.mockRestore();
      }
      expect(await resetEmails(email)).toBe(1);
    });
  });

  describe('invitations', () => {
    let coordinator: string;
    beforeAll(async () => {
      coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    });
    const invite = async (organisation: string, email: string) => {
      await t.http().post(`/api/organisations/${organisation}/invitations`).set('Cookie', coordinator).send({ email, name: 'Noor', role: 'member' }).expect(201);
      return linkToken((await lastEmail(t, email)).text_body, 'invitation');
    };

    it('ends the person’s other invitations once one is accepted: they set no password and sign nobody in', async () => {
      const other = await createOrganisation(t.dataSource);
      const email = `invited-${randomBytes(4).toString('hex')}@example.test`;
      const first = await invite(organisationId, email);
      const second = await invite(other, email);
      expect(second).not.toBe(first);

      const accepted = await t.http().post('/api/auth/invitations/accept').send({ token: first, name: 'Noor', password: 'the first passphrase' }).expect(204);
      expect(cookieOf(accepted, 'equipole_device')).toBeDefined();
      const session = cookieOf(accepted, 'equipole_session')!;

      // The second link still leads to "you have an account: sign in", never to a password form.
      const preview = await t.http().get(`/api/auth/invitations/${second}`).expect(200);
      expect(preview.body).toMatchObject({ email, hasAccount: true });
      const refused = await t.http().post('/api/auth/invitations/accept').send({ token: second, name: 'Mallory', password: 'a takeover passphrase' }).expect(400);
      expect(refused.body.code).toBe('TOKEN_INVALID');
      expect(cookieOf(refused, 'equipole_session')).toBeUndefined();

      await t.http().get('/api/auth/me').set('Cookie', session).expect(200);
      await login(email, 'a takeover passphrase', newAddress()).expect(401);
      const me = await t.http().get('/api/auth/me').set('Cookie', await signIn(t, email, 'the first passphrase')).expect(200);
      expect(me.body).toMatchObject({ name: 'Noor' });
      expect(me.body.memberships).toHaveLength(2);
    });

    it('never changes the password of an account that has one', async () => {
      const { id, email } = await createUser(t.dataSource);
      const session = await signIn(t, email);
      const token = randomBytes(32).toString('base64url');
      await t.dataSource.query(
        `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, 'invitation', $2, $3::timestamptz + interval '1 day')`,
        [id, hashToken(token), t.clock.now()],
      );
      const refused = await t.http().post('/api/auth/invitations/accept').send({ token, name: 'Mallory', password: 'a takeover passphrase' }).expect(400);
      expect(refused.body.code).toBe('TOKEN_INVALID');
      await t.http().get('/api/auth/me').set('Cookie', session).expect(200);
      await signIn(t, email);
      await t.http().post('/api/auth/invitations/accept').send({ token, name: 'Mallory', password: 'a takeover passphrase' }).expect(400);
    });
  });

  describe('private links in the outbox, without SMTP', () => {
    it('shows coordinators usable links, while the database keeps them encrypted only', async () => {
      const coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
      const { email } = await createUser(t.dataSource, { locale: 'en' });
      await t.http().post('/api/auth/password-reset').set('X-Forwarded-For', newAddress()).send({ email }).expect(202);
      await t.app.get(AuthService).settled();

      const [row] = await t.dataSource.query(`SELECT text_body, html_body, sealed FROM outbox WHERE recipient = $1`, [email]);
      expect(row.text_body).toContain('/reset-password/REDACTED');
      expect(row.html_body).toContain('/reset-password/REDACTED');
      expect(row.text_body).not.toMatch(/\/reset-password\/(?!REDACTED)[\w-]{16,}/);
      expect(row.sealed.length).toBeGreaterThan(100);

      const outbox = await t.http().get('/api/outbox?limit=200').set('Cookie', coordinator).expect(200);
      // Without SMTP_URL the outbox is the delivery channel, and says so.
      expect(outbox.body.smtpConfigured).toBe(false);
      const mail = outbox.body.items.find((item: { recipient: string }) => item.recipient === email);
      const token = linkToken(mail.textBody, 'reset-password');
      expect(mail.htmlBody).toContain(`/reset-password/${token}`);
      expect(row.text_body).not.toContain(token);
      await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' }).expect(204);
    });

    it('seals link emails written before bodies were sealed', async () => {
      const coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
      const link = `${t.config.publicUrl}/invitation/${randomBytes(32).toString('base64url')}`;
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO outbox (kind, recipient, locale, subject, text_body, html_body, message_id)
         VALUES ('invitation', 'legacy@example.test', 'fr', 'Invitation', $1, $2, $3) RETURNING id`,
        [`Bonjour,\n${link}\n`, `<a href="${link}">${link}</a>`, `<${randomBytes(8).toString('hex')}@equipole>`],
      );
      expect(await t.app.get(OutboxSecrets).sealLegacyRows()).toBe(1);
      expect(await t.app.get(OutboxSecrets).sealLegacyRows()).toBe(0);
      const [row] = await t.dataSource.query('SELECT text_body, html_body FROM outbox WHERE id = $1', [id]);
      expect(`${row.text_body}${row.html_body}`).not.toContain(link);
      const outbox = await t.http().get('/api/outbox?limit=200').set('Cookie', coordinator).expect(200);
      expect(outbox.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({ textBody: `Bonjour,\n${link}\n`, htmlBody: `<a href="${link}">${link}</a>` });
    });
  });
});
