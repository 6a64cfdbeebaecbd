import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClusterDetail, ClusterSummary } from '@equipole/shared';
import type { Request } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { ClustersService } from './clusters.service';
import { AddClusterMemberDto, CreateClusterDto, UpdateClusterDto } from './dto/cluster.dto';

@ApiTags('clusters')
@Controller('clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  /** Public: which clusters exist and which organisations take part is public information. */
  @Public()
  @Get()
  list(): Promise<ClusterSummary[]> {
    return this.clusters.list();
  }

  @Post()
  create(@Actor() user: AuthUser, @Body() dto: CreateClusterDto): Promise<ClusterDetail> {
    return this.clusters.create(user, dto);
  }

  /** Public; a visitor's answer leaves out the people (coordinators) following the cluster. */
  @Public()
  @Get(':id')
  get(@Req() request: Request & { user?: AuthUser }, @Param('id', ParseUUIDPipe) id: string): Promise<ClusterDetail> {
    return this.clusters.get(id, { visitor: !request.user });
  }

  @Patch(':id')
  update(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateClusterDto): Promise<ClusterDetail> {
    return this.clusters.update(user, id, dto);
  }

  @Post(':id/members')
  addMember(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddClusterMemberDto): Promise<ClusterDetail> {
    return this.clusters.addMember(user, id, dto);
  }

  @Delete(':id/members/:organisationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeMember(
    @Actor() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
  ): Promise<void> {
    return this.clusters.removeMember(user, id, organisationId);
  }
}
