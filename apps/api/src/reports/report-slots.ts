import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, MAX_CONCURRENT_REPORTS, REPORTS_BUSY_RETRY_SECONDS } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReportsRepository } from './reports.repository';

/**
 * At most MAX_CONCURRENT_REPORTS report computations per person at once; one more answers 429
 * REPORTS_BUSY with Retry-After. Two layers:
 *
 * - in this process, counted before the request waits for a database connection, so a burst of
 *   requests never queues up in the pool (with the embedded database, whose single session runs one
 *   transaction at a time, this is the whole limit: only one process can open it);
 * - on a PostgreSQL server, transaction-level advisory locks taken first thing in the report's
 *   transaction, so the limit holds across API instances, and is released at commit or rollback
 *   even if the process dies.
 */
@Injectable()
export class ReportSlots {
  private readonly running = new Map<string, number>();
  private readonly shared: boolean;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'database'>,
    private readonly repository: ReportsRepository,
  ) {
    this.shared = !config.database.embedded;
  }

  /** Counts one computation of `userId` in this process; call the returned function when it ends. */
  reserve(userId: string): () => void {
    const count = this.running.get(userId) ?? 0;
    if (count >= MAX_CONCURRENT_REPORTS) throw busy();
    this.running.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(userId) ?? 1) - 1;
      if (left > 0) this.running.set(userId, left);
      else this.running.delete(userId);
    };
  }

  /** Takes one of the person's slots for the rest of `manager`'s transaction (database server only). */
  async claim(manager: EntityManager, userId: string): Promise<void> {
    if (!this.shared) return;
    if (!(await this.repository.takeSlot(manager, userId, MAX_CONCURRENT_REPORTS))) throw busy();
  }
}

function busy(): DomainError {
  return new DomainError(ErrorCode.ReportsBusy, {
    params: { count: MAX_CONCURRENT_REPORTS, seconds: REPORTS_BUSY_RETRY_SECONDS },
    details: { retryAfterSeconds: REPORTS_BUSY_RETRY_SECONDS },
    retryAfterSeconds: REPORTS_BUSY_RETRY_SECONDS,
  });
}
