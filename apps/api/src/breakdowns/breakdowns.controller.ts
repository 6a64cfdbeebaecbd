import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AffectedBookingsOutcome, BreakdownReportView, DowntimeRow } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { BreakdownsService } from './breakdowns.service';
import { AcknowledgeBreakdownDto, CreateBreakdownDto, DowntimeQuery, ListBreakdownsQuery, ResolveBreakdownDto } from './dto/breakdown.dto';

type WithOutcome = BreakdownReportView & { affectedBookings: AffectedBookingsOutcome };

@ApiTags('breakdowns')
@Controller()
export class BreakdownsController {
  constructor(private readonly breakdowns: BreakdownsService) {}

  @Post('resources/:id/breakdowns')
  report(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateBreakdownDto): Promise<WithOutcome> {
    return this.breakdowns.report(user, id, dto);
  }

  @Get('resources/:id/events')
  events(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.breakdowns.events(user, id);
  }

  @Get('breakdowns')
  list(@Actor() user: AuthUser, @Query() query: ListBreakdownsQuery): Promise<BreakdownReportView[]> {
    return this.breakdowns.list(user, query);
  }

  @Post('breakdowns/:id/acknowledge')
  @HttpCode(HttpStatus.OK)
  acknowledge(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcknowledgeBreakdownDto): Promise<WithOutcome> {
    return this.breakdowns.acknowledge(user, id, dto);
  }

  @Post('breakdowns/:id/resolve')
  @HttpCode(HttpStatus.OK)
  resolve(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolveBreakdownDto): Promise<BreakdownReportView> {
    return this.breakdowns.resolve(user, id, dto);
  }

  /** Downtime hours and mean time to repair per item (docs/indicators.md, "Downtime and check-in"). */
  @Get('indicators/downtime')
  downtime(@Actor() user: AuthUser, @Query() query: DowntimeQuery): Promise<DowntimeRow[]> {
    return this.breakdowns.downtime(user, query);
  }
}
