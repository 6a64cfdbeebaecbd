import { Module } from '@nestjs/common';
import { ClosuresController } from './closures.controller';
import { ClosuresService } from './closures.service';
import { PhotosService } from './photos.service';
import { ResourceSearchService } from './resource-search.service';
import { ResourcesController } from './resources.controller';
import { ResourcesService } from './resources.service';

@Module({
  controllers: [ResourcesController, ClosuresController],
  providers: [ResourcesService, ResourceSearchService, PhotosService, ClosuresService],
  exports: [ResourcesService],
})
export class ResourcesModule {}
