import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The statements on `throttle_hits`: requests counted per bucket and subject over a sliding window of the database's `now()`. */
@Injectable()
export class ThrottleHitsRepository {
  /**
   * In one statement: counts a hit unless `limit` hits are already in the window. `taken` is 1 when
   * counted; `retry` the seconds until the oldest counted hit leaves the window.
   */
  async take(manager: EntityManager, hit: { bucket: string; subject: string; limit: number; windowMinutes: number }): Promise<{ taken: number; retry: number | null }> {
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
      [hit.bucket, hit.subject, hit.limit, hit.windowMinutes],
    );
    return row;
  }

  async deleteOlderThanADay(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM throttle_hits WHERE at < now() - interval '1 day'`);
  }
}
