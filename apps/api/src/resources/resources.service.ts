import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_BOOKING_RULES, ErrorCode, REPORT_FIRST_DAY, openTimeRemoved, validateBookingRules, type AffectedBooking, type AffectedBookingsOutcome, type AffectedBookingsResolution,
  type BookingRules, type ResourceDetail, type ResourceStatus, type RuleProblem,
} from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser, canManage } from '../auth/auth-user';
import { BookingDisruptions, periodOf } from '../bookings/booking-disruptions.service';
import { Clock, shareBusinessTime } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { RawFieldError } from '../common/validation';
import { BookingRulesDto } from './dto/rules.dto';
import { CreateResourceDto, UpdateResourceDto } from './dto/resource.dto';
import { SitesRepository } from '../sites/sites.repository';
import { ResourcesRepository, RULE_COLUMNS, SCALAR_COLUMNS } from './resources.repository';

/** Turns problems found by the shared rule checks into the API's field errors. */
export function ruleProblems(problems: RuleProblem[], prefix: string): DomainError {
  const details: RawFieldError[] = problems.map((p) => ({ field: `${prefix}${p.field}`, constraint: p.constraint, args: p.args ?? [] }));
  return new DomainError(ErrorCode.ValidationFailed, { details });
}

export function assertValidRules(rules: BookingRulesDto, prefix = 'rules.'): void {
  const problems = validateBookingRules(rules);
  if (problems.length > 0) throw ruleProblems(problems, prefix);
}

@Injectable()
export class ResourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ResourcesRepository,
    private readonly sites: SitesRepository,
    private readonly disruptions: BookingDisruptions,
    private readonly clock: Clock,
  ) {}

  async get(user: AuthUser | undefined, id: string): Promise<ResourceDetail> {
    const row = await this.resources.detail(this.dataSource.manager, id);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const manages = canManage(user, row.organisation.id);
    // A retired item is gone for everyone but its managers (who may bring it back) and coordinators.
    if (row.status === 'retired' && !manages) throw new DomainError(ErrorCode.NotFound);
    return { ...row, canManage: manages };
  }

  /** The rules a new item of this site starts from: the site's defaults, else the organisation's, else the platform's. */
  async defaultRules(manager: EntityManager, siteId: string): Promise<BookingRules> {
    const row = await this.sites.defaults(manager, siteId);
    return { ...DEFAULT_BOOKING_RULES, ...(row?.organisation ?? {}), ...(row?.site ?? {}) };
  }

  async create(user: AuthUser, dto: CreateResourceDto): Promise<ResourceDetail> {
    assertManages(user, dto.organisationId);
    if (!dto.nameFr && !dto.nameNl && !dto.nameEn) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'nameFr', constraint: 'isNotEmpty', args: [] }] });
    }
    if (dto.rules) assertValidRules(dto.rules);
    const id = await this.dataSource.transaction(async (manager) => {
      await shareBusinessTime(manager, this.clock);
      await this.assertReferences(manager, dto.organisationId, dto);
      await this.assertAvailableFrom(manager, dto.siteId, dto.availableFrom);
      const rules = dto.rules ?? (await this.defaultRules(manager, dto.siteId));
      // The opening hours (and first day) go in with the INSERT: the history trigger records the hours
      // an item is created with as in force since always (no open time before available_from anyway).
      // Set by the UPDATE of write() instead, they were a new version from today on, after an empty one.
      const created = await this.resources.insert(manager, {
        organisationId: dto.organisationId, siteId: dto.siteId, kind: dto.kind, capacity: dto.capacity, nameFr: dto.nameFr ?? null, nameNl: dto.nameNl ?? null,
        nameEn: dto.nameEn ?? null, openingHours: rules.openingHours, availableFrom: dto.availableFrom ?? null,
      });
      await this.write(manager, created, { ...dto, rules });
      return created;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateResourceDto): Promise<ResourceDetail> {
    if (dto.rules) assertValidRules(dto.rules);
    await this.dataSource.transaction(async (manager) => {
      await shareBusinessTime(manager, this.clock);
      const organisationId = await this.lockManaged(manager, user, id);
      await this.assertReferences(manager, organisationId, dto);
      if (dto.availableFrom !== undefined) {
        await this.assertAvailableFrom(manager, dto.siteId ?? (await this.resources.siteOf(manager, id)), dto.availableFrom);
      }
      if (dto.rules?.openingHours) {
        const newHours = dto.rules.openingHours;
        const candidates = await this.disruptions.candidates(manager, [id], this.clock.now());
        const affected = candidates.filter((b) => openTimeRemoved(b.openingHours, newHours, b.closures, b.zone, periodOf(b)).length > 0);
        await this.disruptions.resolve(manager, user, affected, dto.affectedBookings, 'opening_hours');
      }
      const { status, ...fields } = dto;
      await this.write(manager, id, fields);
      if (status) await this.changeStatus(manager, user, id, status, dto.affectedBookings, status === 'retired' ? 'retired' : 'maintenance');
      if (!(await this.resources.displayName(manager, id))) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'nameFr', constraint: 'isNotEmpty', args: [] }] });
    });
    return this.get(user, id);
  }

  /** Maintenance and retirement hit every booking not yet ended: the partner chooses for each (BookingDisruptions). */
  async setStatus(user: AuthUser, id: string, status: ResourceStatus, resolution?: AffectedBookingsResolution): Promise<ResourceDetail & { affectedBookings: AffectedBookingsOutcome }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      await shareBusinessTime(manager, this.clock);
      await this.lockManaged(manager, user, id);
      return this.changeStatus(manager, user, id, status, resolution, status === 'retired' ? 'retired' : 'maintenance');
    });
    return { ...(await this.get(user, id)), affectedBookings: outcome };
  }

  /** Bookings not yet ended of an item already out of service (a booker reported it unusable): its manager decides now. */
  async decideBookingsOfUnavailable(manager: EntityManager, user: AuthUser, id: string, resolution: AffectedBookingsResolution | undefined, defaultReason: string): Promise<AffectedBookingsOutcome> {
    const affected = await this.disruptions.candidates(manager, [id], this.clock.now());
    return this.disruptions.resolve(manager, user, affected, resolution, 'breakdown', defaultReason);
  }

  /** The bookings not yet ended of items out of service that wait for their managers' decision (read only). */
  bookingsAwaitingDecision(manager: EntityManager, ids: string[]): Promise<(AffectedBooking & { zone: string })[]> {
    return this.disruptions.listed(manager, ids, this.clock.now());
  }

  /** The status change itself, in the caller's transaction (a breakdown report puts its item into maintenance this way). */
  async changeStatus(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    status: ResourceStatus,
    resolution: AffectedBookingsResolution | undefined,
    cause: 'maintenance' | 'retired' | 'breakdown',
    options: { defaultReason?: string; deferBookings?: boolean } = {},
  ): Promise<AffectedBookingsOutcome> {
    const current = await this.resources.lockStatus(manager, id);
    let outcome: AffectedBookingsOutcome = { cancelled: [], kept: [] };
    // deferBookings: a booker reported the item unusable; its managers choose for the bookings when they acknowledge.
    if (status !== 'active' && current === 'active' && !options.deferBookings) {
      const affected = await this.disruptions.candidates(manager, [id], this.clock.now());
      outcome = await this.disruptions.resolve(manager, user, affected, resolution, cause, options.defaultReason);
    }
    if (current !== status) {
      await this.resources.setStatus(manager, id, status, user.id, { from: current, to: status, cause, cancelled: outcome.cancelled.length, kept: outcome.kept.length });
    }
    return outcome;
  }

  /** Locks the item's row and returns its owner; 404 for people who do not manage it. */
  lockManaged(manager: EntityManager, user: AuthUser, id: string): Promise<string> {
    return this.managedOwner(manager, user, id, true);
  }

  /** lockManaged without the lock: a check made before work that a transaction cannot hold (reading an upload). */
  assertManagesItem(user: AuthUser, id: string): Promise<string> {
    return this.managedOwner(this.dataSource.manager, user, id, false);
  }

  private async managedOwner(manager: EntityManager, user: AuthUser, id: string, lock: boolean): Promise<string> {
    const owner = await this.resources.owner(manager, id, lock);
    if (!owner) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, owner);
    return owner;
  }

  /**
   * An item's first day on the platform lies between REPORT_FIRST_DAY and today (business time, in its
   * site's zone): reports count no open time before it (docs/indicators.md, "Item history").
   */
  private async assertAvailableFrom(manager: EntityManager, siteId: string, availableFrom: string | undefined): Promise<void> {
    if (availableFrom === undefined) return;
    const today = this.clock.dateTime((await this.sites.zone(manager, siteId)) ?? 'utc').toISODate()!;
    if (availableFrom < REPORT_FIRST_DAY || availableFrom > today) {
      throw new DomainError(ErrorCode.ValidationFailed, {
        details: [{ field: 'availableFrom', constraint: 'availableFromRange', args: [REPORT_FIRST_DAY, today] }],
      });
    }
  }

  /** Site, clusters and credential must belong to (or include) the owner. */
  private async assertReferences(manager: EntityManager, organisationId: string, dto: UpdateResourceDto): Promise<void> {
    const invalid = (field: string) => new DomainError(ErrorCode.ReferenceInvalid, { details: { field } });
    if (dto.siteId) {
      if ((await this.sites.owner(manager, dto.siteId)) !== organisationId) throw invalid('siteId');
    }
    if (dto.clusterIds?.length) {
      const clusterIds = [...new Set(dto.clusterIds)];
      if ((await this.resources.memberClusterCount(manager, organisationId, clusterIds)) !== clusterIds.length) throw invalid('clusterIds');
    }
    if (dto.requiredCredentialId) {
      if (!(await this.resources.credentialBelongsTo(manager, dto.requiredCredentialId, organisationId))) throw invalid('requiredCredentialId');
    }
  }

  /** Writes the given fields; lists (occupations, clusters, links, allowed organisations) are replaced when given. */
  private async write(manager: EntityManager, id: string, dto: UpdateResourceDto): Promise<void> {
    const assignments: [string, unknown][] = Object.entries(SCALAR_COLUMNS)
      .filter(([key]) => dto[key as keyof UpdateResourceDto] !== undefined)
      .map(([key, column]) => [column, dto[key as keyof UpdateResourceDto]]);
    if (dto.rules) {
      for (const [key, column] of Object.entries(RULE_COLUMNS)) {
        const value = dto.rules[key as keyof BookingRulesDto];
        assignments.push([column, key === 'openingHours' ? JSON.stringify(value) : value]);
      }
    }
    if (assignments.length > 0) await this.resources.update(manager, id, assignments);
    const lists = [
      ['occupations', dto.occupationIds],
      ['clusters', dto.clusterIds],
      ['allowedOrganisations', dto.rules?.allowedOrganisationIds],
    ] as const;
    for (const [list, ids] of lists) {
      if (ids) await this.resources.replaceLinks(manager, id, list, ids);
    }
    if (dto.links) await this.resources.replaceWebLinks(manager, id, dto.links);
  }
}
