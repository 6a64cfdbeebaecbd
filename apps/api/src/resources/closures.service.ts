import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, closedByClosure, validateClosure, type AffectedBookingsOutcome, type ClosureView } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser } from '../auth/auth-user';
import { BookingDisruptions, periodOf } from '../bookings/booking-disruptions.service';
import { Clock, shareBusinessTime } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { CreateClosureDto } from './dto/closure.dto';
import { ruleProblems } from './resources.service';

const VIEW = `id, CASE WHEN resource_id IS NULL THEN 'site' ELSE 'resource' END AS scope,
  to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
  to_char(start_time, 'HH24:MI') AS "startTime", to_char(end_time, 'HH24:MI') AS "endTime", yearly, reason`;

/** Closures of one item or of a whole site; only the owner's managers (and coordinators) change them. */
@Injectable()
export class ClosuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly disruptions: BookingDisruptions,
    private readonly clock: Clock,
  ) {}

  /**
   * A closure over pending or confirmed bookings is refused (409 BOOKINGS_AFFECTED, listing them) unless
   * `affectedBookings` says, for each, to cancel it (with the closure's reason unless another is given) or keep it.
   */
  add(user: AuthUser, scope: 'resource' | 'site', id: string, dto: CreateClosureDto): Promise<ClosureView & { affectedBookings: AffectedBookingsOutcome }> {
    const closure = { startsOn: dto.startsOn, endsOn: dto.endsOn, startTime: dto.startTime ?? null, endTime: dto.endTime ?? null, yearly: dto.yearly ?? false };
    const problems = validateClosure(closure);
    if (problems.length > 0) throw ruleProblems(problems, '');
    return this.dataSource.transaction(async (manager) => {
      await this.assertManages(manager, user, scope, id);
      const items: { id: string }[] = await manager.query(`SELECT id FROM resources WHERE ${scope === 'resource' ? 'id' : 'site_id'} = $1`, [id]);
      const candidates = await this.disruptions.candidates(manager, items.map((item) => item.id), this.clock.now());
      const affected = candidates.filter((b) => closedByClosure({ ...closure, reason: dto.reason }, b.zone, periodOf(b)).length > 0);
      const outcome = await this.disruptions.resolve(manager, user, affected, dto.affectedBookings, 'closure', dto.reason);
      const [row] = await manager.query(
        `INSERT INTO closures (${scope === 'resource' ? 'resource_id' : 'site_id'}, starts_on, ends_on, start_time, end_time, yearly, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${VIEW}`,
        [id, closure.startsOn, closure.endsOn, closure.startTime, closure.endTime, closure.yearly, dto.reason],
      );
      return { ...row, affectedBookings: outcome };
    });
  }

  async listForSite(siteId: string): Promise<ClosureView[]> {
    return this.dataSource.query(`SELECT ${VIEW} FROM closures WHERE site_id = $1 ORDER BY starts_on`, [siteId]);
  }

  async remove(user: AuthUser, closureId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // A removed closure still closed the days before today (closures_removed, kept by a trigger).
      await shareBusinessTime(manager, this.clock);
      const [closure] = await manager.query('SELECT resource_id, site_id FROM closures WHERE id = $1', [closureId]);
      if (!closure) throw new DomainError(ErrorCode.NotFound);
      await this.assertManages(manager, user, closure.resource_id ? 'resource' : 'site', closure.resource_id ?? closure.site_id);
      await manager.query('DELETE FROM closures WHERE id = $1', [closureId]);
    });
  }

  private async assertManages(manager: EntityManager, user: AuthUser, scope: 'resource' | 'site', id: string): Promise<void> {
    const [row] = await manager.query(`SELECT organisation_id FROM ${scope === 'resource' ? 'resources' : 'sites'} WHERE id = $1`, [id]);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, row.organisation_id);
  }
}
