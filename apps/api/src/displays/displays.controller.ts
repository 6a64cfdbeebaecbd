import { Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SiteDisplayView } from '@equipole/shared';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { DisplaysService, type SiteDisplayLink } from './displays.service';

@ApiTags('displays')
@Controller()
export class DisplaysController {
  constructor(private readonly displays: DisplaysService) {}

  @Get('sites/:id/display')
  status(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SiteDisplayLink> {
    return this.displays.status(user, id);
  }

  /** A new secret URL; the previous one, if any, stops working. */
  @Post('sites/:id/display')
  create(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SiteDisplayLink> {
    return this.displays.create(user, id);
  }

  @Delete('sites/:id/display')
  @HttpCode(HttpStatus.NO_CONTENT)
  revoke(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.displays.revoke(user, id);
  }

  /** The display: the token in the URL is the credential (a tablet at the door signs nobody in). */
  @Public()
  @Get('displays/:token')
  @Header('Cache-Control', 'no-store')
  render(@Param('token') token: string): Promise<SiteDisplayView> {
    return this.displays.render(token);
  }
}
