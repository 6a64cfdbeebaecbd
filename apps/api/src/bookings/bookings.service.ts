import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import {
  checkBookingRules, errorMessage, ErrorCode, expandSeries, MAX_HORIZON_DAYS, type BookingView, type ClassDetails as BookingClass, type Closure, type Locale, type ResourceRules,
  type SeriesOccurrenceReport, type SeriesResult, type Span,
} from '@equipole/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '../common/clock';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { SqlParams } from '../common/sql-params';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  BookingNotifications, LOCATION_SQL, RECIPIENT_JSON, type BookingFacts, type CreatedRecipients,
} from '../notifications/booking-notifications.service';
import { MailerService, outboxInsertSql, outboxRow } from '../notifications/mailer.service';
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

/** A new booking's context also holds what its answer and its emails name, read in the same statement. */
interface NewBookingContext extends BookingContext, CreatedRecipients {
  names: BookingView['resource']['names'];
  ownerName: string;
  location: string | null;
  organisationName: string;
  trainer: BookingView['trainer'];
  occupation: BookingView['occupation'];
}

/** What the database says about a request, in one statement: see checksSql. */
interface CheckRow {
  trainerOk: boolean;
  credentialOk: boolean;
  weekUsed: number | null;
  weekOk: boolean | null;
  monthUsed: number | null;
  monthOk: boolean | null;
  conflictStart: Date | null;
  conflictEnd: Date | null;
}

const OCCUPATION_JSON = `json_build_object('id', oc.id, 'code', oc.code, 'labels', json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en))`;

const CONTEXT_COLUMNS = `r.id AS "resourceId", r.organisation_id AS "ownerId", r.status, r.capacity, s.time_zone AS zone,
  ${RULES_JSON} AS rules, ${CLOSURES_JSON} AS closures,
  CASE WHEN cr.id IS NULL THEN NULL ELSE json_build_object('id', cr.id, 'name', coalesce(cr.name_fr, cr.name_nl, cr.name_en)) END AS credential,
  EXISTS (SELECT 1 FROM resource_clusters rc JOIN cluster_members cm ON cm.cluster_id = rc.cluster_id
           WHERE rc.resource_id = r.id AND cm.organisation_id = $2) AS "sharesCluster"`;

/** For a new booking ($3 its booker, $4 trainer, $5 occupation): the names its view and its emails show, and who is told. */
const NEW_BOOKING_COLUMNS = `${NAMES_JSON} AS names, (SELECT name FROM organisations WHERE id = r.organisation_id) AS "ownerName", ${LOCATION_SQL} AS location,
  (SELECT name FROM organisations WHERE id = $2) AS "organisationName",
  (SELECT json_build_object('id', t.id, 'name', t.name) FROM users t WHERE t.id = $4) AS trainer,
  (SELECT ${OCCUPATION_JSON} FROM occupations oc WHERE oc.id = $5) AS occupation,
  coalesce((SELECT json_agg(${RECIPIENT_JSON} ORDER BY u.email) FROM users u JOIN memberships m ON m.user_id = u.id
             WHERE m.organisation_id = r.organisation_id AND m.role = 'manager' AND u.active), '[]') AS managers,
  coalesce((SELECT json_agg(${RECIPIENT_JSON}) FROM users u WHERE u.id = $3 AND u.active), '[]') AS booker`;

const BOOKING_COLUMNS = `id, resource_id, organisation_id, booked_by_id, trainer_id, period, blocked, status, purpose, occupation_id,
  expected_pupils, expected_apprentices, expected_job_seekers, expected_trainers, expected_employees, notes, series_id, created_at,
  class_level, class_year, class_section, class_teacher, trainer_requested, class_module`;

/** A request passes when every check of checksSql does (a quota that does not apply is NULL). */
const CHECKS_PASS = `"trainerOk" AND "credentialOk" AND "weekOk" IS NOT FALSE AND "monthOk" IS NOT FALSE AND "conflictStart" IS NULL`;

/** The audit row of the booking a `booking` CTE inserted (none when it inserted nothing). */
function auditSql(params: SqlParams, user: Pick<AuthUser, 'id'> | null, action: string, details: object, seriesId: string | null): string {
  return `INSERT INTO booking_events (booking_id, series_id, actor_id, action, details)
    SELECT id, ${params.add(seriesId)}::uuid, ${params.add(user?.id ?? null)}::uuid, ${params.add(action)}::text, ${params.add(JSON.stringify(details))}::jsonb FROM booking`;
}

export const VIEW_COLUMNS = `b.id,
  json_build_object('id', r.id, 'names', ${NAMES_JSON}, 'timeZone', s.time_zone, 'organisationId', r.organisation_id, 'organisationName', owner.name) AS resource,
  json_build_object('id', o.id, 'name', o.name) AS organisation,
  json_build_object('id', booker.id, 'name', booker.name) AS "bookedBy",
  CASE WHEN trainer.id IS NULL THEN NULL ELSE json_build_object('id', trainer.id, 'name', trainer.name) END AS trainer,
  lower(b.period) AS start, upper(b.period) AS "end", b.status, b.purpose,
  CASE WHEN oc.id IS NULL THEN NULL ELSE ${OCCUPATION_JSON} END AS occupation,
  json_build_object('pupils', b.expected_pupils, 'apprentices', b.expected_apprentices, 'jobSeekers', b.expected_job_seekers,
                    'trainers', b.expected_trainers, 'employees', b.expected_employees) AS expected,
  CASE WHEN b.actual_start IS NULL THEN NULL ELSE json_build_object('pupils', b.actual_pupils, 'apprentices', b.actual_apprentices,
       'jobSeekers', b.actual_job_seekers, 'trainers', b.actual_trainers, 'employees', b.actual_employees) END AS actual,
  b.actual_start AS "actualStart", b.actual_end AS "actualEnd", b.notes, b.status_reason AS "statusReason", b.series_id AS "seriesId",
  b.created_at AS "createdAt", b.checked_in_at AS "checkedInAt", b.checked_out_at AS "checkedOutAt",
  CASE WHEN b.class_level IS NULL THEN NULL ELSE json_build_object('level', b.class_level, 'year', b.class_year, 'section', b.class_section,
       'teacher', b.class_teacher, 'trainerRequested', b.trainer_requested, 'module', b.class_module) END AS class`;

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
  /** Statement names by text (a handful: the checks vary only with the rules that apply). */
  private readonly statementNames = new Map<string, string>();
  private readonly prepare: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: BookingNotifications,
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    // PGlite serves every socket connection from one session: a statement name could outlive the
    // connection that prepared it, and a new connection preparing it again would fail.
    this.prepare = !config.database.embedded;
  }

  /**
   * Four round trips: BEGIN; the item locked and everything the request is checked against and named
   * with; one statement that checks what needs the database (quota, overlap, credential, trainer)
   * and, when all pass, writes the booking, its audit row and its emails; COMMIT. The answer is
   * built from what those statements returned.
   */
  async create(user: AuthUser, dto: CreateBookingDto, now = this.clock.nowMs()): Promise<BookingView> {
    const period = { start: dto.start.getTime(), end: dto.end.getTime() };
    if (period.end <= period.start) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'end', constraint: 'closureOrder', args: [] }] });
    }
    return this.withConflictMapping(dto, user, period, () =>
      this.dataSource.transaction(async (manager) => {
        const context = await this.loadNewBookingContext(manager, user, dto);
        this.assertRules(user, context, dto, period, now);
        const id = randomUUID();
        const status = this.initialStatus(context, dto.organisationId);
        const facts: BookingFacts = {
          id, status, start: new Date(period.start), end: new Date(period.end), zone: context.zone, reason: null, names: context.names,
          resourceId: context.resourceId, ownerId: context.ownerId, ownerName: context.ownerName, organisationId: dto.organisationId,
          organisationName: context.organisationName, bookedById: user.id, trainerId: dto.trainerId ?? null, location: context.location, sequence: 0,
        };
        // The emails are written in the booking's statement: they exist exactly when the booking does.
        const emails = this.notifications.createdEmails(facts, context).map((email) => outboxRow(email.to, email.template, email.options));
        const params = new SqlParams();
        const checks = this.checksSql(params, user, context, dto, period, null);
        const [row] = await this.prepared<CheckRow & { createdAt: Date | null }>(
          manager,
          `WITH checks AS (${checks}),
                booking AS (${this.insertSql(params, user, context, dto, period, { id, status }, `FROM checks WHERE ${CHECKS_PASS}`)}),
                audit AS (${auditSql(params, user, 'created', this.createdDetails(status, period), null)}),
                emails AS (${outboxInsertSql(params.add(JSON.stringify(emails)), 'booking')})
           SELECT checks.*, booking.created_at AS "createdAt" FROM checks LEFT JOIN booking ON true`,
          params.values,
        );
        this.throwFirstFailure(context, period, row);
        this.mailer.logQueued(emails);
        const p = dto.participants;
        return {
          id,
          resource: { id: context.resourceId, names: context.names, timeZone: context.zone, organisationId: context.ownerId, organisationName: context.ownerName },
          organisation: { id: dto.organisationId, name: context.organisationName },
          bookedBy: { id: user.id, name: user.name },
          trainer: context.trainer,
          start: facts.start.toISOString(),
          end: facts.end.toISOString(),
          status,
          purpose: dto.purpose,
          occupation: context.occupation,
          expected: { pupils: p.pupils, apprentices: p.apprentices, jobSeekers: p.jobSeekers, trainers: p.trainers, employees: p.employees },
          actual: null,
          actualStart: null,
          actualEnd: null,
          notes: dto.notes ?? null,
          statusReason: null,
          seriesId: null,
          class: dto.class ?? null,
          createdAt: row.createdAt!.toISOString(),
          checkedInAt: null,
          checkedOutAt: null,
        };
      }),
    );
  }

  /**
   * Books every date of a weekly pattern, expanded in the site's zone. `all_or_nothing` books all
   * or none; `skip_conflicts` books what it can and reports, date by date, what it skipped and why.
   */
  async createSeries(user: AuthUser, dto: CreateSeriesDto, now = this.clock.nowMs()): Promise<SeriesResult> {
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
      await this.notifications.seriesCreated(manager, seriesId, report);
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
    return this.lockItem(manager, user, dto, CONTEXT_COLUMNS);
  }

  /** loadContext, plus what a new booking's answer and emails name, in the same statement. */
  private loadNewBookingContext(manager: EntityManager, user: AuthUser, dto: CreateBookingDto): Promise<NewBookingContext> {
    return this.lockItem(manager, user, dto, `${CONTEXT_COLUMNS}, ${NEW_BOOKING_COLUMNS}`, [user.id, dto.trainerId ?? null, dto.occupationId ?? null]);
  }

  /**
   * The lock comes first, in a statement of its own: under READ COMMITTED each later statement of the
   * transaction sees every booking committed by whoever held the lock before (one statement's
   * snapshot is taken before it waits for the lock, so it could not).
   */
  private async lockItem<T>(
    manager: EntityManager,
    user: AuthUser,
    dto: Pick<BookingRequestDto, 'resourceId' | 'organisationId'>,
    columns: string,
    extra: unknown[] = [],
  ): Promise<T> {
    if (!user.isCoordinator && !roleIn(user, dto.organisationId)) throw new DomainError(ErrorCode.NotFound, { details: { field: 'organisationId' } });
    return this.lockRow<T>(manager, dto, columns, extra);
  }

  private async lockRow<T>(manager: EntityManager, dto: Pick<BookingRequestDto, 'resourceId' | 'organisationId'>, columns: string, extra: unknown[] = []): Promise<T> {
    const [row] = await this.prepared<T>(
      manager,
      `SELECT ${columns}
         FROM resources r JOIN sites s ON s.id = r.site_id LEFT JOIN credentials cr ON cr.id = r.required_credential_id
        WHERE r.id = $1
          FOR UPDATE OF r`,
      [dto.resourceId, dto.organisationId, ...extra],
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
    this.assertRules(user, context, request, period, now);
    const params = new SqlParams();
    const [row] = await this.prepared<CheckRow>(manager, this.checksSql(params, user, context, request, period, excludeBookingId), params.values);
    this.throwFirstFailure(context, period, row);
  }

  /**
   * The rules that need no database: access policy, then the item's own rules (libs/shared). Also
   * what a waitlist entry must pass: it waits for a slot that would be bookable if it were free.
   */
  assertRules(user: AuthUser, context: BookingContext, request: BookingRequestDto, period: Span, now: number): void {
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
  }

  /**
   * One SELECT (no FROM needed by the caller) with what the database decides about a request: the
   * trainer belongs to the booking organisation; the booker or the trainer holds the item's credential
   * until the last day of the booking; minutes the organisation holds on the item in the local ISO week
   * and month of the start, plus this request, within the quotas; and the first holding booking whose
   * blocked time (buffers included) overlaps. Checks that do not apply read nothing.
   */
  private checksSql(params: SqlParams, user: Pick<AuthUser, 'id'>, context: BookingContext, request: BookingRequestDto, period: Span, excludeBookingId: string | null): string {
    const resource = () => params.shared('resource', context.resourceId);
    const organisation = () => params.shared('organisation', request.organisationId);
    const exclude = () => `${params.shared('exclude', excludeBookingId)}::uuid`;
    const trainer = request.trainerId
      ? `EXISTS (SELECT 1 FROM memberships WHERE user_id = ${params.add(request.trainerId)} AND organisation_id = ${organisation()})`
      : 'true';
    const credential = context.credential
      ? `EXISTS (SELECT 1 FROM credential_grants WHERE credential_id = ${params.add(context.credential.id)}
                   AND user_id = ANY(${params.add([user.id, request.trainerId].filter((id): id is string => Boolean(id)))}::uuid[])
                   AND revoked_at IS NULL AND expires_on >= ${params.add(this.credentialUntil(context, period))}::date)`
      : 'true';
    const minutes = (period.end - period.start) / MINUTE;
    const start = DateTime.fromMillis(period.start, { zone: context.zone });
    const joins: string[] = [];
    const quota = (unit: 'week' | 'month', limit: number | null) => {
      if (!limit) return `NULL::float8 AS "${unit}Used", NULL::boolean AS "${unit}Ok"`;
      joins.push(`CROSS JOIN LATERAL (
           SELECT coalesce(sum(extract(epoch FROM upper(period) - lower(period)) / 60), 0)::float8 AS used FROM bookings
            WHERE resource_id = ${resource()} AND organisation_id = ${organisation()} AND status IN ('pending', 'confirmed', 'completed')
              AND lower(period) >= ${params.add(start.startOf(unit).toJSDate())} AND lower(period) < ${params.add(start.endOf(unit).toJSDate())}
              AND id IS DISTINCT FROM ${exclude()}) AS quota_${unit}`);
      return `quota_${unit}.used AS "${unit}Used", quota_${unit}.used + ${params.add(minutes)} <= ${params.add(limit)} AS "${unit}Ok"`;
    };
    const quotas = `${quota('week', context.rules.quotaWeekMinutes)}, ${quota('month', context.rules.quotaMonthMinutes)}`;
    const blocked = this.blocked(context, period);
    return `SELECT ${trainer} AS "trainerOk", ${credential} AS "credentialOk", ${quotas},
              conflict.start AS "conflictStart", conflict."end" AS "conflictEnd"
         FROM (SELECT) AS request ${joins.join(' ')}
         LEFT JOIN LATERAL (
           SELECT lower(period) AS start, upper(period) AS "end" FROM bookings
            WHERE resource_id = ${resource()} AND status IN ${HOLDING}
              AND blocked && tstzrange(${params.add(new Date(blocked.start))}, ${params.add(new Date(blocked.end))}) AND id IS DISTINCT FROM ${exclude()}
            ORDER BY lower(period) LIMIT 1) AS conflict ON true`;
  }

  /** The checks of checksSql as errors, in the order assertBookable promises. */
  private throwFirstFailure(context: BookingContext, period: Span, row: CheckRow): void {
    if (!row.trainerOk) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'trainerId' } });
    if (!row.credentialOk) {
      const credential = context.credential!;
      const until = this.credentialUntil(context, period);
      throw new DomainError(ErrorCode.CredentialRequired, {
        details: { credentialId: credential.id, until },
        params: (locale) => ({ credential: credential.name, until: DateTime.fromISO(until).setLocale(locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : 'en-GB').toFormat('d LLLL yyyy') }),
      });
    }
    if (row.weekOk === false) throw quotaError('week', row.weekUsed!, context.rules.quotaWeekMinutes!);
    if (row.monthOk === false) throw quotaError('month', row.monthUsed!, context.rules.quotaMonthMinutes!);
    if (row.conflictStart) throw slotTakenError(row.conflictStart, row.conflictEnd!, context.zone, period);
  }

  /** The last local day a credential must still be valid on: the day the booking ends. */
  private credentialUntil(context: BookingContext, period: Span): string {
    return DateTime.fromMillis(period.end - 1, { zone: context.zone }).toISODate()!;
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

  /**
   * A booking the item's owner placed (a published campaign allocation): confirmed at once, booked by
   * the requester, in the caller's transaction, under the item's lock. It must fit the item's opening
   * hours, closures, slot grid and durations and overlap no holding booking; the lead time and the
   * horizon do not apply (the owner allocates a whole school year), nor do the weekly quotas and the
   * credential (the campaign's caps and the owner's decision stand for them). The exclusion constraint
   * still has the last word. Throws the DomainError of the first broken rule.
   */
  async createPlaced(
    manager: EntityManager,
    placed: { actorId: string; bookedById: string; campaignId: string },
    dto: BookingRequestDto & { class: BookingClass },
    period: Span,
    now: number,
  ): Promise<string> {
    const context = await this.lockRow<BookingContext>(manager, dto, CONTEXT_COLUMNS);
    const placedContext: BookingContext = {
      ...context,
      credential: null,
      rules: { ...context.rules, leadTimeMinutes: 0, horizonDays: MAX_HORIZON_DAYS, quotaWeekMinutes: null, quotaMonthMinutes: null },
    };
    const participants = Object.values(dto.participants ?? {}).reduce((sum: number, n) => sum + (Number(n) || 0), 0);
    const violation = checkBookingRules({
      now, period, zone: context.zone, rules: placedContext.rules, status: context.status, capacity: context.capacity, participants, closures: context.closures,
    });
    if (violation) throw violationError(violation);
    const booker = { id: placed.bookedById };
    const params = new SqlParams();
    const [row] = await this.prepared<CheckRow>(manager, this.checksSql(params, booker, placedContext, dto, period, null), params.values);
    this.throwFirstFailure(placedContext, period, row);
    const id = randomUUID();
    const insert = new SqlParams();
    await this.prepared(
      manager,
      `WITH booking AS (${this.insertSql(insert, booker, placedContext, dto, period, { id, status: 'confirmed' })})
       ${auditSql(insert, { id: placed.actorId }, 'created', { ...this.createdDetails('confirmed', period), campaignId: placed.campaignId }, null)}`,
      insert.values,
    );
    await manager.query('UPDATE bookings SET campaign_id = $2 WHERE id = $1', [id, placed.campaignId]);
    return id;
  }

  /** Inserts a request already checked by assertBookable, for someone else (the waitlist). */
  insertFor(manager: EntityManager, user: AuthUser, context: BookingContext, dto: BookingRequestDto, period: Span): Promise<string> {
    return this.insert(manager, user, context, dto, period);
  }

  /** A request already checked by assertBookable: the booking and its audit row, in one statement. */
  private async insert(manager: EntityManager, user: AuthUser, context: BookingContext, dto: BookingRequestDto, period: Span, seriesId: string | null = null): Promise<string> {
    const id = randomUUID();
    const status = this.initialStatus(context, dto.organisationId);
    const params = new SqlParams();
    await this.prepared(
      manager,
      `WITH booking AS (${this.insertSql(params, user, context, dto, period, { id, status, seriesId })})
       ${auditSql(params, user, 'created', this.createdDetails(status, period), seriesId)}`,
      params.values,
    );
    return id;
  }

  /** `INSERT INTO bookings … SELECT … <from> RETURNING id, created_at`; `from` may hold the conditions of a checked insert. */
  private insertSql(params: SqlParams, user: Pick<AuthUser, 'id'>, context: BookingContext, dto: BookingRequestDto, period: Span, booking: { id: string; status: string; seriesId?: string | null }, from = ''): string {
    const blocked = this.blocked(context, period);
    const p = dto.participants;
    const c = dto.class;
    const values = [
      `${params.add(booking.id)}::uuid`, `${params.add(context.resourceId)}::uuid`, `${params.add(dto.organisationId)}::uuid`, `${params.add(user.id)}::uuid`,
      `${params.add(dto.trainerId ?? null)}::uuid`,
      `tstzrange(${params.add(new Date(period.start))}, ${params.add(new Date(period.end))})`,
      `tstzrange(${params.add(new Date(blocked.start))}, ${params.add(new Date(blocked.end))})`,
      `${params.add(booking.status)}::text`, `${params.add(dto.purpose)}::text`, `${params.add(dto.occupationId ?? null)}::uuid`,
      ...[p.pupils, p.apprentices, p.jobSeekers, p.trainers, p.employees].map((n) => `${params.add(n)}::int`),
      `${params.add(dto.notes ?? null)}::text`, `${params.add(booking.seriesId ?? null)}::uuid`,
      // Business time: the reminder job compares it with the start ("made less than a day ahead").
      `${params.add(this.clock.now())}::timestamptz`,
      ...[c?.level ?? null, c?.year ?? null, c?.section ?? null, c?.teacher ?? null].map((v, i) => `${params.add(v)}::${i === 1 ? 'smallint' : 'text'}`),
      `${params.add(c?.trainerRequested ?? false)}::boolean`, `${params.add(c?.module ?? null)}::text`,
    ];
    return `INSERT INTO bookings (${BOOKING_COLUMNS}) SELECT ${values.join(', ')} ${from} RETURNING id, created_at`;
  }

  private createdDetails(status: string, period: Span): object {
    return { status, start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() };
  }

  /** Appends to the audit log; the event's id is what notifications about it are keyed on. */
  async audit(manager: EntityManager, user: AuthUser | null, bookingId: string | null, action: string, details: object, seriesId: string | null = null): Promise<string> {
    const [{ id }] = await manager.query(
      'INSERT INTO booking_events (booking_id, series_id, actor_id, action, details) VALUES ($1, $2, $3, $4, $5) RETURNING id::text',
      [bookingId, seriesId, user?.id ?? null, action, JSON.stringify(details)],
    );
    return id;
  }

  /**
   * Runs one of the engine's statements as a named prepared statement of the transaction's connection:
   * PostgreSQL parses and plans it once per connection instead of on every request. Errors are the
   * QueryFailedError that manager.query throws, so they map to answers the same way.
   */
  private async prepared<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
    if (!this.prepare || !manager.queryRunner) return manager.query(text, values);
    let name = this.statementNames.get(text);
    if (!name) this.statementNames.set(text, (name = `bookings_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
    const client = await (manager.queryRunner as PostgresQueryRunner).connect();
    try {
      return (await client.query({ name, text, values })).rows;
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
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
        failure = conflict ? slotTakenError(conflict.start, conflict.end, conflict.zone) : new DomainError(ErrorCode.SlotTaken, { params: { start: '', end: '', buffer: '' } });
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
