import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface OutboxFigures {
  pending: number;
  failed: number;
  oldestAgeSeconds: number;
}

/** The statements behind the metrics read from the database at scrape time. */
@Injectable()
export class MetricsRepository {
  /** One scrape reads the outbox once for its three gauges. */
  private outboxRead: { at: number; figures: Promise<OutboxFigures> } | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  outbox(): Promise<OutboxFigures> {
    if (!this.outboxRead || Date.now() - this.outboxRead.at > 1000) {
      this.outboxRead = {
        at: Date.now(),
        figures: this.dataSource
          .query(
            `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'failed')::int AS failed,
                    coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')), 0)::float AS "oldestAgeSeconds"
               FROM outbox`,
          )
          .then((rows: OutboxFigures[]) => rows[0]),
      };
    }
    return this.outboxRead.figures;
  }

  jobRuns(): Promise<{ job: string; result: string; runs: number }[]> {
    return this.dataSource.query(
      `SELECT job, CASE WHEN error IS NULL THEN 'ok' ELSE 'failed' END AS result, count(*)::int AS runs
         FROM job_runs WHERE finished_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    );
  }

  lastSuccesses(): Promise<{ job: string; at: number }[]> {
    return this.dataSource.query(
      `SELECT job, extract(epoch FROM max(finished_at))::float AS at FROM job_runs WHERE finished_at IS NOT NULL AND error IS NULL GROUP BY 1 ORDER BY 1`,
    );
  }
}
