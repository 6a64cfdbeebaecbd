import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OccupationSummary, Page } from '@equipole/shared';
import { Public } from '../auth/auth-user';
import { ListOccupationsQuery } from './dto/list-occupations.query';
import { OccupationsService } from './occupations.service';

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
}
