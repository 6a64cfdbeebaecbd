import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import {
  checkBookingRules, errorMessage, ErrorCode, expandSeries, type BookingView, type Closure, type Locale, type ResourceRules,
  type SeriesOccurrenceReport, type SeriesResult, type Span,
} from '@equipole/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { CLOSURES_JSON, NAMES_JSON, RULES_JSON } from '../resources/resource-queries';
import { quotaError, slotTakenError, violationError } from './booking-messages';
import { BookingRequestDto, CreateBookingDto, CreateSeriesDto } from './dto/booking.dto';

const MINUTE = 60_000;
const HOLDING = `('pending', 'confirmed')`;

/** Everything a booking request is checked against, read under a lock on the item's row. */
interface BookingContext {
  resourceId: string;
  ownerId: string;
  status: 'active' | 'maintenance' | 'retired';
  capacity: number;
  zone: string;
  rules: ResourceRules;
  closures: Closure[];
  credential: { id: string; name: string } | null;
  sharesCluster: boolean;
}

export const VIEW_COLUMNS = `b.id,
  json_build_object('id', r.id, 'names', ${NAMES_JSON}, 'timeZone', s.time_zone, 'organisationId', r.organisation_id, 'organisationName', owner.name) AS resource,
  json_build_object('id', o.id, 'name', o.name) AS organisation,
  json_build_object('id', booker.id, 'name', booker.name) AS "bookedBy",
  CASE WHEN trainer.id IS NULL THEN NULL ELSE json_build_object('id', trainer.id, 'name', trainer.name) END AS trainer,
  lower(b.period) AS start, upper(b.period) AS "end", b.status, b.purpose,
  CASE WHEN oc.id IS NULL THEN NULL ELSE json_build_object('id', oc.id, 'code', oc.code, 'labels', json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en)) END AS occupation,
  json_build_object('pupils', b.expected_pupils, 'apprentices', b.expected_apprentices, 'jobSeekers', b.expected_job_seekers,
                    'trainers', b.expected_trainers, 'employees', b.expected_employees) AS expected,
  CASE WHEN b.actual_start IS NULL THEN NULL ELSE json_build_object('pupils', b.actual_pupils, 'apprentices', b.actual_apprentices,
       'jobSeekers', b.actual_job_seekers, 'trainers', b.actual_trainers, 'employees', b.actual_employees) END AS actual,
  b.actual_start AS "actualStart", b.actual_end AS "actualEnd", b.notes, b.status_reason AS "statusReason", b.series_id AS "seriesId",
  b.created_at AS "createdAt"`;

export const VIEW_JOINS = `FROM bookings b
  JOIN resources r ON r.id = b.resource_id
  JOIN sites s ON s.id = r.site_id
  JOIN organisations owner ON owner.id = r.organisation_id
  JOIN organisations o ON o.id = b.organisation_id
  JOIN users booker ON booker.id = b.booked_by_id
  LEFT JOIN users trainer ON trainer.id = b.trainer_id
  LEFT JOIN occupations oc ON oc.id = b.occupation_id`;

/**
 * The booking engine. Every request runs in one transaction that locks the item's row, checks every
 * rule (shared pure checks, then access, credential, quota and overlap in SQL) and inserts; the
 * exclusion constraint on `bookings.blocked` remains the last word on overlaps.
 */
@Injectable()
export class BookingsService {
  private readonly logger = new Logger(BookingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: BookingNotifications,
  ) {}

  async create(user: AuthUser, dto: CreateBookingDto, now = Date.now()): Promise<BookingView> {
    const period = { start: dto.start.getTime(), end: dto.end.getTime() };
    if (period.end <= period.start) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'end', constraint: 'closureOrder', args: [] }] });
    }
    const id = await this.withConflictMapping(dto, user, period, () =>
      this.dataSource.transaction(async (manager) => {
        const context = await this.loadContext(manager, user, dto);
        await this.assertBookable(manager, user, context, dto, period, now);
        const bookingId = await this.insert(manager, user, context, dto, period);
        // The emails are written in this transaction: they exist exactly when the booking does.
        await this.notifications.created(manager, bookingId);
        return bookingId;
      }),
    );
    return this.get(user, id);
  }

  /**
   * Books every date of a weekly pattern, expanded in the site's zone. `all_or_nothing` books all
   * or none; `skip_conflicts` books what it can and reports, date by date, what it skipped and why.
   */
  async createSeries(user: AuthUser, dto: CreateSeriesDto, now = Date.now()): Promise<SeriesResult> {
    if (dto.startsOn > dto.endsOn || dto.startTime >= dto.endTime) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: dto.startsOn > dto.endsOn ? 'endsOn' : 'endTime', constraint: 'closureOrder', args: [] }] });
    }
    const locale: Locale = user.locale;
    return this.dataSource.transaction(async (manager) => {
      const context = await this.loadContext(manager, user, dto);
      const occurrences = expandSeries(dto, context.zone);
      if (occurrences.length === 0 || occurrences.length > 200) {
        throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'endsOn', constraint: occurrences.length ? 'arrayMaxSize' : 'arrayMinSize', args: [occurrences.length ? 200 : 1] }] });
      }
      const [{ id: seriesId }] = await manager.query(
        `INSERT INTO booking_series (resource_id, organisation_id, booked_by_id, weekdays, interval_weeks, start_time, end_time, starts_on, ends_on, mode)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [dto.resourceId, dto.organisationId, user.id, dto.weekdays, dto.intervalWeeks, dto.startTime, dto.endTime, dto.startsOn, dto.endsOn, dto.mode],
      );
      const report: SeriesOccurrenceReport[] = [];
      for (const occurrence of occurrences) {
        const period = { start: occurrence.start, end: occurrence.end };
        const entry: SeriesOccurrenceReport = { date: occurrence.date, start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString(), outcome: 'booked' };
        try {
          await this.assertBookable(manager, user, context, dto, period, now);
          if (dto.mode === 'skip_conflicts' || !report.some((r) => r.outcome === 'skipped')) {
            entry.bookingId = await this.insert(manager, user, context, dto, period, seriesId);
          }
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const params = typeof error.params === 'function' ? error.params(locale) : error.params;
          Object.assign(entry, { outcome: 'skipped', code: error.code, message: errorMessage(error.code, locale, params) });
        }
        report.push(entry);
      }
      const skipped = report.filter((r) => r.outcome === 'skipped');
      if (dto.mode === 'all_or_nothing' && skipped.length > 0) {
        throw new DomainError(ErrorCode.SeriesConflicts, {
          details: { occurrences: report.map(({ bookingId: _id, ...r }) => (r.outcome === 'booked' ? { ...r, outcome: 'bookable' } : r)) },
          params: { count: skipped.length },
        });
      }
      await manager.query('UPDATE booking_series SET report = $2 WHERE id = $1', [seriesId, JSON.stringify(report)]);
      const firstBooked = report.find((r) => r.bookingId)?.bookingId;
      if (firstBooked) await this.notifications.seriesCreated(manager, seriesId, firstBooked, report.length - skipped.length);
      await this.audit(manager, user, null, 'series_created', { booked: report.length - skipped.length, skipped: skipped.length }, seriesId);
      return { seriesId, booked: report.length - skipped.length, skipped: skipped.length, occurrences: report };
    });
  }

  async get(user: AuthUser, id: string): Promise<BookingView> {
    const [row] = await this.dataSource.query(`SELECT ${VIEW_COLUMNS}, r.organisation_id AS owner_id ${VIEW_JOINS} WHERE b.id = $1`, [id]);
    if (!row || !this.canSee(user, row.organisation.id, row.owner_id)) throw new DomainError(ErrorCode.NotFound);
    const { owner_id: _owner, ...view } = row;
    return view;
  }

  canSee(user: AuthUser, bookingOrganisationId: string, ownerId: string): boolean {
    return user.isCoordinator || Boolean(roleIn(user, bookingOrganisationId)) || Boolean(roleIn(user, ownerId));
  }

  /** Reads the item, its rules and closures under `FOR UPDATE`, so requests for one item run one at a time. */
  async loadContext(manager: EntityManager, user: AuthUser, dto: Pick<BookingRequestDto, 'resourceId' | 'organisationId'>): Promise<BookingContext> {
    if (!user.isCoordinator && !roleIn(user, dto.organisationId)) throw new DomainError(ErrorCode.NotFound, { details: { field: 'organisationId' } });
    const [row] = await manager.query(
      `SELECT r.id AS "resourceId", r.organisation_id AS "ownerId", r.status, r.capacity, s.time_zone AS zone,
              ${RULES_JSON} AS rules, ${CLOSURES_JSON} AS closures,
              CASE WHEN cr.id IS NULL THEN NULL ELSE json_build_object('id', cr.id, 'name', coalesce(cr.name_fr, cr.name_nl, cr.name_en)) END AS credential,
              EXISTS (SELECT 1 FROM resource_clusters rc JOIN cluster_members cm ON cm.cluster_id = rc.cluster_id
                       WHERE rc.resource_id = r.id AND cm.organisation_id = $2) AS "sharesCluster"
         FROM resources r JOIN sites s ON s.id = r.site_id LEFT JOIN credentials cr ON cr.id = r.required_credential_id
        WHERE r.id = $1
          FOR UPDATE OF r`,
      [dto.resourceId, dto.organisationId],
    );
    if (!row) throw new DomainError(ErrorCode.NotFound, { details: { field: 'resourceId' } });
    return row;
  }

  /** Throws the first broken rule: access, the item's own rules, credential, quota, then overlap. */
  async assertBookable(
    manager: EntityManager,
    user: AuthUser,
    context: BookingContext,
    request: BookingRequestDto,
    period: Span,
    now: number,
    excludeBookingId: string | null = null,
  ): Promise<void> {
    const isOwner = request.organisationId === context.ownerId;
    const policy = context.rules.accessPolicy;
    if (!isOwner && !user.isCoordinator && ((policy === 'clusters' && !context.sharesCluster) || (policy === 'listed' && !context.rules.allowedOrganisationIds.includes(request.organisationId)))) {
      throw new DomainError(ErrorCode.BookingNotAllowed);
    }
    const participants = Object.values(request.participants ?? {}).reduce((sum: number, n) => sum + (Number(n) || 0), 0);
    const violation = checkBookingRules({
      now, period, zone: context.zone, rules: context.rules, status: context.status, capacity: context.capacity, participants, closures: context.closures,
    });
    if (violation) throw violationError(violation);

    if (request.trainerId) {
      const [trainer] = await manager.query('SELECT 1 FROM memberships WHERE user_id = $1 AND organisation_id = $2', [request.trainerId, request.organisationId]);
      if (!trainer) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'trainerId' } });
    }
    if (context.credential) await this.assertCredential(manager, context, [user.id, request.trainerId].filter((id): id is string => Boolean(id)), period);
    await this.assertQuota(manager, context, request.organisationId, period, excludeBookingId);

    const blocked = this.blocked(context, period);
    const [conflict] = await manager.query(
      `SELECT lower(period) AS start, upper(period) AS "end" FROM bookings
        WHERE resource_id = $1 AND status IN ${HOLDING} AND blocked && tstzrange($2, $3) AND id IS DISTINCT FROM $4
        ORDER BY lower(period) LIMIT 1`,
      [context.resourceId, new Date(blocked.start), new Date(blocked.end), excludeBookingId],
    );
    if (conflict) throw slotTakenError(conflict.start, conflict.end, context.zone);
  }

  blocked(context: BookingContext, period: Span): Span {
    return { start: period.start - context.rules.bufferBeforeMinutes * MINUTE, end: period.end + context.rules.bufferAfterMinutes * MINUTE };
  }

  /** Automatic approval, owner approval, or automatic for members of a cluster the item is offered in. */
  initialStatus(context: BookingContext, organisationId: string): 'pending' | 'confirmed' {
    if (organisationId === context.ownerId) return 'confirmed';
    const mode = context.rules.approvalMode;
    return mode === 'automatic' || (mode === 'cluster_automatic' && context.sharesCluster) ? 'confirmed' : 'pending';
  }

  /** Inserts a request already checked by assertBookable, for someone else (the waitlist). */
  insertFor(manager: EntityManager, user: AuthUser, context: BookingContext, dto: BookingRequestDto, period: Span): Promise<string> {
    return this.insert(manager, user, context, dto, period);
  }

  private async insert(manager: EntityManager, user: AuthUser, context: BookingContext, dto: BookingRequestDto, period: Span, seriesId: string | null = null): Promise<string> {
    const blocked = this.blocked(context, period);
    const status = this.initialStatus(context, dto.organisationId);
    const p = dto.participants;
    const [{ id }] = await manager.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, trainer_id, period, blocked, status, purpose, occupation_id,
                             expected_pupils, expected_apprentices, expected_job_seekers, expected_trainers, expected_employees, notes, series_id)
       VALUES ($1, $2, $3, $4, tstzrange($5, $6), tstzrange($7, $8), $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
      [context.resourceId, dto.organisationId, user.id, dto.trainerId ?? null, new Date(period.start), new Date(period.end),
        new Date(blocked.start), new Date(blocked.end), status, dto.purpose, dto.occupationId ?? null,
        p.pupils, p.apprentices, p.jobSeekers, p.trainers, p.employees, dto.notes ?? null, seriesId],
    );
    await this.audit(manager, user, id, 'created', { status, start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() }, seriesId);
    return id;
  }

  /** Appends to the audit log; the event's id is what notifications about it are keyed on. */
  async audit(manager: EntityManager, user: AuthUser | null, bookingId: string | null, action: string, details: object, seriesId: string | null = null): Promise<string> {
    const [{ id }] = await manager.query(
      'INSERT INTO booking_events (booking_id, series_id, actor_id, action, details) VALUES ($1, $2, $3, $4, $5) RETURNING id::text',
      [bookingId, seriesId, user?.id ?? null, action, JSON.stringify(details)],
    );
    return id;
  }

  private async assertCredential(manager: EntityManager, context: BookingContext, holders: string[], period: Span): Promise<void> {
    const until = DateTime.fromMillis(period.end - 1, { zone: context.zone }).toISODate()!;
    const [grant] = await manager.query(
      `SELECT 1 FROM credential_grants WHERE credential_id = $1 AND user_id = ANY($2::uuid[]) AND revoked_at IS NULL AND expires_on >= $3 LIMIT 1`,
      [context.credential!.id, holders, until],
    );
    if (!grant) {
      throw new DomainError(ErrorCode.CredentialRequired, {
        details: { credentialId: context.credential!.id, until },
        params: (locale) => ({ credential: context.credential!.name, until: DateTime.fromISO(until).setLocale(locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : 'en-GB').toFormat('d LLLL yyyy') }),
      });
    }
  }

  /** Minutes the organisation holds on the item in the local ISO week and month of the start, plus this request. */
  private async assertQuota(manager: EntityManager, context: BookingContext, organisationId: string, period: Span, excludeBookingId: string | null): Promise<void> {
    const { quotaWeekMinutes, quotaMonthMinutes } = context.rules;
    if (!quotaWeekMinutes && !quotaMonthMinutes) return;
    const start = DateTime.fromMillis(period.start, { zone: context.zone });
    const minutes = (period.end - period.start) / MINUTE;
    const windows: ['week' | 'month', number | null][] = [['week', quotaWeekMinutes], ['month', quotaMonthMinutes]];
    for (const [unit, limit] of windows) {
      if (!limit) continue;
      const [{ used }] = await manager.query(
        `SELECT coalesce(sum(extract(epoch FROM upper(period) - lower(period)) / 60), 0)::float8 AS used FROM bookings
          WHERE resource_id = $1 AND organisation_id = $2 AND status IN ('pending', 'confirmed', 'completed')
            AND lower(period) >= $3 AND lower(period) < $4 AND id IS DISTINCT FROM $5`,
        [context.resourceId, organisationId, start.startOf(unit).toJSDate(), start.endOf(unit).toJSDate(), excludeBookingId],
      );
      if (used + minutes > limit) throw quotaError(unit, used, limit);
    }
  }

  /**
   * Runs a booking write; the database's exclusion constraint (SQLSTATE 23P01) becomes SLOT_TAKEN with
   * the conflicting times, and refused requests are kept as unmet demand.
   */
  async withConflictMapping<T>(dto: BookingRequestDto, user: AuthUser, period: Span, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      let failure = error;
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
        const [conflict] = await this.dataSource.query(
          `SELECT lower(b.period) AS start, upper(b.period) AS "end", s.time_zone AS zone FROM bookings b
             JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
            WHERE b.resource_id = $1 AND b.status IN ${HOLDING} AND b.period && tstzrange($2, $3) ORDER BY lower(b.period) LIMIT 1`,
          [dto.resourceId, new Date(period.start - 86_400_000), new Date(period.end + 86_400_000)],
        );
        failure = conflict ? slotTakenError(conflict.start, conflict.end, conflict.zone) : new DomainError(ErrorCode.SlotTaken, { params: { start: '', end: '' } });
      }
      if (failure instanceof DomainError && failure.code === ErrorCode.SlotTaken) {
        await this.dataSource
          .query('INSERT INTO booking_refusals (resource_id, organisation_id, user_id, period, code) VALUES ($1, $2, $3, tstzrange($4, $5), $6)', [
            dto.resourceId, dto.organisationId, user.id, new Date(period.start), new Date(period.end), failure.code,
          ])
          .catch((cause: unknown) => this.logger.warn({ err: cause }, 'Could not record a refused request'));
      }
      throw failure;
    }
  }

  canManage(user: AuthUser, ownerId: string): boolean {
    return canManage(user, ownerId);
  }
}
