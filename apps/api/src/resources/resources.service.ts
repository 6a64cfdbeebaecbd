import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_BOOKING_RULES, ErrorCode, REPORT_FIRST_DAY, openTimeRemoved, validateBookingRules, type AffectedBookingsOutcome, type AffectedBookingsResolution,
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
import { CLOSURES_JSON, NAMES_JSON, OCCUPATIONS_JSON, RULE_COLUMNS, RULES_JSON, SITE_JSON } from './resource-queries';

const SCALAR_COLUMNS: Record<string, string> = {
  siteId: 'site_id', kind: 'kind', nameFr: 'name_fr', nameNl: 'name_nl', nameEn: 'name_en',
  descriptionFr: 'description_fr', descriptionNl: 'description_nl', descriptionEn: 'description_en',
  capacity: 'capacity', sector: 'sector', status: 'status', withOperator: 'with_operator', costModel: 'cost_model',
  hourlyRate: 'hourly_rate', costNote: 'cost_note', skills: 'skills', requiredCredentialId: 'required_credential_id',
  availableFrom: 'available_from',
  checkinMarginMinutes: 'checkin_margin_minutes', autoReleaseMinutes: 'auto_release_minutes',
};

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
    private readonly disruptions: BookingDisruptions,
    private readonly clock: Clock,
  ) {}

  async get(user: AuthUser | undefined, id: string): Promise<ResourceDetail> {
    const [row] = await this.dataSource.query(
      `SELECT r.id, json_build_object('id', o.id, 'name', o.name, 'country', o.country) AS organisation, ${SITE_JSON} AS site,
              r.kind, ${NAMES_JSON} AS names,
              json_build_object('fr', r.description_fr, 'nl', r.description_nl, 'en', r.description_en) AS descriptions,
              r.capacity, r.sector, r.status, r.with_operator AS "withOperator", r.cost_model AS "costModel",
              r.hourly_rate::float8 AS "hourlyRate", r.cost_note AS "costNote", r.skills, ${OCCUPATIONS_JSON} AS occupations,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                          FROM resource_clusters rc JOIN clusters c ON c.id = rc.cluster_id WHERE rc.resource_id = r.id), '[]') AS clusters,
              (SELECT json_build_object('id', cr.id, 'organisationId', cr.organisation_id, 'description', cr.description,
                                        'names', json_build_object('fr', cr.name_fr, 'nl', cr.name_nl, 'en', cr.name_en))
                 FROM credentials cr WHERE cr.id = r.required_credential_id) AS "requiredCredential",
              coalesce((SELECT json_agg(json_build_object('id', p.id, 'url', '/api/photos/' || p.id, 'altText', p.alt_text) ORDER BY p.position, p.created_at)
                          FROM resource_photos p WHERE p.resource_id = r.id), '[]') AS photos,
              coalesce((SELECT json_agg(json_build_object('kind', l.kind, 'label', l.label, 'url', l.url) ORDER BY l.position)
                          FROM resource_links l WHERE l.resource_id = r.id), '[]') AS links,
              ${RULES_JSON} AS rules, ${CLOSURES_JSON} AS closures, to_char(r.available_from, 'YYYY-MM-DD') AS "availableFrom",
              (SELECT json_agg(json_build_object('status', p.status, 'from', lower(p.during), 'to', upper(p.during)) ORDER BY lower(p.during) NULLS FIRST)
                 FROM resource_status_periods p WHERE p.resource_id = r.id) AS "statusHistory",
              r.checkin_margin_minutes AS "checkinMarginMinutes", r.auto_release_minutes AS "autoReleaseMinutes"
         FROM resources r JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id
        WHERE r.id = $1`,
      [id],
    );
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const manages = canManage(user, row.organisation.id);
    // A retired item is gone for everyone but its managers (who may bring it back) and coordinators.
    if (row.status === 'retired' && !manages) throw new DomainError(ErrorCode.NotFound);
    return { ...row, canManage: manages };
  }

  /** The rules a new item of this site starts from: the site's defaults, else the organisation's, else the platform's. */
  async defaultRules(manager: EntityManager, siteId: string): Promise<BookingRules> {
    const [row] = await manager.query(
      'SELECT s.default_rules AS site, o.default_rules AS organisation FROM sites s JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1',
      [siteId],
    );
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
      const [{ id: created }] = await manager.query(
        `INSERT INTO resources (organisation_id, site_id, kind, capacity, name_fr, name_nl, name_en, opening_hours, available_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [dto.organisationId, dto.siteId, dto.kind, dto.capacity, dto.nameFr ?? null, dto.nameNl ?? null, dto.nameEn ?? null,
          JSON.stringify(rules.openingHours ?? []), dto.availableFrom ?? null],
      );
      await this.write(manager, created, { ...dto, rules });
      return created as string;
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
        const [{ site_id: siteId }] = await manager.query('SELECT site_id FROM resources WHERE id = $1', [id]);
        await this.assertAvailableFrom(manager, dto.siteId ?? siteId, dto.availableFrom);
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
      const [names] = await manager.query('SELECT coalesce(name_fr, name_nl, name_en) AS name FROM resources WHERE id = $1', [id]);
      if (!names.name) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'nameFr', constraint: 'isNotEmpty', args: [] }] });
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
    const [current] = await manager.query('SELECT status FROM resources WHERE id = $1 FOR UPDATE', [id]);
    let outcome: AffectedBookingsOutcome = { cancelled: [], kept: [] };
    // deferBookings: a booker reported the item unusable; its managers choose for the bookings when they acknowledge.
    if (status !== 'active' && current.status === 'active' && !options.deferBookings) {
      const affected = await this.disruptions.candidates(manager, [id], this.clock.now());
      outcome = await this.disruptions.resolve(manager, user, affected, resolution, cause, options.defaultReason);
    }
    if (current.status !== status) {
      await manager.query('UPDATE resources SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
      await manager.query('INSERT INTO resource_events (resource_id, actor_id, action, details) VALUES ($1, $2, $3, $4)', [
        id, user.id, 'status_changed', JSON.stringify({ from: current.status, to: status, cause, cancelled: outcome.cancelled.length, kept: outcome.kept.length }),
      ]);
    }
    return outcome;
  }

  /** Locks the item's row and returns its owner; 404 for people who do not manage it. */
  lockManaged(manager: EntityManager, user: AuthUser, id: string): Promise<string> {
    return this.managedOwner(manager, user, id, 'FOR UPDATE');
  }

  /** lockManaged without the lock: a check made before work that a transaction cannot hold (reading an upload). */
  assertManagesItem(user: AuthUser, id: string): Promise<string> {
    return this.managedOwner(this.dataSource.manager, user, id, '');
  }

  private async managedOwner(manager: EntityManager, user: AuthUser, id: string, lock: 'FOR UPDATE' | ''): Promise<string> {
    const [row] = await manager.query(`SELECT organisation_id FROM resources WHERE id = $1 ${lock}`, [id]);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, row.organisation_id);
    return row.organisation_id;
  }

  /**
   * An item's first day on the platform lies between REPORT_FIRST_DAY and today (business time, in its
   * site's zone): reports count no open time before it (docs/indicators.md, "Item history").
   */
  private async assertAvailableFrom(manager: EntityManager, siteId: string, availableFrom: string | undefined): Promise<void> {
    if (availableFrom === undefined) return;
    const [site] = await manager.query('SELECT time_zone FROM sites WHERE id = $1', [siteId]);
    const today = this.clock.dateTime(site?.time_zone ?? 'utc').toISODate()!;
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
      const [site] = await manager.query('SELECT 1 FROM sites WHERE id = $1 AND organisation_id = $2', [dto.siteId, organisationId]);
      if (!site) throw invalid('siteId');
    }
    if (dto.clusterIds?.length) {
      const [{ n }] = await manager.query(
        'SELECT count(*)::int AS n FROM cluster_members WHERE organisation_id = $1 AND cluster_id = ANY($2::uuid[])',
        [organisationId, [...new Set(dto.clusterIds)]],
      );
      if (n !== new Set(dto.clusterIds).size) throw invalid('clusterIds');
    }
    if (dto.requiredCredentialId) {
      const [credential] = await manager.query('SELECT 1 FROM credentials WHERE id = $1 AND organisation_id = $2', [dto.requiredCredentialId, organisationId]);
      if (!credential) throw invalid('requiredCredentialId');
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
    if (assignments.length > 0) {
      await manager.query(
        `UPDATE resources SET ${assignments.map(([column], i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [id, ...assignments.map(([, value]) => value)],
      );
    }
    const lists: [string[] | undefined, string, string][] = [
      [dto.occupationIds, 'resource_occupations', 'occupation_id'],
      [dto.clusterIds, 'resource_clusters', 'cluster_id'],
      [dto.rules?.allowedOrganisationIds, 'resource_allowed_organisations', 'organisation_id'],
    ];
    for (const [ids, table, column] of lists) {
      if (!ids) continue;
      await manager.query(`DELETE FROM ${table} WHERE resource_id = $1`, [id]);
      await manager.query(`INSERT INTO ${table} (resource_id, ${column}) SELECT $1, unnest($2::uuid[])`, [id, [...new Set(ids)]]);
    }
    if (dto.links) {
      await manager.query('DELETE FROM resource_links WHERE resource_id = $1', [id]);
      for (const [position, link] of dto.links.entries()) {
        await manager.query(
          'INSERT INTO resource_links (resource_id, kind, label, url, position) VALUES ($1, $2, $3, $4, $5)',
          [id, link.kind, link.label, link.url, position],
        );
      }
    }
  }
}
