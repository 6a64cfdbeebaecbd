import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ClusterPagesService } from './cluster-pages.service';
import { ClusterPagesController, OpenDataController } from './open-data.controller';
import { OpenIndicatorsService } from './open-indicators.service';

@Module({
  imports: [ReportsModule, SatisfactionModule, SessionsModule],
  controllers: [OpenDataController, ClusterPagesController],
  providers: [OpenIndicatorsService, ClusterPagesService],
})
export class OpenDataModule {}
