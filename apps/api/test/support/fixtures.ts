import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { hashPassword } from '../../src/auth/secrets';
import { OutboxSecrets } from '../../src/notifications/outbox-secrets';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export async function createOrganisation(
  dataSource: DataSource,
  values: { name?: string; kind?: string; country?: 'BE' | 'FR' } = {},
): Promise<string> {
  const [{ id }] = await dataSource.query(
    'INSERT INTO organisations (kind, name, country) VALUES ($1, $2, $3) RETURNING id',
    [values.kind ?? 'school', values.name ?? `Organisation ${randomUUID().slice(0, 8)}`, values.country ?? 'BE'],
  );
  return id;
}

export async function createUser(
  dataSource: DataSource,
  values: { email?: string; name?: string; locale?: string; coordinator?: boolean; memberships?: [string, 'manager' | 'member'][] } = {},
): Promise<{ id: string; email: string }> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = values.email ?? `user-${randomUUID().slice(0, 8)}@example.test`;
  const [{ id }] = await dataSource.query(
    'INSERT INTO users (email, name, locale, password_hash, is_coordinator) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [email, values.name ?? 'Test User', values.locale ?? 'fr', await passwordHash, values.coordinator ?? false],
  );
  for (const [organisationId, role] of values.memberships ?? []) {
    await dataSource.query('INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3)', [id, organisationId, role]);
  }
  return { id, email };
}

/** Signs in through the API and returns the Cookie header to send as that person. */
export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const response = await t.http().post('/api/auth/login').send({ email, password }).expect(204);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('equipole_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

/** The latest email to `recipient`, its private links included (opened as the outbox worker opens them). */
export async function lastEmail(t: TestApp, recipient: string): Promise<{ subject: string; text_body: string; locale: string; kind: string }> {
  // Reset emails are written just after the answer.
  await t.app.get(AuthService).settled();
  const [row] = await t.dataSource.query(
    'SELECT id, kind, subject, text_body, locale, sealed FROM outbox WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1',
    [recipient],
  );
  if (!row) return row;
  const { id, sealed, ...email } = row;
  return sealed ? { ...email, text_body: t.app.get(OutboxSecrets).open(id, sealed)!.text } : email;
}

export function linkToken(text: string, path: 'invitation' | 'reset-password'): string {
  const match = new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}
