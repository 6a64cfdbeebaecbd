import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { BookingsModule } from '../bookings/bookings.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { SessionsModule } from '../sessions/sessions.module';
import { JobsRepository } from './jobs.repository';
import { ScheduledJobs } from './scheduled-jobs.service';

/** The scheduled jobs; ScheduledJobs keeps their timers itself (the `cron` package), one per job. */
@Module({
  imports: [BookingsModule, SessionsModule, SatisfactionModule, AdminModule, PrivacyModule],
  providers: [ScheduledJobs, JobsRepository],
  exports: [ScheduledJobs],
})
export class JobsModule {}
