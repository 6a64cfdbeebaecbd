import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { BackupService } from '../admin/backup.service';
import { Clock } from '../common/clock';
import { BookingLifecycleService } from '../bookings/booking-lifecycle.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { SatisfactionService } from '../satisfaction/satisfaction.service';
import { SessionsService } from '../sessions/sessions.service';

export type JobName = 'expire-pending' | 'mark-no-shows' | 'reminders' | 'digest' | 'report-cache' | 'backup';
export type JobCounts = Record<string, number>;

/** The territory's zone: the digest goes out at 07:00 there, and "today" is its date. */
export const JOBS_ZONE = 'Europe/Brussels';

/** When each job runs (cron syntax); JobsModule applies @nestjs/schedule's @Cron with these. */
export const SCHEDULE: [
  method: 'onExpiryTick' | 'onNoShowTick' | 'onReminderTick' | 'onDigestTick' | 'onReportCacheTick' | 'onBackupTick',
  cron: string,
  options: { name: JobName; timeZone?: string },
][] = [
  ['onExpiryTick', '*/5 * * * *', { name: 'expire-pending' }],
  ['onNoShowTick', '20 * * * *', { name: 'mark-no-shows' }],
  ['onReminderTick', '*/15 * * * *', { name: 'reminders' }],
  ['onDigestTick', '0 7 * * *', { name: 'digest', timeZone: JOBS_ZONE }],
  ['onReportCacheTick', '30 1 * * *', { name: 'report-cache', timeZone: JOBS_ZONE }],
  ['onBackupTick', '30 2 * * *', { name: 'backup', timeZone: JOBS_ZONE }],
];

/** The months whose open time the report-cache job keeps computed: the last two years and the next three months. */
const REPORT_CACHE_MONTHS_BACK = 24;
const REPORT_CACHE_MONTHS_AHEAD = 3;

const LEASE_SECONDS = 600;
const REMINDER_HOURS = 24;

/**
 * Reminders, expiry of unhandled requests, no-show marking and the partners' daily digest.
 * Every run takes a lease row (`job_leases`) first, so with several API instances one runs it and the
 * others skip; every run is idempotent (status updates, unique Message-IDs per event and recipient)
 * and leaves a row in `job_runs` with its counts. The schedule is off when `jobs.enabled` is false
 * (tests call the methods directly, with a fixed `now`).
 */
@Injectable()
export class ScheduledJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduledJobs.name);
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: BookingLifecycleService,
    private readonly notifications: BookingNotifications,
    private readonly backups: BackupService,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly satisfaction: SatisfactionService,
  ) {}

  /** Requests left pending while the app was down expire at start-up, as they did with the old sweep. */
  onApplicationBootstrap(): void {
    if (!this.config.jobs.enabled) return;
    void this.expirePending().catch(() => undefined);
    // In the background: the first coordinator after a deployment does not wait for the cache.
    void this.fillReportCache().catch(() => undefined);
  }

  onReportCacheTick(): Promise<unknown> {
    return this.config.jobs.enabled ? this.fillReportCache().catch(() => undefined) : Promise.resolve();
  }

  /** BACKUPS (on by default with the embedded database) decides, not SCHEDULED_JOBS: backups protect the data. */
  onBackupTick(): Promise<unknown> {
    return this.config.backups.enabled ? this.backup().catch(() => undefined) : Promise.resolve();
  }

  onExpiryTick(): Promise<unknown> {
    return this.config.jobs.enabled ? this.expirePending().catch(() => undefined) : Promise.resolve();
  }

  onNoShowTick(): Promise<unknown> {
    return this.config.jobs.enabled ? this.markNoShows().catch(() => undefined) : Promise.resolve();
  }

  onReminderTick(): Promise<unknown> {
    return this.config.jobs.enabled ? this.sendReminders().catch(() => undefined) : Promise.resolve();
  }

  onDigestTick(): Promise<unknown> {
    return this.config.jobs.enabled ? this.sendDigests().catch(() => undefined) : Promise.resolve();
  }

  expirePending(now = this.clock.now()): Promise<JobCounts | null> {
    return this.run('expire-pending', now, async () => ({ expired: await this.lifecycle.expireStale(now) }));
  }

  markNoShows(now = this.clock.now()): Promise<JobCounts | null> {
    const hours = this.config.jobs.noShowAfterHours;
    return this.run('mark-no-shows', now, async () => ({ marked: hours > 0 ? await this.lifecycle.markOverdueNoShows(now, hours) : 0 }));
  }

  /**
   * Confirmed bookings starting within the next 24 hours get one reminder per start time; those made
   * less than a day ahead get none (their confirmation is fresh). Already reminded ones are skipped in SQL.
   */
  sendReminders(now = this.clock.now()): Promise<JobCounts | null> {
    return this.run('reminders', now, async () => {
      const due: { id: string }[] = await this.dataSource.query(
        `SELECT b.id FROM bookings b
          WHERE b.status = 'confirmed' AND lower(b.period) > $1 AND lower(b.period) <= $1::timestamptz + make_interval(hours => $2)
            AND b.created_at <= lower(b.period) - make_interval(hours => $2)
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_key = 'reminder:' || b.id || ':' || (extract(epoch FROM lower(b.period)) * 1000)::bigint)
          ORDER BY lower(b.period)`,
        [now, REMINDER_HOURS],
      );
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
  sendDigests(now = this.clock.now()): Promise<JobCounts | null> {
    return this.run('digest', now, async () => {
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
  fillReportCache(now = this.clock.now()): Promise<JobCounts | null> {
    return this.run('report-cache', now, async () => {
      const month = DateTime.fromJSDate(now, { zone: JOBS_ZONE }).startOf('month');
      const [{ itemMonths }] = await this.dataSource.query('SELECT report_fill_booking_days($1::date, $2::date) AS "itemMonths"', [
        month.minus({ months: REPORT_CACHE_MONTHS_BACK }).toISODate(),
        month.plus({ months: REPORT_CACHE_MONTHS_AHEAD }).toISODate(),
      ]);
      return { itemMonths };
    });
  }

  /** The daily archive of the embedded database and the photos into BACKUP_DIR, keeping the last BACKUP_KEEP. */
  backup(now = this.clock.now()): Promise<JobCounts | null> {
    return this.run('backup', now, () => this.backups.automatic());
  }

  /** Runs a job under its lease; null when another instance holds it. */
  private async run(job: JobName, now: Date, work: () => Promise<JobCounts>): Promise<JobCounts | null> {
    const [acquired] = await this.dataSource.query(
      `INSERT INTO job_leases (name, holder, locked_until) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, locked_until = EXCLUDED.locked_until
         WHERE job_leases.locked_until < now()
       RETURNING name`,
      [job, this.holder, LEASE_SECONDS],
    );
    if (!acquired) {
      this.logger.debug({ job }, 'Job skipped: another instance runs it');
      return null;
    }
    const [{ id: runId }] = await this.dataSource.query('INSERT INTO job_runs (job, holder, as_of) VALUES ($1, $2, $3) RETURNING id', [job, this.holder, now]);
    const started = Date.now();
    try {
      const counts = await work();
      await this.dataSource.query('UPDATE job_runs SET finished_at = now(), result = $2 WHERE id = $1', [runId, JSON.stringify(counts)]);
      this.logger.log({ job, ...counts, ms: Date.now() - started }, 'Job run');
      return counts;
    } catch (error) {
      await this.dataSource
        .query('UPDATE job_runs SET finished_at = now(), error = $2 WHERE id = $1', [runId, String((error as Error).message).slice(0, 500)])
        .catch(() => undefined);
      this.logger.warn({ job, err: error }, 'Job failed');
      throw error;
    } finally {
      await this.dataSource.query('UPDATE job_leases SET locked_until = now() WHERE name = $1 AND holder = $2', [job, this.holder]).catch(() => undefined);
    }
  }
}
