import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { EmailTemplate, renderEmail } from './email-templates';
import { OutboxSecrets, redactLinks } from './outbox-secrets';

export interface QueueOptions {
  /**
   * What caused the email (e.g. `booking-event:42`, `reminder:<booking>:<start>`). With it, the
   * Message-ID is derived from (event, recipient): queueing the same notification twice is a no-op
   * and every delivery attempt of it carries the same Message-ID.
   */
  eventKey?: string;
  /** A calendar invitation sent with the email (nodemailer's `icalEvent`, so clients offer to add it). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  payload?: Record<string, unknown>;
}

export function messageIdFor(eventKey: string, recipient: string): string {
  const digest = createHash('sha256').update(`${eventKey}\n${recipient.trim().toLowerCase()}`).digest('hex').slice(0, 40);
  return `<${digest}@equipole>`;
}

/** A rendered email as an `outbox` row. */
export interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  locale: Locale;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  event_key: string | null;
  ics: string | null;
  ics_method: string | null;
  payload: Record<string, unknown>;
  /** Base64 of the sealed bodies when they carry a private link (OutboxSecrets); the bodies are then redacted. */
  sealed: string | null;
}

/**
 * Renders an email into its outbox row. The Message-ID is fixed here, so a retried delivery is the
 * same email. An email with a private link (invitation, password reset) needs `secrets`, which seal it.
 */
export function outboxRow(to: { email: string; locale: Locale }, template: EmailTemplate, options: QueueOptions = {}, secrets?: OutboxSecrets): OutboxRow {
  const email = renderEmail(template, to.locale);
  const id = randomUUID();
  if (!secrets && redactLinks(email.text) !== email.text) throw new Error(`A ${template.kind} email carries a private link: MailerService.queue() seals it`);
  const stored = secrets ? secrets.protect(id, { text: email.text, html: email.html }) : { ...email, sealed: null };
  return {
    id, kind: template.kind, recipient: to.email, locale: to.locale, subject: email.subject, text_body: stored.text, html_body: stored.html ?? email.html,
    message_id: options.eventKey ? messageIdFor(options.eventKey, to.email) : `<${id}@equipole>`, event_key: options.eventKey ?? null,
    ics: options.calendar?.content ?? null, ics_method: options.calendar?.method ?? null, payload: options.payload ?? {},
    sealed: stored.sealed?.toString('base64') ?? null,
  };
}

/**
 * Writes rendered rows (a JSON array of OutboxRow in the parameter `rows`), skipping a notification
 * already queued for its recipient. With `from` (a CTE of the same statement, e.g. the booking it
 * inserts), the rows exist exactly when that CTE returns a row.
 */
export function outboxInsertSql(rows: string, from?: string): string {
  return `INSERT INTO outbox (id, kind, recipient, locale, subject, text_body, html_body, message_id, event_key, ics, ics_method, payload, sealed)
    SELECT e.id, e.kind, e.recipient, e.locale, e.subject, e.text_body, e.html_body, e.message_id, e.event_key, e.ics, e.ics_method, coalesce(e.payload, '{}'),
           decode(e.sealed, 'base64')
      FROM ${from ? `${from}, ` : ''}jsonb_to_recordset(${rows}::jsonb) AS e(id uuid, kind text, recipient text, locale text, subject text, text_body text,
           html_body text, message_id text, event_key text, ics text, ics_method text, payload jsonb, sealed text)
    ON CONFLICT (message_id) DO NOTHING RETURNING id`;
}

/**
 * The one way the app sends email: a row in `outbox`, written in the caller's transaction, so an
 * email exists exactly when the change that causes it commits. A worker delivers the rows.
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);

  constructor(private readonly secrets: OutboxSecrets) {}

  /** Returns false when that notification was already queued for that recipient. */
  async queue(manager: EntityManager, to: { email: string; locale: Locale }, template: EmailTemplate, options: QueueOptions = {}): Promise<boolean> {
    const row = outboxRow(to, template, options, this.secrets);
    const written: unknown[] = await manager.query(outboxInsertSql('$1'), [JSON.stringify([row])]);
    this.logQueued([row], written.length > 0);
    return written.length > 0;
  }

  /** Logs rows written by the caller's own statement (outboxInsertSql), as queue() logs its own. */
  logQueued(rows: OutboxRow[], queued = true): void {
    for (const row of rows) this.logger.log({ kind: row.kind, to: row.recipient, queued }, queued ? 'Email queued' : 'Email already queued');
  }
}
