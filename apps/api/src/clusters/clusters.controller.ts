import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClusterDetail, ClusterSummary } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { ClustersService } from './clusters.service';
import { AddClusterMemberDto, CreateClusterDto, UpdateClusterDto } from './dto/cluster.dto';

@ApiTags('clusters')
@Controller('clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Get()
  list(): Promise<ClusterSummary[]> {
    return this.clusters.list();
  }

  @Post()
  create(@Actor() user: AuthUser, @Body() dto: CreateClusterDto): Promise<ClusterDetail> {
    return this.clusters.create(user, dto);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ClusterDetail> {
    return this.clusters.get(id);
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
