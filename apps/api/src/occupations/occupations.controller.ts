import { Body, Controller, Get, Param, ParseEnumPipe, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { REGIONS, type OccupationSummary, type Page, type Region } from '@equipole/shared';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { ListOccupationsQuery } from './dto/list-occupations.query';
import { CreateOccupationDto, SetShortageDto, UpdateOccupationDto } from './dto/occupation.dto';
import { OccupationsService } from './occupations.service';

const REGION_ENUM = Object.fromEntries(REGIONS.map((r) => [r, r]));

@ApiTags('occupations')
@Controller('occupations')
export class OccupationsController {
  constructor(private readonly occupations: OccupationsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'The occupations catalogue, with each region’s shortage flag.' })
  list(@Query() query: ListOccupationsQuery): Promise<Page<OccupationSummary>> {
    return this.occupations.list(query);
  }

  @Public()
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OccupationSummary> {
    return this.occupations.get(id);
  }

  @Post()
  create(@Actor() user: AuthUser, @Body() dto: CreateOccupationDto): Promise<OccupationSummary> {
    return this.occupations.create(user, dto);
  }

  @Patch(':id')
  update(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOccupationDto): Promise<OccupationSummary> {
    return this.occupations.update(user, id, dto);
  }

  @Put(':id/shortages/:region')
  setShortage(
    @Actor() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('region', new ParseEnumPipe(REGION_ENUM)) region: Region,
    @Body() dto: SetShortageDto,
  ): Promise<OccupationSummary> {
    return this.occupations.setShortage(user, id, region, dto);
  }
}
