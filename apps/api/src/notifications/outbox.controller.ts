import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OutboxEmail, Page } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Actor, type AuthUser, requireCoordinator } from '../auth/auth-user';
import { PageQuery } from '../common/dto';

export class ListOutboxQuery extends PageQuery {}

/** Coordinators read every email the platform wrote: the demo's mailbox when no SMTP server is set. */
@ApiTags('notifications')
@Controller('outbox')
export class OutboxController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  async list(@Actor() user: AuthUser, @Query() query: ListOutboxQuery): Promise<Page<OutboxEmail>> {
    requireCoordinator(user);
    const rows: (OutboxEmail & { total: number })[] = await this.dataSource.query(
      `SELECT id, kind, recipient, locale, subject, text_body AS "textBody", html_body AS "htmlBody", status, attempts,
              created_at AS "createdAt", sent_at AS "sentAt", count(*) OVER ()::int AS total
         FROM outbox ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [query.limit, query.offset],
    );
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0, limit: query.limit, offset: query.offset };
  }
}
