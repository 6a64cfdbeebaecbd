import { Module } from '@nestjs/common';
import { ResourcesModule } from '../resources/resources.module';
import { BreakdownsController } from './breakdowns.controller';
import { BreakdownsRepository } from './breakdowns.repository';
import { BreakdownsService } from './breakdowns.service';

@Module({ imports: [ResourcesModule], controllers: [BreakdownsController], providers: [BreakdownsService, BreakdownsRepository] })
export class BreakdownsModule {}
