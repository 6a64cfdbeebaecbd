import { Module } from '@nestjs/common';
import { ReportSlots } from './report-slots';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ controllers: [ReportsController], providers: [ReportsService, ReportSlots], exports: [ReportsService] })
export class ReportsModule {}
