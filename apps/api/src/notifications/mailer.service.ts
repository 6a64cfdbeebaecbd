import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { EmailTemplate, renderEmail } from './email-templates';
import { OutboxSecrets, redactLinks } from './outbox-secrets';
import { type OutboxRow, OutboxRepository } from './outbox.repository';

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
 * The one way the app sends email: a row in `outbox`, written in the caller's transaction, so an
 * email exists exactly when the change that causes it commits. A worker delivers the rows.
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);

  constructor(
    private readonly secrets: OutboxSecrets,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Returns false when that notification was already queued for that recipient. */
  async queue(manager: EntityManager, to: { email: string; locale: Locale }, template: EmailTemplate, options: QueueOptions = {}): Promise<boolean> {
    const row = outboxRow(to, template, options, this.secrets);
    const queued = (await this.outbox.insert(manager, [row])) > 0;
    this.logQueued([row], queued);
    return queued;
  }

  /** Logs rows written by the caller's own statement (outboxInsertSql), as queue() logs its own. */
  logQueued(rows: OutboxRow[], queued = true): void {
    for (const row of rows) this.logger.log({ kind: row.kind, to: row.recipient, queued }, queued ? 'Email queued' : 'Email already queued');
  }
}
