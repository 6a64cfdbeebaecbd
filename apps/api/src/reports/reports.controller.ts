import { Controller, Get, Header, Param, ParseEnumPipe, Query, Req, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode, INDICATOR_VERSION, REPORT_BLOCKS, type EquipmentReport, type HeatmapReport, type LearnersReport, type PartnershipsReport,
  type ReportBlock, type ShortageReport, type SummaryReport, type TrendReport, type UnmetReport,
} from '@equipole/shared';
import type { Request, Response } from 'express';
import { Actor, type AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { requestLocale } from '../common/request-locale';
import { ReportQuery } from './dto/report-query.dto';
import { csvTable, toCsv } from './report-csv';
import { ReportsService } from './reports.service';

/** Occupancy reports and cluster indicators; every answer carries the indicator set's version. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  summary(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<SummaryReport> {
    return this.reports.report(user, 'summary', query);
  }

  @Get('trend')
  trend(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<TrendReport> {
    return this.reports.report(user, 'trend', query);
  }

  @Get('heatmap')
  heatmap(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<HeatmapReport> {
    return this.reports.report(user, 'heatmap', query);
  }

  @Get('equipment')
  equipment(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<EquipmentReport> {
    return this.reports.report(user, 'equipment', query);
  }

  @Get('partnerships')
  partnerships(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<PartnershipsReport> {
    return this.reports.report(user, 'partnerships', query);
  }

  @Get('learners')
  learners(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<LearnersReport> {
    return this.reports.report(user, 'learners', query);
  }

  @Get('shortage')
  shortage(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<ShortageReport> {
    return this.reports.report(user, 'shortage', query);
  }

  @Get('unmet')
  unmet(@Actor() user: AuthUser, @Query() query: ReportQuery): Promise<UnmetReport> {
    return this.reports.report(user, 'unmet', query);
  }

  @Get(':block.csv')
  @ApiParam({ name: 'block', enum: REPORT_BLOCKS })
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  async csv(
    @Actor() user: AuthUser,
    @Param('block', new ParseEnumPipe(Object.fromEntries(REPORT_BLOCKS.map((b) => [b, b])), { exceptionFactory: () => new DomainError(ErrorCode.NotFound) })) block: ReportBlock,
    @Query() query: ReportQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const report = await this.reports.report(user, block, query);
    const locale = query.lang ?? requestLocale(request);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="equipole-${block}-${query.from}-${query.to}.csv"`);
    response.setHeader('X-Indicator-Version', INDICATOR_VERSION);
    return toCsv(csvTable(block, report, locale), locale);
  }
}
