import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReportsModule } from '../reports/reports.module';
import { photoUploadOptions } from '../resources/photo-upload';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ClusterPagesService } from './cluster-pages.service';
import { ClusterPagesController, OpenDataController } from './open-data.controller';
import { OpenDataRepository } from './open-data.repository';
import { OpenIndicatorsService } from './open-indicators.service';
import { StoryPhotoGuard } from './story-photo.guard';
import { StoryPhotosService } from './story-photos.service';

@Module({
  // Stories' photos go through the same streamed, size-limited upload as the items' photos.
  imports: [ReportsModule, SatisfactionModule, SessionsModule, MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => photoUploadOptions(config) })],
  controllers: [OpenDataController, ClusterPagesController],
  providers: [OpenIndicatorsService, ClusterPagesService, OpenDataRepository, StoryPhotosService, StoryPhotoGuard],
})
export class OpenDataModule {}
