import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';
import { CoordinatorsRepository } from './coordinators.repository';
import { CoordinatorsService } from './coordinators.service';

/** What the administration command runs: coordinators' accounts and backups (docs/operations.md). */
@Module({
  imports: [AuthModule],
  providers: [CoordinatorsService, CoordinatorsRepository, BackupService, BackupRepository],
  exports: [CoordinatorsService, BackupService],
})
export class AdminModule {}
