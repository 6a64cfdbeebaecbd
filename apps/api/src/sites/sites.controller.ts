import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BookingRules, SiteSummary } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { BookingRulesDto } from '../resources/dto/rules.dto';
import { CreateSiteDto, UpdateSiteDto } from './dto/site.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@Controller()
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get('organisations/:id/sites')
  list(@Param('id', ParseUUIDPipe) id: string): Promise<SiteSummary[]> {
    return this.sites.list(id);
  }

  @Post('organisations/:id/sites')
  create(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateSiteDto): Promise<SiteSummary> {
    return this.sites.create(user, id, dto);
  }

  @Put('organisations/:id/default-rules')
  setOrganisationDefaults(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BookingRulesDto): Promise<BookingRules> {
    return this.sites.setDefaults(user, 'organisation', id, dto);
  }

  @Patch('sites/:id')
  update(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSiteDto): Promise<SiteSummary> {
    return this.sites.update(user, id, dto);
  }

  @Get('sites/:id/default-rules')
  defaults(@Param('id', ParseUUIDPipe) id: string): Promise<BookingRules> {
    return this.sites.effectiveDefaults(id);
  }

  @Put('sites/:id/default-rules')
  setSiteDefaults(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BookingRulesDto): Promise<BookingRules> {
    return this.sites.setDefaults(user, 'site', id, dto);
  }
}
