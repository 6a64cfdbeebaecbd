import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AvailabilityView, BookingEvent, BookingPurpose, BookingSort, BookingStatus, BookingView, ClassDetails, Closure, OpeningInterval, ResourceRules, Span } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-params';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { bookingRulesJson, closuresJson, namesJson, occupationJson, siteLocation } from '../database/sql/fragments/resource-json';
import { HOLDING_STATUSES } from '../database/sql/fragments/booking-status';
import { distanceKm } from '../database/sql/fragments/distance';
import { recipientJson } from '../database/sql/fragments/recipient-json';
import type { CreatedRecipients } from '../notifications/booking-notifications.repository';
import { outboxInsertSql } from '../notifications/outbox.repository';

/** Everything a booking request is checked against, read under a lock on the item's row. */
export interface BookingContext {
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

/** A new booking's context also holds what its emails name, read in the same statement. */
export interface NewBookingContext extends BookingContext, CreatedRecipients {
  names: BookingView['resource']['names'];
  ownerName: string;
  location: string | null;
  organisationName: string;
}

/** What the database says about a request, in one statement: see checksSql. */
export interface CheckRow {
  trainerOk: boolean;
  credentialOk: boolean;
  weekUsed: number | null;
  weekOk: boolean | null;
  monthUsed: number | null;
  monthOk: boolean | null;
  conflictStart: Date | null;
  conflictEnd: Date | null;
}

/** The database checks of one request, their values already computed by the engine (see BookingsService.requestCheck). */
export interface RequestCheck {
  resourceId: string;
  organisationId: string;
  trainerId: string | null;
  /** The item's credential, who may hold it and the last day it must be valid on; null when none is required. */
  credential: { id: string; holderIds: string[]; until: string } | null;
  /** Minutes the request lasts, counted against the quotas. */
  minutes: number;
  /** The local ISO week and month of the start, with the limits; a null limit means no quota. */
  week: { from: Date; to: Date; limit: number | null };
  month: { from: Date; to: Date; limit: number | null };
  /** The request's period widened by the item's buffers. */
  blocked: Span;
  /** The booking being moved, which never conflicts with itself. */
  excludeBookingId: string | null;
}

/** A booking row as the engine inserts it. */
export interface BookingInsert {
  id: string;
  resourceId: string;
  organisationId: string;
  bookedById: string;
  trainerId: string | null;
  period: Span;
  blocked: Span;
  status: 'pending' | 'confirmed';
  purpose: string;
  occupationId: string | null;
  participants: { pupils: number; apprentices: number; jobSeekers: number; trainers: number; employees: number };
  notes: string | null;
  seriesId: string | null;
  /** Business time: the reminder job compares it with the start ("made less than a day ahead"). */
  createdAt: Date;
  class: ClassDetails | null | undefined;
}

/** The audit row written with an insert. */
export interface InsertAudit {
  actorId: string | null;
  details: object;
  seriesId: string | null;
}

/** A booking locked for a change of status, time or attendance. */
export interface LockedBooking {
  id: string;
  resourceId: string;
  organisationId: string;
  ownerId: string;
  bookedById: string;
  trainerId: string | null;
  status: BookingStatus;
  start: Date;
  end: Date;
  cancelCutoffHours: number;
  seriesId: string | null;
}

/** The request a booking was made with, as a reschedule checks it again. */
export interface BookedRequest {
  resourceId: string;
  organisationId: string;
  purpose: string;
  occupationId: string | null;
  trainerId: string | null;
  participants: BookingInsert['participants'];
}

/** Which bookings a list shows: every condition given narrows it. */
/** The SQL of each order a list may ask for (never the caller's text). */
const LIST_ORDER_KEYS: Record<string, string> = {
  start: 'lower(b.period)',
  equipment: `f_unaccent(lower(coalesce(r.name_fr, r.name_nl, r.name_en)))`,
  organisation: 'f_unaccent(lower(o.name))',
  status: 'b.status::text',
};

function listOrder(sort: BookingSort): string {
  const descending = sort.startsWith('-');
  const key = LIST_ORDER_KEYS[descending ? sort.slice(1) : sort];
  const direction = descending ? 'DESC' : 'ASC';
  return key === LIST_ORDER_KEYS.start ? `${key} ${direction}, b.id` : `${key} ${direction}, lower(b.period) ${direction}, b.id`;
}

export interface BookingListFilter {
  ownerIds?: string[];
  organisationIds?: string[];
  pendingOnly?: boolean;
  resourceId?: string;
  organisationId?: string;
  status?: string;
  /** Words that must each appear in the item's names, the organisations' names or the notes (lower-case, unaccented). */
  words: string[];
  from?: Date;
  to?: Date;
  sort: BookingSort;
  limit: number;
  offset: number;
}

export interface CalendarRow {
  id: string;
  start: Date;
  end: Date;
  status: BookingStatus;
  organisation_id: string;
  owner_id: string;
  organisation_name: string;
  purpose: BookingPurpose;
}

export interface AvailabilityRow {
  zone: string;
  rules: ResourceRules;
  closures: Closure[];
  busy: AvailabilityView['busy'];
}

/** One audit row of a booking: the shared `BookingEvent`, its time a `Date` that goes out as an ISO string. */
export type BookingEventRow = Omit<BookingEvent, 'createdAt'> & { createdAt: Date };

const PARTICIPANTS = ['pupils', 'apprentices', 'jobSeekers', 'trainers', 'employees'] as const;

const BOOKING_COLUMNS = `id, resource_id, organisation_id, booked_by_id, trainer_id, period, blocked, status, purpose, occupation_id,
  expected_pupils, expected_apprentices, expected_job_seekers, expected_trainers, expected_employees, notes, series_id, created_at,
  class_level, class_year, class_section, class_teacher, trainer_requested, class_module`;

/** A request passes when every check of checksSql does (a quota that does not apply is NULL). */
const CHECKS_PASS = `"trainerOk" AND "credentialOk" AND "weekOk" IS NOT FALSE AND "monthOk" IS NOT FALSE AND "conflictStart" IS NULL`;

/** What a booking request is checked against, for the resources row `r`, its site `s` and credential `cr`; $2 is the booking organisation. */
const CONTEXT_COLUMNS = `r.id AS "resourceId", r.organisation_id AS "ownerId", r.status, r.capacity, s.time_zone AS zone,
  ${bookingRulesJson('r')} AS rules, ${closuresJson('r')} AS closures,
  CASE WHEN cr.id IS NULL THEN NULL ELSE json_build_object('id', cr.id, 'name', coalesce(cr.name_fr, cr.name_nl, cr.name_en)) END AS credential,
  EXISTS (SELECT 1 FROM resource_clusters rc JOIN cluster_members cm ON cm.cluster_id = rc.cluster_id
           WHERE rc.resource_id = r.id AND cm.organisation_id = $2) AS "sharesCluster"`;

/** For a new booking ($3 its booker): the names its emails show, and who is told. */
const NEW_BOOKING_COLUMNS = `${namesJson('r')} AS names, (SELECT name FROM organisations WHERE id = r.organisation_id) AS "ownerName", ${siteLocation('s')} AS location,
  (SELECT name FROM organisations WHERE id = $2) AS "organisationName",
  coalesce((SELECT json_agg(${recipientJson('u')} ORDER BY u.email) FROM users u JOIN memberships m ON m.user_id = u.id
             WHERE m.organisation_id = r.organisation_id AND m.role = 'manager' AND u.active), '[]') AS managers,
  coalesce((SELECT json_agg(${recipientJson('u')}) FROM users u WHERE u.id = $3 AND u.active), '[]') AS booker`;

/** The answers of the booking `alias` to its item's questions, in the questions' order (BookingAnswerView[]). */
export function answersJson(alias: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('questionId', q.id, 'kind', q.kind,
            'labels', json_build_object('fr', q.label_fr, 'nl', q.label_nl, 'en', q.label_en), 'value', a.value) ORDER BY q.position), '[]')
     FROM booking_answers a JOIN resource_questions q ON q.id = a.question_id WHERE a.booking_id = ${alias}.id)`;
}

/**
 * The one definition of a BookingView: its columns over `source` (the bookings table, or a CTE that
 * returns bookings rows), aliased `b`, with the rows it names. `extra` adds columns after the view's.
 */
export function bookingViewSql(source: string, extra = ''): string {
  return `SELECT b.id,
  json_build_object('id', r.id, 'names', ${namesJson('r')}, 'timeZone', s.time_zone, 'organisationId', r.organisation_id, 'organisationName', owner.name) AS resource,
  json_build_object('id', o.id, 'name', o.name) AS organisation,
  json_build_object('id', booker.id, 'name', booker.name) AS "bookedBy",
  CASE WHEN trainer.id IS NULL THEN NULL ELSE json_build_object('id', trainer.id, 'name', trainer.name) END AS trainer,
  lower(b.period) AS start, upper(b.period) AS "end", b.status, b.purpose,
  CASE WHEN oc.id IS NULL THEN NULL ELSE ${occupationJson('oc')} END AS occupation,
  json_build_object('pupils', b.expected_pupils, 'apprentices', b.expected_apprentices, 'jobSeekers', b.expected_job_seekers,
                    'trainers', b.expected_trainers, 'employees', b.expected_employees) AS expected,
  CASE WHEN b.actual_start IS NULL THEN NULL ELSE json_build_object('pupils', b.actual_pupils, 'apprentices', b.actual_apprentices,
       'jobSeekers', b.actual_job_seekers, 'trainers', b.actual_trainers, 'employees', b.actual_employees) END AS actual,
  b.actual_start AS "actualStart", b.actual_end AS "actualEnd", b.notes, b.status_reason AS "statusReason", b.series_id AS "seriesId",
  b.created_at AS "createdAt", b.checked_in_at AS "checkedInAt", b.checked_out_at AS "checkedOutAt",
  CASE WHEN b.class_level IS NULL THEN NULL ELSE json_build_object('level', b.class_level, 'year', b.class_year, 'section', b.class_section,
       'teacher', b.class_teacher, 'trainerRequested', b.trainer_requested, 'module', b.class_module) END AS class,
  ${answersJson('b')} AS answers, b.participant_names AS "participantNames"${extra ? `, ${extra}` : ''}
  FROM ${source} b
  JOIN resources r ON r.id = b.resource_id
  JOIN sites s ON s.id = r.site_id
  JOIN organisations owner ON owner.id = r.organisation_id
  JOIN organisations o ON o.id = b.organisation_id
  JOIN users booker ON booker.id = b.booked_by_id
  LEFT JOIN users trainer ON trainer.id = b.trainer_id
  LEFT JOIN occupations oc ON oc.id = b.occupation_id`;
}

/** The columns of BookingView, in the order bookingViewSql selects them: what a row holds besides them is split off by viewOf. */
const VIEW_KEYS = [
  'id', 'resource', 'organisation', 'bookedBy', 'trainer', 'start', 'end', 'status', 'purpose', 'occupation', 'expected', 'actual',
  'actualStart', 'actualEnd', 'notes', 'statusReason', 'seriesId', 'createdAt', 'checkedInAt', 'checkedOutAt', 'class', 'answers', 'participantNames',
] as const;

function viewOf(row: Record<string, unknown>): BookingView {
  return Object.fromEntries(VIEW_KEYS.map((key) => [key, row[key]])) as unknown as BookingView;
}

/** A booking whose alternatives are searched, with its organisation's coordinates. */
export interface AlternativesSource {
  id: string;
  resourceId: string;
  organisationId: string;
  occupationId: string | null;
  start: Date;
  end: Date;
  kind: string;
  latitude: number | null;
  longitude: number | null;
}

/** What the free periods of an item are computed from. */
export interface ItemSlotRules {
  openingHours: OpeningInterval[];
  closures: Closure[];
  zone: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  slotMinutes: number;
}

export type EquivalentItem = ItemSlotRules & { id: string; names: Record<string, string | null>; organisationName: string; siteName: string; distanceKm: number | null };

const ITEM_SLOT_COLUMNS = `r.opening_hours AS "openingHours", ${closuresJson('r')} AS closures, s.time_zone AS zone,
  r.buffer_before_minutes AS "bufferBeforeMinutes", r.buffer_after_minutes AS "bufferAfterMinutes", r.slot_minutes AS "slotMinutes"`;

/** `UPDATE bookings SET status = 'cancelled' …` of one booking, as every cancellation writes it. */
const CANCEL_SQL = `UPDATE bookings SET status = 'cancelled', status_reason = $2, cancelled_by_id = $3, cancelled_at = now(), updated_at = now() WHERE id = $1`;

/**
 * The bookings' statements: the engine's (item lock, checks, inserts), the changes of a booking's life,
 * and the reads its views and calendars make. Every method takes the caller's EntityManager (the
 * transaction's, or the DataSource's for a single statement).
 */
@Injectable()
export class BookingsRepository {
  /** Statement names by text (a handful: the checks vary only with the rules that apply). */
  private readonly statementNames = new Map<string, string>();
  private readonly prepare: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // PGlite serves every socket connection from one session: a statement name could outlive the
    // connection that prepared it, and a new connection preparing it again would fail.
    this.prepare = !config.database.embedded;
  }

  /**
   * Locks the item's row and reads what a request is checked against. The lock comes first, in a
   * statement of its own: under READ COMMITTED each later statement of the transaction sees every
   * booking committed by whoever held the lock before (one statement's snapshot is taken before it
   * waits for the lock, so it could not).
   */
  lockContext(manager: EntityManager, resourceId: string, organisationId: string): Promise<BookingContext | undefined> {
    return this.lockItem<BookingContext>(manager, CONTEXT_COLUMNS, [resourceId, organisationId]);
  }

  /** lockContext, plus what a new booking's emails name, in the same statement. */
  lockNewBookingContext(manager: EntityManager, resourceId: string, organisationId: string, bookerId: string): Promise<NewBookingContext | undefined> {
    return this.lockItem<NewBookingContext>(manager, `${CONTEXT_COLUMNS}, ${NEW_BOOKING_COLUMNS}`, [resourceId, organisationId, bookerId]);
  }

  private async lockItem<T>(manager: EntityManager, columns: string, values: unknown[]): Promise<T | undefined> {
    const [row] = await this.run<T>(
      manager,
      `SELECT ${columns}
         FROM resources r JOIN sites s ON s.id = r.site_id LEFT JOIN credentials cr ON cr.id = r.required_credential_id
        WHERE r.id = $1
          FOR UPDATE OF r`,
      values,
    );
    return row;
  }

  /** The database's checks of a request (trainer, credential, quotas, overlap), in one statement. */
  async check(manager: EntityManager, check: RequestCheck): Promise<CheckRow> {
    const params = new SqlParams();
    const [row] = await this.run<CheckRow>(manager, this.checksSql(params, check), params.values);
    return row;
  }

  /**
   * The checks and, when all pass, the booking, its audit row and its emails, in one statement: the
   * emails exist exactly when the booking does. Answers the checks and the new booking's view (null
   * when a check failed).
   */
  async checkAndInsert(manager: EntityManager, check: RequestCheck, booking: BookingInsert, audit: InsertAudit, emails: unknown[]): Promise<{ checks: CheckRow; view: BookingView | null }> {
    const params = new SqlParams();
    const [row] = await this.run<CheckRow & Record<string, unknown>>(
      manager,
      `WITH checks AS (${this.checksSql(params, check)}),
            booking AS (${this.insertSql(params, booking, `FROM checks WHERE ${CHECKS_PASS}`)}),
            audit AS (${this.auditSql(params, audit, 'created')}),
            emails AS (${outboxInsertSql(params.add(JSON.stringify(emails)), 'booking')})
       SELECT checks.*, view.* FROM checks LEFT JOIN (${bookingViewSql('booking')}) AS view ON true`,
      params.values,
    );
    const { trainerOk, credentialOk, weekUsed, weekOk, monthUsed, monthOk, conflictStart, conflictEnd } = row;
    return { checks: { trainerOk, credentialOk, weekUsed, weekOk, monthUsed, monthOk, conflictStart, conflictEnd }, view: row.id ? viewOf(row) : null };
  }

  /** A booking already checked, and its audit row ('created'), in one statement. */
  async insert(manager: EntityManager, booking: BookingInsert, audit: InsertAudit): Promise<void> {
    const params = new SqlParams();
    await this.run(manager, `WITH booking AS (${this.insertSql(params, booking)}) ${this.auditSql(params, audit, 'created')}`, params.values);
  }

  async setCampaign(manager: EntityManager, bookingId: string, campaignId: string): Promise<void> {
    await manager.query('UPDATE bookings SET campaign_id = $2 WHERE id = $1', [bookingId, campaignId]);
  }

  async insertSeries(
    manager: EntityManager,
    series: { resourceId: string; organisationId: string; bookedById: string; weekdays: number[]; intervalWeeks: number; startTime: string; endTime: string; startsOn: string; endsOn: string; mode: string },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO booking_series (resource_id, organisation_id, booked_by_id, weekdays, interval_weeks, start_time, end_time, starts_on, ends_on, mode)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [series.resourceId, series.organisationId, series.bookedById, series.weekdays, series.intervalWeeks, series.startTime, series.endTime, series.startsOn, series.endsOn, series.mode],
    );
    return id;
  }

  async setSeriesReport(manager: EntityManager, seriesId: string, report: unknown): Promise<void> {
    await manager.query('UPDATE booking_series SET report = $2 WHERE id = $1', [seriesId, JSON.stringify(report)]);
  }

  /** Appends to the audit log; the event's id is what notifications about it are keyed on. */
  async audit(manager: EntityManager, actorId: string | null, bookingId: string | null, action: string, details: object, seriesId: string | null): Promise<string> {
    const [{ id }] = await manager.query(
      'INSERT INTO booking_events (booking_id, series_id, actor_id, action, details) VALUES ($1, $2, $3, $4, $5) RETURNING id::text',
      [bookingId, seriesId, actorId, action, JSON.stringify(details)],
    );
    return id;
  }

  /** The first holding booking of the item over a range, with the site's zone (what a 23P01 conflicted with). */
  async firstHolding(manager: EntityManager, resourceId: string, from: Date, to: Date): Promise<{ start: Date; end: Date; zone: string } | undefined> {
    const [row] = await manager.query(
      `SELECT lower(b.period) AS start, upper(b.period) AS "end", s.time_zone AS zone FROM bookings b
         JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
        WHERE b.resource_id = $1 AND b.status IN ${HOLDING_STATUSES} AND b.period && tstzrange($2, $3) ORDER BY lower(b.period) LIMIT 1`,
      [resourceId, from, to],
    );
    return row;
  }

  /** A request refused for a conflict, kept as unmet demand. */
  async recordRefusal(manager: EntityManager, refusal: { resourceId: string; organisationId: string; userId: string; period: Span; code: string }): Promise<void> {
    await manager.query('INSERT INTO booking_refusals (resource_id, organisation_id, user_id, period, code) VALUES ($1, $2, $3, tstzrange($4, $5), $6)', [
      refusal.resourceId, refusal.organisationId, refusal.userId, new Date(refusal.period.start), new Date(refusal.period.end), refusal.code,
    ]);
  }

  // --- Views -------------------------------------------------------------------------------------

  /** One booking's view, with the item's owner (for the caller's access check). */
  async findView(manager: EntityManager, id: string): Promise<{ view: BookingView; ownerId: string } | undefined> {
    const [row] = await manager.query(`${bookingViewSql('bookings', 'r.organisation_id AS "ownerId"')} WHERE b.id = $1`, [id]);
    return row ? { view: viewOf(row), ownerId: row.ownerId } : undefined;
  }

  /** A page of views, with how many bookings the filter holds and, for each, how many holding bookings overlap it. */
  async listViews(manager: EntityManager, filter: BookingListFilter): Promise<{ items: (BookingView & { overlapCount: number })[]; total: number }> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.ownerIds) where.push(`r.organisation_id = ANY(${params.add(filter.ownerIds)}::uuid[])`);
    if (filter.pendingOnly) where.push(`b.status = 'pending'`);
    if (filter.organisationIds) where.push(`b.organisation_id = ANY(${params.add(filter.organisationIds)}::uuid[])`);
    if (filter.resourceId) where.push(`b.resource_id = ${params.add(filter.resourceId)}`);
    if (filter.organisationId) where.push(`b.organisation_id = ${params.add(filter.organisationId)}`);
    if (filter.status) where.push(`b.status = ${params.add(filter.status)}`);
    for (const word of filter.words) {
      where.push(`f_unaccent(lower(concat_ws(' ', r.name_fr, r.name_nl, r.name_en, owner.name, o.name, b.notes))) LIKE ${params.add(`%${word}%`)}`);
    }
    if (filter.from) where.push(`upper(b.period) > ${params.add(filter.from)}`);
    if (filter.to) where.push(`lower(b.period) < ${params.add(filter.to)}`);
    const rows: (BookingView & { total: number; overlapCount: number })[] = await manager.query(
      `${bookingViewSql('bookings', `count(*) OVER ()::int AS total,
              (SELECT count(*)::int FROM bookings x WHERE x.resource_id = b.resource_id AND x.id <> b.id
                  AND x.status IN ${HOLDING_STATUSES} AND x.blocked && b.blocked) AS "overlapCount"`)}
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${listOrder(filter.sort)}
        LIMIT ${params.add(filter.limit)} OFFSET ${params.add(filter.offset)}`,
      params.values,
    );
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** The audit log of one booking, oldest first. */
  events(manager: EntityManager, bookingId: string): Promise<BookingEventRow[]> {
    return manager.query(
      `SELECT e.id::text, e.action, e.details, e.created_at AS "createdAt", u.name AS "actorName"
         FROM booking_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.booking_id = $1 ORDER BY e.id`,
      [bookingId],
    );
  }

  /** The item's bookings that hold or held time over a range (the calendar). */
  calendar(manager: EntityManager, resourceId: string, from: Date, to: Date): Promise<CalendarRow[]> {
    return manager.query(
      `SELECT b.id, lower(b.period) AS start, upper(b.period) AS "end", b.status, b.organisation_id, r.organisation_id AS owner_id,
              o.name AS organisation_name, b.purpose
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
        WHERE b.resource_id = $1 AND b.period && tstzrange($2, $3) AND b.status IN ('pending', 'confirmed', 'completed', 'no_show')
        ORDER BY lower(b.period)`,
      [resourceId, from, to],
    );
  }

  /** The item's zone, rules and closures, and the blocked time of its holding bookings over a range. */
  async availability(manager: EntityManager, resourceId: string, from: Date, to: Date): Promise<AvailabilityRow | undefined> {
    const [row] = await manager.query(
      `SELECT s.time_zone AS zone, ${bookingRulesJson('r')} AS rules, ${closuresJson('r')} AS closures,
              coalesce((SELECT json_agg(json_build_object('start', lower(b.blocked), 'end', upper(b.blocked), 'status', b.status) ORDER BY lower(b.blocked))
                          FROM bookings b WHERE b.resource_id = r.id AND b.status IN ${HOLDING_STATUSES} AND b.blocked && tstzrange($2, $3)), '[]') AS busy
         FROM resources r JOIN sites s ON s.id = r.site_id WHERE r.id = $1`,
      [resourceId, from, to],
    );
    return row;
  }

  // --- A booking's life --------------------------------------------------------------------------

  /** Locks a booking and its item for a change. */
  async lockBooking(manager: EntityManager, id: string): Promise<LockedBooking | undefined> {
    const [booking] = await manager.query(
      `SELECT b.id, b.resource_id AS "resourceId", b.organisation_id AS "organisationId", r.organisation_id AS "ownerId",
              b.booked_by_id AS "bookedById", b.trainer_id AS "trainerId", b.status,
              lower(b.period) AS start, upper(b.period) AS "end", r.cancel_cutoff_hours AS "cancelCutoffHours", b.series_id AS "seriesId"
         FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE b.id = $1 FOR UPDATE OF b, r`,
      [id],
    );
    return booking;
  }

  /** The request a booking was made with. */
  async bookedRequest(manager: EntityManager, id: string): Promise<BookedRequest | undefined> {
    const [row] = await manager.query(
      `SELECT resource_id AS "resourceId", organisation_id AS "organisationId", purpose, occupation_id AS "occupationId", trainer_id AS "trainerId",
              json_build_object('pupils', expected_pupils, 'apprentices', expected_apprentices, 'jobSeekers', expected_job_seekers,
                                'trainers', expected_trainers, 'employees', expected_employees) AS participants
         FROM bookings WHERE id = $1`,
      [id],
    );
    return row;
  }

  async decide(manager: EntityManager, id: string, status: 'confirmed' | 'declined', reason: string | null, deciderId: string): Promise<void> {
    await manager.query(
      `UPDATE bookings SET status = $2, status_reason = $3, decided_by_id = $4, decided_at = now(), updated_at = now() WHERE id = $1`,
      [id, status, reason, deciderId],
    );
  }

  async cancel(manager: EntityManager, id: string, reason: string | null, cancellerId: string): Promise<void> {
    await manager.query(CANCEL_SQL, [id, reason, cancellerId]);
  }

  /** Cancels the holding bookings of a series from a start on; answers each with the status it had. */
  async cancelSeriesFrom(manager: EntityManager, seriesId: string, from: Date, reason: string | null, cancellerId: string): Promise<{ id: string; previous: BookingStatus }[]> {
    const [rows] = await manager.query(
      `WITH target AS (SELECT id, status FROM bookings WHERE series_id = $1 AND lower(period) >= $2 AND status IN ${HOLDING_STATUSES} FOR UPDATE)
       UPDATE bookings b SET status = 'cancelled', status_reason = $3, cancelled_by_id = $4, cancelled_at = now(), updated_at = now()
         FROM target WHERE b.id = target.id RETURNING b.id, target.status AS previous`,
      [seriesId, from, reason, cancellerId],
    );
    return rows;
  }

  async move(manager: EntityManager, id: string, period: Span, blocked: Span, status: BookingStatus): Promise<void> {
    await manager.query(
      `UPDATE bookings SET period = tstzrange($2, $3), blocked = tstzrange($4, $5), status = $6, updated_at = now() WHERE id = $1`,
      [id, new Date(period.start), new Date(period.end), new Date(blocked.start), new Date(blocked.end), status],
    );
  }

  /** Records attendance and completes the booking; answers the status and attendance it replaced. */
  async recordAttendance(
    manager: EntityManager,
    id: string,
    attendance: { actualStart: Date; actualEnd: Date; participants: BookingInsert['participants'] },
    recorderId: string,
  ): Promise<{ status: BookingStatus; attendance: unknown }> {
    const p = attendance.participants;
    const [[previous]] = await manager.query(
      `UPDATE bookings b SET status = 'completed', actual_start = $2, actual_end = $3, actual_pupils = $4, actual_apprentices = $5,
              actual_job_seekers = $6, actual_trainers = $7, actual_employees = $8, attendance_recorded_by_id = $9,
              attendance_recorded_at = now(), updated_at = now()
         FROM (SELECT id, status, actual_start, actual_end, actual_pupils, actual_apprentices, actual_job_seekers, actual_trainers, actual_employees
                 FROM bookings WHERE id = $1) old
        WHERE b.id = old.id
        RETURNING old.status, CASE WHEN old.actual_start IS NULL THEN NULL ELSE json_build_object(
                    'actualStart', old.actual_start, 'actualEnd', old.actual_end,
                    'participants', json_build_object('pupils', old.actual_pupils, 'apprentices', old.actual_apprentices,
                      'jobSeekers', old.actual_job_seekers, 'trainers', old.actual_trainers, 'employees', old.actual_employees)) END AS attendance`,
      [id, attendance.actualStart, attendance.actualEnd, p.pupils, p.apprentices, p.jobSeekers, p.trainers, p.employees, recorderId],
    );
    return previous;
  }

  async markNoShow(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE bookings SET status = 'no_show', updated_at = now() WHERE id = $1`, [id]);
  }

  /** Confirmed bookings with no attendance `hours` after their end become no-shows; answers their ids. */
  async markOverdueNoShows(manager: EntityManager, now: Date, hours: number): Promise<string[]> {
    const [rows] = await manager.query(
      `UPDATE bookings SET status = 'no_show', updated_at = now()
        WHERE status = 'confirmed' AND actual_start IS NULL AND upper(period) <= $1::timestamptz - make_interval(hours => $2) RETURNING id`,
      [now, hours],
    );
    return (rows as { id: string }[]).map((row) => row.id);
  }

  /** Pending requests whose start has passed become expired; answers their ids. */
  async expirePending(manager: EntityManager, now: Date): Promise<string[]> {
    const [rows] = await manager.query(`UPDATE bookings SET status = 'expired', updated_at = now() WHERE status = 'pending' AND lower(period) <= $1 RETURNING id`, [now]);
    return (rows as { id: string }[]).map((row) => row.id);
  }

  // --- Disruptions -------------------------------------------------------------------------------

  /** Locks the items' rows (in id order, as every locker of several items does). */
  async lockItems(manager: EntityManager, resourceIds: string[]): Promise<void> {
    await manager.query('SELECT id FROM resources WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [resourceIds]);
  }

  /** Pending and confirmed bookings of the items not ended by `now`, with what decides whether a change strands them. */
  disruptionCandidates<T>(manager: EntityManager, resourceIds: string[], now: Date): Promise<T[]> {
    return manager.query(
      `SELECT b.id, b.resource_id AS "resourceId", ${namesJson('r')} AS "resourceNames", o.name AS "organisationName",
              to_json(lower(b.period)) #>> '{}' AS start, to_json(upper(b.period)) #>> '{}' AS "end", b.status,
              s.time_zone AS zone, r.opening_hours AS "openingHours", ${closuresJson('r')} AS closures
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id JOIN organisations o ON o.id = b.organisation_id
        WHERE b.resource_id = ANY($1::uuid[]) AND b.status IN ${HOLDING_STATUSES} AND upper(b.period) > $2
        ORDER BY lower(b.period), b.id`,
      [resourceIds, now],
    );
  }

  // --- Alternatives ------------------------------------------------------------------------------

  /** A cancelled booking as its alternatives are searched from. */
  async alternativesSource(manager: EntityManager, bookingId: string): Promise<AlternativesSource | undefined> {
    const [row] = await manager.query(
      `SELECT b.id, b.resource_id AS "resourceId", b.organisation_id AS "organisationId", b.occupation_id AS "occupationId",
              lower(b.period) AS start, upper(b.period) AS "end", r.kind, o.latitude, o.longitude
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id WHERE b.id = $1`,
      [bookingId],
    );
    return row;
  }

  /**
   * Active items like the source's (same kind, or sharing an occupation with the booking or its item)
   * that its organisation may book and that hold nothing over the period, nearest first (50 at most).
   */
  equivalentItems(manager: EntityManager, source: AlternativesSource, period: Span): Promise<EquivalentItem[]> {
    return manager.query(
      `SELECT r.id, ${namesJson('r')} AS names, o.name AS "organisationName", s.name AS "siteName", round(${distanceKm('s', '$5::float8', '$6::float8')}::numeric, 1)::float8 AS "distanceKm",
              ${ITEM_SLOT_COLUMNS}
         FROM resources r JOIN sites s ON s.id = r.site_id JOIN organisations o ON o.id = r.organisation_id
        WHERE r.id <> $1 AND r.status = 'active'
          AND (r.kind = $2 OR EXISTS (SELECT 1 FROM resource_occupations ro WHERE ro.resource_id = r.id
                 AND (ro.occupation_id = $3 OR ro.occupation_id IN (SELECT occupation_id FROM resource_occupations WHERE resource_id = $1))))
          AND (r.access_policy = 'all'
               OR EXISTS (SELECT 1 FROM resource_allowed_organisations a WHERE a.resource_id = r.id AND a.organisation_id = $4)
               OR (r.access_policy = 'clusters' AND EXISTS (SELECT 1 FROM resource_clusters rc JOIN cluster_members cm ON cm.cluster_id = rc.cluster_id
                                                             WHERE rc.resource_id = r.id AND cm.organisation_id = $4)))
          AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.resource_id = r.id AND x.status IN ${HOLDING_STATUSES}
                            AND x.blocked && tstzrange($7, $8))
        ORDER BY 5 ASC NULLS LAST, r.id LIMIT 50`,
      [source.resourceId, source.kind, source.occupationId, source.organisationId, source.latitude, source.longitude, new Date(period.start), new Date(period.end)],
    );
  }

  /** The item's rules and the blocked time of its other holding bookings over a range. */
  async itemSlots(manager: EntityManager, resourceId: string, exceptBookingId: string, from: Date, to: Date): Promise<(ItemSlotRules & { status: string; busy: { start: string; end: string }[] }) | undefined> {
    const [row] = await manager.query(
      `SELECT ${ITEM_SLOT_COLUMNS}, r.status,
              coalesce((SELECT json_agg(json_build_object('start', lower(x.blocked), 'end', upper(x.blocked)))
                          FROM bookings x WHERE x.resource_id = r.id AND x.id <> $2 AND x.status IN ${HOLDING_STATUSES} AND x.blocked && tstzrange($3, $4)), '[]') AS busy
         FROM resources r JOIN sites s ON s.id = r.site_id WHERE r.id = $1`,
      [resourceId, exceptBookingId, from, to],
    );
    return row;
  }

  // --- Statement builders ------------------------------------------------------------------------

  /**
   * One SELECT (no FROM needed by the caller) with what the database decides about a request: the
   * trainer belongs to the booking organisation; the booker or the trainer holds the item's credential
   * until the last day of the booking; minutes the organisation holds on the item in the local ISO week
   * and month of the start, plus this request, within the quotas; and the first holding booking whose
   * blocked time (buffers included) overlaps. Checks that do not apply read nothing.
   */
  private checksSql(params: SqlParams, check: RequestCheck): string {
    const resource = () => params.shared('resource', check.resourceId);
    const organisation = () => params.shared('organisation', check.organisationId);
    const exclude = () => `${params.shared('exclude', check.excludeBookingId)}::uuid`;
    const trainer = check.trainerId
      ? `EXISTS (SELECT 1 FROM memberships WHERE user_id = ${params.add(check.trainerId)} AND organisation_id = ${organisation()})`
      : 'true';
    const credential = check.credential
      ? `EXISTS (SELECT 1 FROM credential_grants WHERE credential_id = ${params.add(check.credential.id)}
                   AND user_id = ANY(${params.add(check.credential.holderIds)}::uuid[])
                   AND revoked_at IS NULL AND expires_on >= ${params.add(check.credential.until)}::date)`
      : 'true';
    const joins: string[] = [];
    const quota = (unit: 'week' | 'month') => {
      const { from, to, limit } = check[unit];
      if (!limit) return `NULL::float8 AS "${unit}Used", NULL::boolean AS "${unit}Ok"`;
      joins.push(`CROSS JOIN LATERAL (
           SELECT coalesce(sum(extract(epoch FROM upper(period) - lower(period)) / 60), 0)::float8 AS used FROM bookings
            WHERE resource_id = ${resource()} AND organisation_id = ${organisation()} AND status IN ('pending', 'confirmed', 'completed')
              AND lower(period) >= ${params.add(from)} AND lower(period) < ${params.add(to)}
              AND id IS DISTINCT FROM ${exclude()}) AS quota_${unit}`);
      return `quota_${unit}.used AS "${unit}Used", quota_${unit}.used + ${params.add(check.minutes)} <= ${params.add(limit)} AS "${unit}Ok"`;
    };
    const quotas = `${quota('week')}, ${quota('month')}`;
    return `SELECT ${trainer} AS "trainerOk", ${credential} AS "credentialOk", ${quotas},
              conflict.start AS "conflictStart", conflict."end" AS "conflictEnd"
         FROM (SELECT) AS request ${joins.join(' ')}
         LEFT JOIN LATERAL (
           SELECT lower(period) AS start, upper(period) AS "end" FROM bookings
            WHERE resource_id = ${resource()} AND status IN ${HOLDING_STATUSES}
              AND blocked && tstzrange(${params.add(new Date(check.blocked.start))}, ${params.add(new Date(check.blocked.end))}) AND id IS DISTINCT FROM ${exclude()}
            ORDER BY lower(period) LIMIT 1) AS conflict ON true`;
  }

  /** `INSERT INTO bookings … SELECT … <from> RETURNING *`; `from` may hold the conditions of a checked insert. */
  private insertSql(params: SqlParams, booking: BookingInsert, from = ''): string {
    const p = booking.participants;
    const c = booking.class;
    const values = [
      `${params.add(booking.id)}::uuid`, `${params.add(booking.resourceId)}::uuid`, `${params.add(booking.organisationId)}::uuid`, `${params.add(booking.bookedById)}::uuid`,
      `${params.add(booking.trainerId)}::uuid`,
      `tstzrange(${params.add(new Date(booking.period.start))}, ${params.add(new Date(booking.period.end))})`,
      `tstzrange(${params.add(new Date(booking.blocked.start))}, ${params.add(new Date(booking.blocked.end))})`,
      `${params.add(booking.status)}::text`, `${params.add(booking.purpose)}::text`, `${params.add(booking.occupationId)}::uuid`,
      ...PARTICIPANTS.map((key) => `${params.add(p[key])}::int`),
      `${params.add(booking.notes)}::text`, `${params.add(booking.seriesId)}::uuid`,
      `${params.add(booking.createdAt)}::timestamptz`,
      ...[c?.level ?? null, c?.year ?? null, c?.section ?? null, c?.teacher ?? null].map((v, i) => `${params.add(v)}::${i === 1 ? 'smallint' : 'text'}`),
      `${params.add(c?.trainerRequested ?? false)}::boolean`, `${params.add(c?.module ?? null)}::text`,
    ];
    return `INSERT INTO bookings (${BOOKING_COLUMNS}) SELECT ${values.join(', ')} ${from} RETURNING *`;
  }

  /** The audit row of the booking a `booking` CTE inserted (none when it inserted nothing). */
  private auditSql(params: SqlParams, audit: InsertAudit, action: string): string {
    return `INSERT INTO booking_events (booking_id, series_id, actor_id, action, details)
    SELECT id, ${params.add(audit.seriesId)}::uuid, ${params.add(audit.actorId)}::uuid, ${params.add(action)}::text, ${params.add(JSON.stringify(audit.details))}::jsonb FROM booking`;
  }

  /**
   * Runs one of the engine's statements as a named prepared statement of the connection: PostgreSQL
   * parses and plans it once per connection instead of on every request. pg prepares a query given
   * as `{ name, text }`, and TypeORM's query() hands its first argument to pg as it is, so errors are
   * the QueryFailedError of any query and map to answers the same way.
   */
  private run<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
    if (!this.prepare) return manager.query(text, values);
    let name = this.statementNames.get(text);
    if (!name) this.statementNames.set(text, (name = `bookings_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
    // A fresh object each time: pg copies the values into it.
    return manager.query({ name, text } as unknown as string, values);
  }
}
