import { Injectable, Logger } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { EmailTemplate, renderEmail } from './email-templates';

/**
 * The one way the app sends email: a row in `outbox`, written in the caller's transaction, so an
 * email exists exactly when the change that causes it commits. A worker delivers the rows.
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);

  async queue(manager: EntityManager, to: { email: string; locale: Locale }, template: EmailTemplate): Promise<void> {
    const email = renderEmail(template, to.locale);
    // The Message-ID is fixed when the row is written, so a retried delivery is the same email.
    await manager.query(
      `INSERT INTO outbox (id, kind, recipient, locale, subject, text_body, html_body, message_id)
       SELECT id, $1, $2, $3, $4, $5, $6, '<' || id || '@equipole>' FROM (SELECT gen_random_uuid() AS id) AS fresh`,
      [template.kind, to.email, to.locale, email.subject, email.text, email.html],
    );
    this.logger.log({ kind: template.kind, to: to.email }, 'Email queued');
  }
}
