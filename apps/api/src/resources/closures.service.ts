import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, closedByClosure, validateClosure, type AffectedBookingsOutcome, type ClosureView } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser } from '../auth/auth-user';
import { BookingDisruptions, periodOf } from '../bookings/booking-disruptions.service';
import { Clock, shareBusinessTime } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { SitesRepository } from '../sites/sites.repository';
import { ClosuresRepository } from './closures.repository';
import { CreateClosureDto } from './dto/closure.dto';
import { ResourcesRepository } from './resources.repository';
import { ruleProblems } from './resources.service';

/** Closures of one item or of a whole site; only the owner's managers (and coordinators) change them. */
@Injectable()
export class ClosuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly closures: ClosuresRepository,
    private readonly resources: ResourcesRepository,
    private readonly sites: SitesRepository,
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
      // A one-off closure that ended before today (in the site's zone) closes nothing ahead: most likely a
      // mistyped year, so it is refused unless recorded on purpose (it then counts in past reports).
      const today = this.clock.dateTime((await this.closures.zone(manager, scope, id)) ?? 'Europe/Brussels').toISODate()!;
      if (!closure.yearly && !dto.recordPast && closure.endsOn < today) throw ruleProblems([{ field: 'endsOn', constraint: 'closureInPast', args: [today] }], '');
      const items = await this.resources.itemIds(manager, scope, id);
      const candidates = await this.disruptions.candidates(manager, items, this.clock.now());
      const affected = candidates.filter((b) => closedByClosure({ ...closure, reason: dto.reason }, b.zone, periodOf(b)).length > 0);
      const outcome = await this.disruptions.resolve(manager, user, affected, dto.affectedBookings, 'closure', dto.reason);
      const row = await this.closures.insert(manager, scope, id, { ...closure, reason: dto.reason });
      return { ...row, affectedBookings: outcome };
    });
  }

  async listForSite(siteId: string): Promise<ClosureView[]> {
    return this.closures.listForSite(this.dataSource.manager, siteId);
  }

  async remove(user: AuthUser, closureId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // A removed closure still closed the days before today (closures_removed, kept by a trigger).
      await shareBusinessTime(manager, this.clock);
      const target = await this.closures.target(manager, closureId);
      if (!target) throw new DomainError(ErrorCode.NotFound);
      await this.assertManages(manager, user, target.scope, target.id);
      await this.closures.delete(manager, closureId);
    });
  }

  private async assertManages(manager: EntityManager, user: AuthUser, scope: 'resource' | 'site', id: string): Promise<void> {
    const owner = scope === 'resource' ? await this.resources.owner(manager, id, false) : await this.sites.owner(manager, id);
    if (!owner) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, owner);
  }
}
