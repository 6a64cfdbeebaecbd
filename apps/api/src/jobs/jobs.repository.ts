import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The statements of the scheduled jobs: their leases and runs (`job_leases`, `job_runs`), the
 * bookings due a reminder and the reports' cache fill. Every method takes the caller's EntityManager.
 */
@Injectable()
export class JobsRepository {
  /** Takes the job's lease for `seconds` unless another holder has it; false when it does. */
  async takeLease(db: EntityManager, job: string, holder: string, seconds: number): Promise<boolean> {
    const [acquired] = await db.query(
      `INSERT INTO job_leases (name, holder, locked_until) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, locked_until = EXCLUDED.locked_until
         WHERE job_leases.locked_until < now()
       RETURNING name`,
      [job, holder, seconds],
    );
    return Boolean(acquired);
  }

  async releaseLease(db: EntityManager, job: string, holder: string): Promise<void> {
    await db.query('UPDATE job_leases SET locked_until = now() WHERE name = $1 AND holder = $2', [job, holder]);
  }

  /** Records a run; undefined when a run of that job already has this period (unique per job and period). */
  async startRun(db: EntityManager, job: string, holder: string, asOf: Date, period: Date | null): Promise<string | undefined> {
    const [run] = await db.query(
      `INSERT INTO job_runs (job, holder, as_of, period_end) VALUES ($1, $2, $3, $4)
       ON CONFLICT (job, period_end) WHERE period_end IS NOT NULL DO NOTHING RETURNING id`,
      [job, holder, asOf, period],
    );
    return run?.id;
  }

  async finishRun(db: EntityManager, runId: string, result: object): Promise<void> {
    await db.query('UPDATE job_runs SET finished_at = now(), result = $2 WHERE id = $1', [runId, JSON.stringify(result)]);
  }

  async failRun(db: EntityManager, runId: string, error: string): Promise<void> {
    await db.query('UPDATE job_runs SET finished_at = now(), error = $2 WHERE id = $1', [runId, error]);
  }

  /**
   * Confirmed bookings starting within `hours` after `now` and made at least that long before their
   * start, not reminded yet for this start time.
   */
  dueReminders(db: EntityManager, now: Date, hours: number): Promise<{ id: string }[]> {
    return db.query(
      `SELECT b.id FROM bookings b
        WHERE b.status = 'confirmed' AND lower(b.period) > $1 AND lower(b.period) <= $1::timestamptz + make_interval(hours => $2)
          AND b.created_at <= lower(b.period) - make_interval(hours => $2)
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_key = 'reminder:' || b.id || ':' || (extract(epoch FROM lower(b.period)) * 1000)::bigint)
        ORDER BY lower(b.period)`,
      [now, hours],
    );
  }

  /** Computes the reports' derived data of every item for [from, to); returns how many item-months it computed. */
  async fillReportCache(db: EntityManager, from: string, to: string): Promise<number> {
    const [{ itemMonths }] = await db.query('SELECT report_fill_booking_days($1::date, $2::date) AS "itemMonths"', [from, to]);
    return itemMonths;
  }
}
