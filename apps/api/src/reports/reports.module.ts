import { Module } from '@nestjs/common';
import { ReportSlots } from './report-slots';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({ controllers: [ReportsController], providers: [ReportsService, ReportSlots, ReportsRepository], exports: [ReportsService] })
export class ReportsModule {}
