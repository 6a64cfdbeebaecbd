import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MemberSummary, OrganisationDetail, OrganisationSummary, Page } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { ChangeRoleDto, CreateOrganisationDto, InviteMemberDto, ListOrganisationsQuery, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  list(@Query() query: ListOrganisationsQuery): Promise<Page<OrganisationSummary>> {
    return this.organisations.list(query);
  }

  @Post()
  create(@Actor() user: AuthUser, @Body() dto: CreateOrganisationDto): Promise<OrganisationDetail> {
    return this.organisations.create(user, dto);
  }

  @Get(':id')
  get(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OrganisationDetail> {
    return this.organisations.get(user, id);
  }

  @Patch(':id')
  update(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOrganisationDto): Promise<OrganisationDetail> {
    return this.organisations.update(user, id, dto);
  }

  @Get(':id/members')
  members(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MemberSummary[]> {
    return this.organisations.members(user, id);
  }

  @Post(':id/invitations')
  invite(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InviteMemberDto): Promise<MemberSummary[]> {
    return this.organisations.invite(user, id, dto);
  }

  @Patch(':id/members/:userId')
  changeRole(
    @Actor() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<MemberSummary[]> {
    return this.organisations.changeRole(user, id, userId, dto);
  }

  @Delete(':id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeMember(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    return this.organisations.removeMember(user, id, userId);
  }
}
