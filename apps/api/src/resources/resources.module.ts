import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { BookingsModule } from '../bookings/bookings.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SitesModule } from '../sites/sites.module';
import { ClosuresController } from './closures.controller';
import { ClosuresRepository } from './closures.repository';
import { ClosuresService } from './closures.service';
import { photoUploadOptions } from './photo-upload';
import { LabelsService } from './labels.service';
import { PhotosRepository } from './photos.repository';
import { PhotosService } from './photos.service';
import { ResourceSearchRepository } from './resource-search.repository';
import { ResourceSearchService } from './resource-search.service';
import { ResourcesController } from './resources.controller';
import { ResourcesRepository } from './resources.repository';
import { ResourcesService } from './resources.service';

@Module({
  imports: [BookingsModule, SitesModule, MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => photoUploadOptions(config) })],
  controllers: [ResourcesController, ClosuresController],
  providers: [
    ResourcesRepository, ResourceSearchRepository, PhotosRepository, ClosuresRepository,
    ResourcesService, ResourceSearchService, PhotosService, ClosuresService, LabelsService,
  ],
  exports: [ResourcesService, BookingsModule],
})
export class ResourcesModule {}
