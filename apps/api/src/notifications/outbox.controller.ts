import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OutboxEmail, Page } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Actor, type AuthUser, requireCoordinator } from '../auth/auth-user';
import { PageQuery } from '../common/dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OutboxSecrets, redactLinks, redactLinksOrNull } from './outbox-secrets';

export class ListOutboxQuery extends PageQuery {}

/**
 * Coordinators read every email the platform wrote: the demo's mailbox when no SMTP server is set.
 * Invitation and password-reset links are usable here only then (the outbox is how they reach
 * people); with SMTP_URL their tokens are REDACTED, so reading the outbox lets nobody into an account.
 */
@ApiTags('notifications')
@Controller('outbox')
export class OutboxController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: OutboxSecrets,
  ) {}

  @Get()
  async list(@Actor() user: AuthUser, @Query() query: ListOutboxQuery): Promise<Page<OutboxEmail>> {
    requireCoordinator(user);
    const rows: (OutboxEmail & { total: number; sealed: Buffer | null })[] = await this.dataSource.query(
      `SELECT id, kind, recipient, locale, subject, text_body AS "textBody", html_body AS "htmlBody", status, attempts,
              created_at AS "createdAt", sent_at AS "sentAt", sealed, count(*) OVER ()::int AS total
         FROM outbox ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [query.limit, query.offset],
    );
    const items = rows.map(({ total: _total, sealed, ...email }) => {
      if (this.config.mail.smtpUrl) {
        // Redacted again in case a row was written before bodies were sealed and not sealed yet.
        return { ...email, textBody: redactLinks(email.textBody), htmlBody: redactLinksOrNull(email.htmlBody) };
      }
      const bodies = sealed && this.secrets.open(email.id, sealed);
      return bodies ? { ...email, textBody: bodies.text, htmlBody: bodies.html } : email;
    });
    return { items, total: rows[0]?.total ?? 0, limit: query.limit, offset: query.offset };
  }
}
