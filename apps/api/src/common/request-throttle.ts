import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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
  /**
   * Counts this request, unless the limit is reached: then nothing is counted and the answer is how
   * many seconds until the oldest counted request leaves the window.
   */
  async take(manager: EntityManager, rule: RequestLimit, subject: string): Promise<{ retryAfterSeconds?: number }> {
    const [row]: { taken: number; retry: number | null }[] = await manager.query(
      `WITH recent AS (
         SELECT at FROM throttle_hits
          WHERE bucket = $1 AND subject = $2 AND at > now() - make_interval(mins => $4)
          ORDER BY at DESC LIMIT $3
       ),
       counted AS (SELECT count(*)::int AS n, min(at) AS first FROM recent),
       hit AS (INSERT INTO throttle_hits (bucket, subject) SELECT $1, $2 FROM counted WHERE n < $3 RETURNING 1)
       SELECT (SELECT count(*) FROM hit)::int AS taken,
              extract(epoch FROM counted.first + make_interval(mins => $4) - now())::float8 AS retry
         FROM counted`,
      [rule.bucket, subject, rule.limit, rule.windowMinutes],
    );
    if (row.taken > 0) {
      await manager.query(`DELETE FROM throttle_hits WHERE at < now() - interval '1 day'`);
      return {};
    }
    return { retryAfterSeconds: Math.max(1, Math.ceil(row.retry ?? 60)) };
  }
}
