import { SMTPServer } from 'smtp-server';
import { OutboxWorker, retryDelay } from '../src/notifications/outbox-worker.service';
import { randomBytes } from 'node:crypto';
import { createUser, linkToken, signIn } from './support/fixtures';
import { freePort } from './support/spawn-server';
import { mimePart } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server in this process; `failFirst` answers 451 to that many deliveries first. */
async function startSmtp(port: number, options: { failFirst?: number } = {}) {
  const received: Received[] = [];
  let failures = options.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (failures > 0) {
        failures--;
        const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The Subject header, unfolded and decoded from RFC 2047 quoted-printable words. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  const decoded = header.replace(/\r?\n[ \t]+/g, '').replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, word: string) =>
    Buffer.from(word.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'));
  return decoded.replace(/\?=\s*=\?/g, '');
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('email delivery through the outbox', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '100' });
  });
  afterAll(() => t.close());

  it('sends a queued email in the recipient’s language, once', async () => {
    const smtp = await startSmtp(port);
    try {
      const { email } = await createUser(t.dataSource, { locale: 'nl' });
      await t.http().post('/api/auth/password-reset').send({ email }).expect(202);
      await until(() => smtp.received.length === 1);
      expect(smtp.received[0].to).toEqual([email]);
      expect(subjectOf(smtp.received[0].raw)).toBe('Uw Equipôle-wachtwoord opnieuw instellen');
      // The SMTP server has the email a moment before the worker records it as sent.
      const sentRow = async () => (await t.dataSource.query(`SELECT status, attempts, message_id FROM outbox WHERE recipient = $1`, [email]))[0];
      await until(async () => (await sentRow())?.status === 'sent');
      const row = await sentRow();
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      expect(smtp.received[0].raw).toContain(`Message-ID: ${row.message_id}`);
    } finally {
      await smtp.close();
    }
  });

  it('retries after a 451 and delivers exactly once, with the same Message-ID', async () => {
    const smtp = await startSmtp(port, { failFirst: 2 });
    try {
      const { email } = await createUser(t.dataSource);
      await t.http().post('/api/auth/password-reset').send({ email }).expect(202);
      await until(async () => (await t.dataSource.query(`SELECT status FROM outbox WHERE recipient = $1`, [email]))[0]?.status === 'sent');
      expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
      const [row] = await t.dataSource.query(`SELECT attempts FROM outbox WHERE recipient = $1`, [email]);
      expect(row.attempts).toBe(3);
    } finally {
      await smtp.close();
    }
  });

  it('loses no email written while SMTP is down', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => createUser(t.dataSource)));
    for (const user of users) await t.http().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const smtp = await startSmtp(port);
    try {
      await t.dataSource.query(`UPDATE outbox SET next_attempt_at = now() WHERE status = 'pending'`);
      await until(() => users.every((u) => smtp.received.some((m) => m.to.includes(u.email))));
      await t.app.get(OutboxWorker).tick();
      for (const user of users) expect(smtp.received.filter((m) => m.to.includes(user.email))).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('keeps private links out of the outbox coordinators read and out of the database, while the email carries them', async () => {
    const smtp = await startSmtp(port);
    try {
      const coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
      const { email } = await createUser(t.dataSource, { locale: 'en' });
      await t.http().post('/api/auth/password-reset').send({ email }).expect(202);
      await until(() => smtp.received.some((m) => m.to.includes(email)));
      const delivered = smtp.received.find((m) => m.to.includes(email))!;
      const token = linkToken(mimePart(delivered.raw, 'text/plain')!.body, 'reset-password');
      expect(mimePart(delivered.raw, 'text/html')!.body).toContain(`/reset-password/${token}`);

      const outbox = await t.http().get('/api/outbox?limit=200').set('Cookie', coordinator).expect(200);
      expect(outbox.body.smtpConfigured).toBe(true);
      const listed = outbox.body.items.find((item: { recipient: string }) => item.recipient === email);
      expect(listed.textBody).toContain(`${t.config.publicUrl}/reset-password/REDACTED`);
      expect(listed.htmlBody).toContain(`${t.config.publicUrl}/reset-password/REDACTED`);
      expect(JSON.stringify(outbox.body)).not.toContain(token);
      const [row] = await t.dataSource.query(`SELECT text_body, html_body, sealed FROM outbox WHERE recipient = $1`, [email]);
      expect(`${row.text_body}${row.html_body}`).not.toContain(token);
      expect(row.sealed.includes(Buffer.from(token))).toBe(false);

      // An email written before bodies were sealed is redacted in the listing all the same.
      const legacy = `${t.config.publicUrl}/invitation/${randomBytes(32).toString('base64url')}`;
      await t.dataSource.query(
        `INSERT INTO outbox (kind, recipient, locale, subject, text_body, message_id, status) VALUES ('invitation', 'legacy@example.test', 'en', 'Hi', $1, $2, 'sent')`,
        [legacy, `<${randomBytes(8).toString('hex')}@equipole>`],
      );
      const again = await t.http().get('/api/outbox?limit=200').set('Cookie', coordinator).expect(200);
      expect(again.body.items.find((item: { recipient: string }) => item.recipient === 'legacy@example.test').textBody).toBe(`${t.config.publicUrl}/invitation/REDACTED`);

      await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' }).expect(204);
    } finally {
      await smtp.close();
    }
  });

  it('marks failed, without sending a redacted copy, an email whose sealed body does not open', async () => {
    const smtp = await startSmtp(port);
    try {
      const { email } = await createUser(t.dataSource);
      await t.dataSource.query(
        `INSERT INTO outbox (kind, recipient, locale, subject, text_body, message_id, sealed) VALUES ('password_reset', $1, 'en', 'Hi', 'x/reset-password/REDACTED', $2, $3)`,
        [email, `<${randomBytes(8).toString('hex')}@equipole>`, Buffer.concat([Buffer.from([1]), randomBytes(60)])],
      );
      await until(async () => (await t.dataSource.query(`SELECT status FROM outbox WHERE recipient = $1`, [email]))[0]?.status === 'failed');
      const [row] = await t.dataSource.query(`SELECT attempts, last_error FROM outbox WHERE recipient = $1`, [email]);
      expect(row).toEqual({ attempts: 1, last_error: expect.stringContaining('APP_SECRET') });
      expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('backs off exponentially with jitter, at most an hour', () => {
    expect(retryDelay(1, 1000, () => 0)).toBe(500);
    expect(retryDelay(4, 1000, () => 1)).toBe(8000);
    expect(retryDelay(30, 1000, () => 1)).toBe(3_600_000);
  });
});
