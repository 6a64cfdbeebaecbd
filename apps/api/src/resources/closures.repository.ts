import { Injectable } from '@nestjs/common';
import type { ClosureView } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

const VIEW = `id, CASE WHEN resource_id IS NULL THEN 'site' ELSE 'resource' END AS scope,
  to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
  to_char(start_time, 'HH24:MI') AS "startTime", to_char(end_time, 'HH24:MI') AS "endTime", yearly, reason`;

/** Closures of one item or of a whole site. */
@Injectable()
export class ClosuresRepository {
  async insert(
    manager: EntityManager,
    scope: 'resource' | 'site',
    id: string,
    closure: { startsOn: string; endsOn: string; startTime: string | null; endTime: string | null; yearly: boolean; reason: string },
  ): Promise<ClosureView> {
    const [row] = await manager.query(
      `INSERT INTO closures (${scope === 'resource' ? 'resource_id' : 'site_id'}, starts_on, ends_on, start_time, end_time, yearly, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${VIEW}`,
      [id, closure.startsOn, closure.endsOn, closure.startTime, closure.endTime, closure.yearly, closure.reason],
    );
    return row;
  }

  /** The time zone of the site that holds the closure's target, where its days are counted. */
  async zone(manager: EntityManager, scope: 'resource' | 'site', id: string): Promise<string | undefined> {
    const [row] = await manager.query(
      scope === 'site'
        ? 'SELECT time_zone FROM sites WHERE id = $1'
        : 'SELECT s.time_zone FROM resources r JOIN sites s ON s.id = r.site_id WHERE r.id = $1',
      [id],
    );
    return row?.time_zone;
  }

  listForSite(manager: EntityManager, siteId: string): Promise<ClosureView[]> {
    return manager.query(`SELECT ${VIEW} FROM closures WHERE site_id = $1 ORDER BY starts_on`, [siteId]);
  }

  /** What a closure closes: one item, or a site. */
  async target(manager: EntityManager, closureId: string): Promise<{ scope: 'resource' | 'site'; id: string } | undefined> {
    const [row] = await manager.query('SELECT resource_id, site_id FROM closures WHERE id = $1', [closureId]);
    return row && (row.resource_id ? { scope: 'resource', id: row.resource_id } : { scope: 'site', id: row.site_id });
  }

  async delete(manager: EntityManager, closureId: string): Promise<void> {
    await manager.query('DELETE FROM closures WHERE id = $1', [closureId]);
  }
}
