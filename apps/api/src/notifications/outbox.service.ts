import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OutboxPage } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import type { PageQuery } from '../common/dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OutboxSecrets, redactLinks, redactLinksOrNull } from './outbox-secrets';
import { OutboxRepository } from './outbox.repository';

/**
 * Coordinators read every email the platform wrote: the demo's mailbox when no SMTP server is set.
 * Invitation and password-reset links are usable here only then (the outbox is how they reach
 * people); with SMTP_URL their tokens are REDACTED, so reading the outbox lets nobody into an account.
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: OutboxSecrets,
    private readonly outbox: OutboxRepository,
  ) {}

  async list(user: AuthUser, query: PageQuery): Promise<OutboxPage> {
    requireCoordinator(user);
    const { rows, total } = await this.outbox.page(this.dataSource.manager, query.limit, query.offset);
    const items = rows.map(({ sealed, ...email }) => {
      if (this.config.mail.smtpUrl) {
        // Redacted again in case a row was written before bodies were sealed and not sealed yet.
        return { ...email, textBody: redactLinks(email.textBody), htmlBody: redactLinksOrNull(email.htmlBody) };
      }
      const bodies = sealed && this.secrets.open(email.id, sealed);
      return bodies ? { ...email, textBody: bodies.text, htmlBody: bodies.html } : email;
    });
    return { items, total, limit: query.limit, offset: query.offset, smtpConfigured: Boolean(this.config.mail.smtpUrl) };
  }
}
