import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CampaignDetail, CampaignView } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { CampaignsService } from './campaigns.service';
import { CampaignRequestDto, CopyCampaignDto, CreateCampaignDto, ManualAllocationDto, RunAllocationDto } from './dto/campaign.dto';

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  create(@Actor() user: AuthUser, @Body() dto: CreateCampaignDto): Promise<CampaignDetail> {
    return this.campaigns.create(user, dto);
  }

  @Get()
  list(@Actor() user: AuthUser): Promise<CampaignView[]> {
    return this.campaigns.list(user);
  }

  @Get(':id')
  get(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignDetail> {
    return this.campaigns.get(user, id);
  }

  @Post(':id/requests')
  submit(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CampaignRequestDto): Promise<CampaignDetail> {
    return this.campaigns.submit(user, id, dto);
  }

  @Put(':id/requests/:requestId')
  update(
    @Actor() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: CampaignRequestDto,
  ): Promise<CampaignDetail> {
    return this.campaigns.update(user, id, requestId, dto);
  }

  @Delete(':id/requests/:requestId')
  @HttpCode(HttpStatus.NO_CONTENT)
  withdraw(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<void> {
    return this.campaigns.withdraw(user, id, requestId);
  }

  @Post(':id/closing')
  @HttpCode(HttpStatus.OK)
  close(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignDetail> {
    return this.campaigns.close(user, id);
  }

  @Post(':id/allocation')
  @HttpCode(HttpStatus.OK)
  run(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RunAllocationDto): Promise<CampaignDetail> {
    return this.campaigns.run(user, id, dto);
  }

  @Post(':id/allocations')
  addAllocation(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ManualAllocationDto): Promise<CampaignDetail> {
    return this.campaigns.addAllocation(user, id, dto);
  }

  @Delete(':id/allocations/:allocationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeAllocation(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('allocationId', ParseUUIDPipe) allocationId: string): Promise<void> {
    return this.campaigns.removeAllocation(user, id, allocationId);
  }

  @Post(':id/publication')
  @HttpCode(HttpStatus.OK)
  publish(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignDetail> {
    return this.campaigns.publish(user, id);
  }

  @Post(':id/copy')
  copy(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CopyCampaignDto): Promise<CampaignDetail> {
    return this.campaigns.copy(user, id, dto);
  }
}
