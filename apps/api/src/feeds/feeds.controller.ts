import { Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type CalendarFeedCreated, type CalendarFeedStatus } from '@equipole/shared';
import type { Response } from 'express';
import { Actor, assertManages, type AuthUser, Public } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { FeedsService } from './feeds.service';

@ApiTags('calendar feeds')
@Controller()
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  /** The feed itself: the token in the URL is the credential (calendar apps send no cookie). */
  @Public()
  @Get('feeds/:file')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) feed.' })
  @Header('Cache-Control', 'private, max-age=300')
  @Header('X-Robots-Tag', 'noindex, nofollow')
  @Header('Referrer-Policy', 'no-referrer')
  async feed(@Param('file') file: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    if (!file.endsWith('.ics')) throw new DomainError(ErrorCode.NotFound);
    const { body } = await this.feeds.render(file.slice(0, -'.ics'.length));
    response.type('text/calendar; charset=utf-8');
    response.setHeader('Content-Disposition', 'inline; filename="equipole.ics"');
    return body;
  }

  @Get('auth/me/calendar-feed')
  myFeed(@Actor() user: AuthUser): Promise<CalendarFeedStatus> {
    return this.feeds.status({ userId: user.id });
  }

  @Post('auth/me/calendar-feed')
  regenerateMyFeed(@Actor() user: AuthUser): Promise<CalendarFeedCreated> {
    return this.feeds.regenerate({ userId: user.id }, user);
  }

  @Delete('auth/me/calendar-feed')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeMyFeed(@Actor() user: AuthUser): Promise<void> {
    return this.feeds.revoke({ userId: user.id });
  }

  @Get('organisations/:id/calendar-feed')
  organisationFeed(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CalendarFeedStatus> {
    assertManages(user, id);
    return this.feeds.status({ organisationId: id });
  }

  @Post('organisations/:id/calendar-feed')
  regenerateOrganisationFeed(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CalendarFeedCreated> {
    assertManages(user, id);
    return this.feeds.regenerate({ organisationId: id }, user);
  }

  @Delete('organisations/:id/calendar-feed')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeOrganisationFeed(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    assertManages(user, id);
    return this.feeds.revoke({ organisationId: id });
  }
}
