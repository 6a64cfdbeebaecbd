import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { photoUploadOptions } from '../resources/photo-upload';
import { ResourcesModule } from '../resources/resources.module';
import { BreakdownPhotoGuard } from './breakdown-photo.guard';
import { BreakdownsController } from './breakdowns.controller';
import { BreakdownsRepository } from './breakdowns.repository';
import { BreakdownsService } from './breakdowns.service';

@Module({
  // Photos of reports go through the same streamed, size-limited upload as the items' photos.
  imports: [ResourcesModule, MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => photoUploadOptions(config) })],
  controllers: [BreakdownsController],
  providers: [BreakdownsService, BreakdownsRepository, BreakdownPhotoGuard],
})
export class BreakdownsModule {}
