import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { BookingsModule } from '../bookings/bookings.module';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { SessionsModule } from '../sessions/sessions.module';
import { SCHEDULE, ScheduledJobs } from './scheduled-jobs.service';

@Module({})
export class JobsModule {
  /**
   * @nestjs/schedule 12 ships as an ES module only: this CommonJS build loads it with `import()` (Nest
   * accepts a promised dynamic module) and applies its @Cron decorator to the job methods here.
   */
  static async forRoot(): Promise<DynamicModule> {
    const { Cron, ScheduleModule } = await import('@nestjs/schedule');
    for (const [method, cron, options] of SCHEDULE) {
      const descriptor = Object.getOwnPropertyDescriptor(ScheduledJobs.prototype, method)!;
      Cron(cron, { ...options, waitForCompletion: true, unrefTimeout: true })(ScheduledJobs.prototype, method, descriptor);
    }
    return { module: JobsModule, imports: [ScheduleModule.forRoot(), BookingsModule, SessionsModule, SatisfactionModule, AdminModule], providers: [ScheduledJobs], exports: [ScheduledJobs] };
  }
}
