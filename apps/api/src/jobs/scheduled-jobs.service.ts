import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { BackupService } from '../admin/backup.service';
import { Clock } from '../common/clock';
import { BookingLifecycleService } from '../bookings/booking-lifecycle.service';
import { CheckInService } from '../bookings/checkin.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { PrivacyService } from '../privacy/privacy.service';
import { JOB_NAMES, JOBS_ZONE, periodEnd, type JobName } from './job-schedule';
import { JobsRepository } from './jobs.repository';
import { SatisfactionService } from '../satisfaction/satisfaction.service';
import { SessionsService } from '../sessions/sessions.service';

export type JobCounts = Record<string, number>;

/** The months whose open time the report-cache job keeps computed: the last two years and the next three months. */
const REPORT_CACHE_MONTHS_BACK = 24;
const REPORT_CACHE_MONTHS_AHEAD = 3;

const LEASE_SECONDS = 600;
const REMINDER_HOURS = 24;
/** How long shutdown waits for a scheduled run under way before the pool closes under it. */
const STOP_WAIT_MS = 10_000;

/**
 * Reminders, expiry of unhandled requests, no-show marking, the partners' daily digest, the reports'
 * cache and the embedded database's backup, on the schedule of `jobs.schedule` (JOB_SCHEDULES).
 * With several API instances every one of them keeps the schedule, and the database decides who runs:
 * a scheduled run first takes the job's lease row (`job_leases`: one run of a job at a time), then
 * records its period in `job_runs`, unique per job and period (docs/operations.md, "Several
 * instances"), so each job runs once per period whichever instance's timer fires first. Every run is
 * idempotent besides (status updates, unique Message-IDs per event and recipient) and leaves its
 * counts in `job_runs`. The schedule is off when `jobs.enabled` is false (tests call the methods
 * directly, with a fixed `now`); backups follow `backups.enabled`.
 */
@Injectable()
export class ScheduledJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScheduledJobs.name);
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly timers: CronJob[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: BookingLifecycleService,
    private readonly checkIns: CheckInService,
    private readonly notifications: BookingNotifications,
    private readonly backups: BackupService,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly satisfaction: SatisfactionService,
    private readonly repository: JobsRepository,
    private readonly privacy: PrivacyService,
  ) {}

  /** Starts the schedule; requests left pending while the app was down expire at start-up. */
  onApplicationBootstrap(): void {
    const { jobs, backups } = this.config;
    for (const job of JOB_NAMES) {
      if (job === 'backup' ? !backups.enabled : !jobs.enabled) continue;
      const cron = jobs.schedule[job];
      this.timers.push(
        CronJob.from({
          cronTime: cron,
          timeZone: JOBS_ZONE,
          name: job,
          start: true,
          unrefTimeout: true,
          // A run still under way when its next tick comes makes that tick skip on this instance.
          waitForCompletion: true,
          onTick: async () => {
            await this.track(this.tick(job, periodEnd(cron, new Date())));
          },
        }),
      );
    }
    if (!jobs.enabled) return;
    this.track(this.expirePending().catch(() => undefined));
    // In the background: the first coordinator after a deployment does not wait for the cache.
    this.track(this.fillReportCache().catch(() => undefined));
  }

  /** The jobs whose timers run on this instance. */
  get scheduled(): JobName[] {
    return this.timers.map((timer) => timer.name as JobName);
  }

  /** Stops the timers and lets a run under way finish (bounded), before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) await timer.stop();
    if (this.running.size === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise<void>((done) => {
        timeout = setTimeout(done, STOP_WAIT_MS);
      }),
    ]);
    clearTimeout(timeout);
  }

  /** One tick of the schedule: the job for the period ending at `period`, unless some instance ran it. */
  private tick(job: JobName, period: Date): Promise<unknown> {
    const runs: Record<JobName, (now: Date, period: Date) => Promise<JobCounts | null>> = {
      'expire-pending': (now, p) => this.expirePending(now, p),
      'mark-no-shows': (now, p) => this.markNoShows(now, p),
      'auto-release': (now, p) => this.releaseUnclaimed(now, p),
      reminders: (now, p) => this.sendReminders(now, p),
      digest: (now, p) => this.sendDigests(now, p),
      'report-cache': (now, p) => this.fillReportCache(now, p),
      backup: (now, p) => this.backup(now, p),
      retention: (now, p) => this.applyRetention(now, p),
    };
    return runs[job](this.clock.now(), period).catch(() => undefined);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise));
    return promise;
  }

  expirePending(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    return this.run('expire-pending', now, period, async () => ({ expired: await this.lifecycle.expireStale(now) }));
  }

  markNoShows(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    const hours = this.config.jobs.noShowAfterHours;
    return this.run('mark-no-shows', now, period, async () => ({ marked: hours > 0 ? await this.lifecycle.markOverdueNoShows(now, hours) : 0 }));
  }

  /** Bookings of items with an auto-release delay that nobody checked in for: released as no-shows, their slot freed. */
  releaseUnclaimed(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    return this.run('auto-release', now, period, async () => ({ released: await this.checkIns.releaseUnclaimed(now) }));
  }

  /**
   * Confirmed bookings starting within the next 24 hours get one reminder per start time; those made
   * less than a day ahead get none (their confirmation is fresh). Already reminded ones are skipped in SQL.
   */
  sendReminders(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    return this.run('reminders', now, period, async () => {
      const due = await this.repository.dueReminders(this.dataSource.manager, now, REMINDER_HOURS);
      let emails = 0;
      for (const { id } of due) emails += await this.dataSource.transaction((manager) => this.notifications.reminder(manager, id));
      // Groups registered to a session starting within the same 24 hours (issue 22).
      const sessionEmails = await this.sessions.sendReminders(now);
      // Once per completed booking or attended group, in the week after it ended.
      const ratingRequests = await this.satisfaction.requestRatings(now);
      return { bookings: due.length, emails, sessionEmails, ratingRequests };
    });
  }

  /** Each owner with pending requests still ahead: one summary to each of its managers, once per local day. */
  sendDigests(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    return this.run('digest', now, period, async () => {
      const day = DateTime.fromJSDate(now, { zone: JOBS_ZONE }).toISODate()!;
      const owners = await this.notifications.pendingOwners(this.dataSource.manager, now);
      let emails = 0;
      for (const id of owners) emails += await this.dataSource.transaction((manager) => this.notifications.digest(manager, id, day, now));
      return { organisations: owners.length, emails };
    });
  }

  /**
   * Computes the reports' derived data (the items' open time, report_open_days, and the bookings cut
   * at local days, report_booking_days) for the months the reports usually cover, so that no report
   * pays for it; triggers forget what changes, and the next run fills it again.
   */
  fillReportCache(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    return this.run('report-cache', now, period, async () => {
      const month = DateTime.fromJSDate(now, { zone: JOBS_ZONE }).startOf('month');
      const itemMonths = await this.repository.fillReportCache(
        this.dataSource.manager, month.minus({ months: REPORT_CACHE_MONTHS_BACK }).toISODate()!, month.plus({ months: REPORT_CACHE_MONTHS_AHEAD }).toISODate()!,
      );
      return { itemMonths };
    });
  }

  /** The daily archive of the embedded database and the photos into BACKUP_DIR, keeping the last BACKUP_KEEP. */
  backup(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    return this.run('backup', now, period, () => this.backups.automatic());
  }

  /** The personal-data retention periods (docs/privacy.md): old notes, contacts, sessions and email bodies cleared, inactive accounts warned then anonymised. */
  applyRetention(now = this.clock.now(), period?: Date): Promise<JobCounts | null> {
    return this.run('retention', now, period, () => this.privacy.applyRetention(now));
  }

  /**
   * Runs a job under its lease; null when another instance holds the lease or, for a scheduled run
   * (`period` set), when some instance already ran this period (the unique key of `job_runs`).
   */
  private async run(job: JobName, now: Date, period: Date | undefined, work: () => Promise<JobCounts>): Promise<JobCounts | null> {
    const acquired = await this.repository.takeLease(this.dataSource.manager, job, this.holder, LEASE_SECONDS);
    if (!acquired) {
      this.logger.debug({ job }, 'Job skipped: another instance runs it');
      return null;
    }
    const runId = await this.repository.startRun(this.dataSource.manager, job, this.holder, now, period ?? null);
    if (!runId) {
      await this.releaseLease(job);
      this.logger.debug({ job, period }, 'Job skipped: another instance ran this period');
      return null;
    }
    const started = Date.now();
    try {
      const counts = await work();
      await this.repository.finishRun(this.dataSource.manager, runId, counts);
      this.logger.log({ job, ...counts, ms: Date.now() - started }, 'Job run');
      return counts;
    } catch (error) {
      await this.repository.failRun(this.dataSource.manager, runId, String((error as Error).message).slice(0, 500)).catch(() => undefined);
      this.logger.warn({ job, err: error }, 'Job failed');
      throw error;
    } finally {
      await this.releaseLease(job);
    }
  }

  private releaseLease(job: JobName): Promise<unknown> {
    return this.repository.releaseLease(this.dataSource.manager, job, this.holder).catch(() => undefined);
  }
}
