import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OutboxPage } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { PageQuery } from '../common/dto';
import { OutboxService } from './outbox.service';

export class ListOutboxQuery extends PageQuery {}

/** The emails the platform wrote, for coordinators (OutboxService says what they may read of them). */
@ApiTags('notifications')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  list(@Actor() user: AuthUser, @Query() query: ListOutboxQuery): Promise<OutboxPage> {
    return this.outbox.list(user, query);
  }
}
