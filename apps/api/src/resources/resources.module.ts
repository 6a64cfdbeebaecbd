import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { BookingsModule } from '../bookings/bookings.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ClosuresController } from './closures.controller';
import { ClosuresService } from './closures.service';
import { photoUploadOptions } from './photo-upload';
import { LabelsService } from './labels.service';
import { PhotosService } from './photos.service';
import { ResourceSearchService } from './resource-search.service';
import { ResourcesController } from './resources.controller';
import { ResourcesService } from './resources.service';

@Module({
  imports: [BookingsModule, MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => photoUploadOptions(config) })],
  controllers: [ResourcesController, ClosuresController],
  providers: [ResourcesService, ResourceSearchService, PhotosService, ClosuresService, LabelsService],
  exports: [ResourcesService, BookingsModule],
})
export class ResourcesModule {}
