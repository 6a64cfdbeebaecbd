import { Module } from '@nestjs/common';
import { OccupationsController } from './occupations.controller';
import { OccupationsRepository } from './occupations.repository';
import { OccupationsService } from './occupations.service';

@Module({
  controllers: [OccupationsController],
  providers: [OccupationsRepository, OccupationsService],
})
export class OccupationsModule {}
