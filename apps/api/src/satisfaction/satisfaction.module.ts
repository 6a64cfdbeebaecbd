import { Module } from '@nestjs/common';
import { SatisfactionController } from './satisfaction.controller';
import { SatisfactionRepository } from './satisfaction.repository';
import { SatisfactionService } from './satisfaction.service';

@Module({
  controllers: [SatisfactionController],
  providers: [SatisfactionService, SatisfactionRepository],
  exports: [SatisfactionService],
})
export class SatisfactionModule {}
