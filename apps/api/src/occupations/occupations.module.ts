import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OccupationShortage } from './occupation-shortage.entity';
import { Occupation } from './occupation.entity';
import { OccupationsController } from './occupations.controller';
import { OccupationsService } from './occupations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Occupation, OccupationShortage])],
  controllers: [OccupationsController],
  providers: [OccupationsService],
})
export class OccupationsModule {}
