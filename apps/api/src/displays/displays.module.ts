import { Module } from '@nestjs/common';
import { DisplaysController } from './displays.controller';
import { DisplaysRepository } from './displays.repository';
import { DisplaysService } from './displays.service';

@Module({ controllers: [DisplaysController], providers: [DisplaysService, DisplaysRepository] })
export class DisplaysModule {}
