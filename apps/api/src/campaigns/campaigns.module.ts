import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';

@Module({ imports: [BookingsModule], controllers: [CampaignsController], providers: [CampaignsService, CampaignsRepository] })
export class CampaignsModule {}
