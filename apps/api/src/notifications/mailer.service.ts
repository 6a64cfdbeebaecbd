import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { EmailTemplate, renderEmail } from './email-templates';

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
 * The one way the app sends email: a row in `outbox`, written in the caller's transaction, so an
 * email exists exactly when the change that causes it commits. A worker delivers the rows.
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);

  /** Returns false when that notification was already queued for that recipient. */
  async queue(manager: EntityManager, to: { email: string; locale: Locale }, template: EmailTemplate, options: QueueOptions = {}): Promise<boolean> {
    const email = renderEmail(template, to.locale);
    // The Message-ID is fixed when the row is written, so a retried delivery is the same email.
    const rows: unknown[] = await manager.query(
      `INSERT INTO outbox (id, kind, recipient, locale, subject, text_body, html_body, message_id, event_key, ics, ics_method, payload)
       SELECT id, $1, $2, $3, $4, $5, $6, coalesce($7, '<' || id || '@equipole>'), $8, $9, $10, $11 FROM (SELECT gen_random_uuid() AS id) AS fresh
       ON CONFLICT (message_id) DO NOTHING RETURNING id`,
      [
        template.kind, to.email, to.locale, email.subject, email.text, email.html,
        options.eventKey ? messageIdFor(options.eventKey, to.email) : null, options.eventKey ?? null,
        options.calendar?.content ?? null, options.calendar?.method ?? null, JSON.stringify(options.payload ?? {}),
      ],
    );
    const queued = rows.length > 0;
    this.logger.log({ kind: template.kind, to: to.email, queued }, queued ? 'Email queued' : 'Email already queued');
    return queued;
  }
}
