import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ThrottleHitsRepository } from './throttle-hits.repository';

/** A limit: at most `limit` requests of one subject in `windowMinutes` (a sliding window). */
export interface RequestLimit {
  bucket: string;
  limit: number;
  windowMinutes: number;
}

/**
 * Requests counted per bucket and subject (e.g. the client address asking for password-reset
 * emails) in `throttle_hits`, so that every instance counts the same requests. The window is an
 * infrastructure timer: it follows the database's `now()`, not business time.
 */
@Injectable()
export class RequestThrottle {
  constructor(private readonly hits: ThrottleHitsRepository) {}

  /**
   * Counts this request, unless the limit is reached: then nothing is counted and the answer is how
   * many seconds until the oldest counted request leaves the window.
   */
  async take(manager: EntityManager, rule: RequestLimit, subject: string): Promise<{ retryAfterSeconds?: number }> {
    const row = await this.hits.take(manager, { bucket: rule.bucket, subject, limit: rule.limit, windowMinutes: rule.windowMinutes });
    if (row.taken > 0) {
      await this.hits.deleteOlderThanADay(manager);
      return {};
    }
    return { retryAfterSeconds: Math.max(1, Math.ceil(row.retry ?? 60)) };
  }
}
