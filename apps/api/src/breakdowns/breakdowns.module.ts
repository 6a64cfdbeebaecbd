import { Module } from '@nestjs/common';
import { ResourcesModule } from '../resources/resources.module';
import { BreakdownsController } from './breakdowns.controller';
import { BreakdownsService } from './breakdowns.service';

@Module({ imports: [ResourcesModule], controllers: [BreakdownsController], providers: [BreakdownsService] })
export class BreakdownsModule {}
