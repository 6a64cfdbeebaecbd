import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ClusterPagesService } from './cluster-pages.service';
import { ClusterPagesController, OpenDataController } from './open-data.controller';
import { OpenDataRepository } from './open-data.repository';
import { OpenIndicatorsService } from './open-indicators.service';

@Module({
  imports: [ReportsModule, SatisfactionModule, SessionsModule],
  controllers: [OpenDataController, ClusterPagesController],
  providers: [OpenIndicatorsService, ClusterPagesService, OpenDataRepository],
})
export class OpenDataModule {}
