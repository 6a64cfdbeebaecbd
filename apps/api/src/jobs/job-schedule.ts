import { CronTime } from 'cron';

export const JOB_NAMES = ['expire-pending', 'mark-no-shows', 'auto-release', 'reminders', 'digest', 'report-cache', 'backup', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** The territory's zone: the daily jobs run at their local hour there, and "today" is its date. */
export const JOBS_ZONE = 'Europe/Brussels';

/** When each job runs by default, in cron syntax (five fields, or six with seconds first) read in JOBS_ZONE. */
export const DEFAULT_JOB_SCHEDULE: Readonly<Record<JobName, string>> = {
  'expire-pending': '*/5 * * * *',
  'mark-no-shows': '20 * * * *',
  'auto-release': '*/5 * * * *',
  reminders: '*/15 * * * *',
  digest: '0 7 * * *',
  'report-cache': '30 1 * * *',
  backup: '30 2 * * *',
  retention: '15 3 * * *',
};

/**
 * Reads JOB_SCHEDULES, `name=cron` pairs separated by `;` (e.g. `digest=0 8 * * 1-5`), over the defaults.
 * Returns the problems instead of throwing, for the configuration's error list.
 */
export function parseJobSchedules(value: string | undefined): { schedule: Record<JobName, string>; problems: string[] } {
  const schedule = { ...DEFAULT_JOB_SCHEDULE };
  const problems: string[] = [];
  for (const pair of (value ?? '').split(';').map((part) => part.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const name = (at < 0 ? pair : pair.slice(0, at)).trim();
    const cron = at < 0 ? '' : pair.slice(at + 1).trim();
    if (!(JOB_NAMES as readonly string[]).includes(name)) {
      problems.push(`JOB_SCHEDULES: unknown job ${JSON.stringify(name)} (jobs: ${JOB_NAMES.join(', ')})`);
    } else if (!CronTime.validateCronExpression(cron).valid) {
      problems.push(`JOB_SCHEDULES: ${name} needs a cron expression such as "0 7 * * *" (got ${JSON.stringify(cron)})`);
    } else {
      schedule[name as JobName] = cron;
    }
  }
  return { schedule, problems };
}

/**
 * The period a scheduled run answers, named by the tick that ends it: the first scheduled instant
 * strictly after the second the timer fired in. Every instance whose timer fires for one tick (on
 * time or late, never early, and before the next tick) names the same period, so one run per job
 * and period is a unique key in the database, not an agreement between clocks.
 */
export function periodEnd(cron: string, firedAt: Date, timeZone = JOBS_ZONE): Date {
  return new CronTime(cron, timeZone).getNextDateFrom(firedAt, timeZone).toJSDate();
}
