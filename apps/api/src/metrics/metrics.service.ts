import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRepository } from './metrics.repository';

/** The pg pool behind TypeORM, for its in-use and waiting counts. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics (docs/operations.md, "Metrics and alerts"): HTTP latency per route, booking
 * outcomes by code, outbox depth and oldest age, job runs and failures, and the database pool. The
 * outbox and jobs are read from the database at scrape time, so every instance reports the same
 * figures for them; the rest is this process's own.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'equipole_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly bookingOutcomes = new Counter({
    name: 'equipole_booking_requests_total',
    help: 'Booking and series requests by outcome: CREATED or the error code (SLOT_TAKEN, QUOTA_EXCEEDED…).',
    labelNames: ['route', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() dataSource: DataSource,
    repository: MetricsRepository,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'equipole_' });
    const pool = () => (dataSource.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'equipole_db_pool_connections',
      help: 'Database pool connections of this process, by state (in_use, idle, waiting requests).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'in_use' }, current.totalCount - current.idleCount);
        this.set({ state: 'idle' }, current.idleCount);
        this.set({ state: 'waiting' }, current.waitingCount);
      },
    });
    new Gauge({
      name: 'equipole_outbox_pending_emails',
      help: 'Emails waiting in the outbox.',
      registers: [this.registry],
      async collect() {
        this.set((await repository.outbox()).pending);
      },
    });
    new Gauge({
      name: 'equipole_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest email still waiting in the outbox (0 when none).',
      registers: [this.registry],
      async collect() {
        this.set((await repository.outbox()).oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'equipole_outbox_failed_emails',
      help: 'Emails the outbox gave up on.',
      registers: [this.registry],
      async collect() {
        this.set((await repository.outbox()).failed);
      },
    });
    new Gauge({
      name: 'equipole_job_runs_total',
      help: 'Scheduled job runs recorded in job_runs (all instances), by job and result (ok, failed).',
      labelNames: ['job', 'result'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await repository.jobRuns()) this.set({ job: row.job, result: row.result }, row.runs);
      },
    });
    new Gauge({
      name: 'equipole_job_last_success_timestamp_seconds',
      help: 'When each scheduled job last finished without error (all instances).',
      labelNames: ['job'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await repository.lastSuccesses()) this.set({ job: row.job }, row.at);
      },
    });
  }

  /** Counts one booking or series request by its outcome. */
  recordBooking(route: string, status: number, errorCode: string | undefined): void {
    this.bookingOutcomes.inc({ route, outcome: status < 400 ? 'CREATED' : (errorCode ?? `HTTP_${status}`) });
  }
}
