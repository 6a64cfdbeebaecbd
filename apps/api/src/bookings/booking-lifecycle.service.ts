import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';

import {
  ErrorCode, freeSpans, openSpans, type AvailabilityView, type BookingPurpose, type BookingStatus, type BookingView, type Closure, type Page,
} from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { type AuthUser, canManage, organisationIds, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { CLOSURES_JSON, RULES_JSON } from '../resources/resource-queries';
import { searchWords } from '../resources/resource-search.service';
import { statusLabel } from './booking-messages';
import { BookingsService, VIEW_COLUMNS, VIEW_JOINS } from './bookings.service';
import { RangeQuery, RescheduleDto } from './dto/booking.dto';
import { AttendanceDto, ListBookingsQuery } from './dto/lifecycle.dto';
import { WaitlistService } from './waitlist.service';

interface LockedBooking {
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

const MAX_RANGE_DAYS = 62;

/**
 * What happens to a booking after it is made: decisions, cancellation, moves, attendance, and the views
 * on it. Expiry and no-show marking run as scheduled jobs (src/jobs) that call this service.
 */
@Injectable()
export class BookingLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
    private readonly waitlist: WaitlistService,
    private readonly notifications: BookingNotifications,
    private readonly clock: Clock,
  ) {}

  approve(user: AuthUser, id: string, reason?: string): Promise<BookingView> {
    return this.decide(user, id, 'confirmed', reason);
  }

  decline(user: AuthUser, id: string, reason: string): Promise<BookingView> {
    return this.decide(user, id, 'declined', reason);
  }

  private async decide(user: AuthUser, id: string, status: 'confirmed' | 'declined', reason?: string): Promise<BookingView> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      if (!canManage(user, booking.ownerId)) throw new DomainError(ErrorCode.Forbidden);
      this.assertStatus(booking, ['pending']);
      await manager.query(
        `UPDATE bookings SET status = $2, status_reason = $3, decided_by_id = $4, decided_at = now(), updated_at = now() WHERE id = $1`,
        [id, status, reason ?? null, user.id],
      );
      const eventId = await this.bookings.audit(manager, user, id, status === 'confirmed' ? 'approved' : 'declined', { reason: reason ?? null });
      await this.notifications.decided(manager, id, eventId);
      if (status === 'declined') await this.waitlist.offerFreedSlots(manager, booking.resourceId);
    });
    return this.bookings.get(user, id);
  }

  /** Bookers until the item's cut-off; the owner's managers (with a reason) and coordinators at any time. */
  async cancel(user: AuthUser, id: string, reason: string | undefined, now = this.clock.nowMs()): Promise<BookingView> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      this.assertStatus(booking, ['pending', 'confirmed']);
      this.assertMayChange(user, booking, reason, now);
      await manager.query(
        `UPDATE bookings SET status = 'cancelled', status_reason = $2, cancelled_by_id = $3, cancelled_at = now(), updated_at = now() WHERE id = $1`,
        [id, reason ?? null, user.id],
      );
      const eventId = await this.bookings.audit(manager, user, id, 'cancelled', { reason: reason ?? null });
      await this.notifications.cancelled(manager, id, eventId, user.id, booking.status);
      await this.waitlist.offerFreedSlots(manager, booking.resourceId, now);
    });
    return this.bookings.get(user, id);
  }

  /** Cancels every future date of a series from a booking on (that one included). */
  async cancelSeriesFrom(user: AuthUser, id: string, reason: string | undefined, now = this.clock.nowMs()): Promise<{ cancelled: number }> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      if (!booking.seriesId) throw new DomainError(ErrorCode.NotFound, { details: { field: 'seriesId' } });
      this.assertMayChange(user, booking, reason, now);
      const [rows] = await manager.query(
        `WITH target AS (SELECT id, status FROM bookings WHERE series_id = $1 AND lower(period) >= $2 AND status IN ('pending', 'confirmed') FOR UPDATE)
         UPDATE bookings b SET status = 'cancelled', status_reason = $3, cancelled_by_id = $4, cancelled_at = now(), updated_at = now()
           FROM target WHERE b.id = target.id RETURNING b.id, target.status AS previous`,
        [booking.seriesId, booking.start, reason ?? null, user.id],
      );
      for (const row of rows as { id: string; previous: BookingStatus }[]) {
        const eventId = await this.bookings.audit(manager, user, row.id, 'cancelled', { reason: reason ?? null, withSeries: true });
        // One email per date to the booker (each date is its own calendar event); the managers are spared a flood.
        await this.notifications.cancelled(manager, row.id, eventId, user.id, row.previous, { managers: false });
      }
      await this.waitlist.offerFreedSlots(manager, booking.resourceId, now);
      return { cancelled: (rows as unknown[]).length };
    });
  }

  /** Moves a booking: every rule is checked again for the new time, ignoring the booking itself. */
  async reschedule(user: AuthUser, id: string, dto: RescheduleDto, now = this.clock.nowMs()): Promise<BookingView> {
    const period = { start: dto.start.getTime(), end: dto.end.getTime() };
    if (period.end <= period.start) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'end', constraint: 'closureOrder', args: [] }] });
    const [current] = await this.dataSource.query(
      `SELECT resource_id AS "resourceId", organisation_id AS "organisationId", purpose, occupation_id AS "occupationId", trainer_id AS "trainerId",
              json_build_object('pupils', expected_pupils, 'apprentices', expected_apprentices, 'jobSeekers', expected_job_seekers,
                                'trainers', expected_trainers, 'employees', expected_employees) AS participants
         FROM bookings WHERE id = $1`,
      [id],
    );
    if (!current) throw new DomainError(ErrorCode.NotFound);
    await this.bookings.withConflictMapping(current, user, period, () =>
      this.dataSource.transaction(async (manager) => {
        const booking = await this.lock(manager, user, id);
        this.assertStatus(booking, ['pending', 'confirmed']);
        this.assertMayChange(user, booking, 'rescheduled', now);
        const context = await this.bookings.loadContext(manager, user.isCoordinator || roleIn(user, booking.organisationId) ? user : { ...user, isCoordinator: true }, current);
        await this.bookings.assertBookable(manager, user, context, { ...current, trainerId: current.trainerId ?? undefined }, period, now, id);
        const blocked = this.bookings.blocked(context, period);
        const byOwner = canManage(user, booking.ownerId) && !roleIn(user, booking.organisationId);
        const status = byOwner ? booking.status : this.bookings.initialStatus(context, booking.organisationId);
        await manager.query(
          `UPDATE bookings SET period = tstzrange($2, $3), blocked = tstzrange($4, $5), status = $6, updated_at = now() WHERE id = $1`,
          [id, new Date(period.start), new Date(period.end), new Date(blocked.start), new Date(blocked.end), status],
        );
        await this.waitlist.offerFreedSlots(manager, booking.resourceId, now);
        const eventId = await this.bookings.audit(manager, user, id, 'rescheduled', {
          from: { start: booking.start, end: booking.end }, to: { start: new Date(period.start), end: new Date(period.end) }, status,
        });
        await this.notifications.rescheduled(manager, id, eventId, user.id, { start: booking.start, end: booking.end, status: booking.status });
      }),
    );
    return this.bookings.get(user, id);
  }

  /**
   * Actual times and participants, once the session has started: see assertMayRecordAttendance for
   * who. Recording again overwrites, and the audit row keeps what was there before.
   */
  async recordAttendance(user: AuthUser, id: string, dto: AttendanceDto, now = this.clock.nowMs()): Promise<BookingView> {
    if (dto.actualEnd <= dto.actualStart) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'actualEnd', constraint: 'closureOrder', args: [] }] });
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      this.assertMayRecordAttendance(user, booking);
      this.assertStatus(booking, ['confirmed', 'completed', 'no_show']);
      if (booking.start.getTime() > now) throw new DomainError(ErrorCode.InvalidTransition, { params: (locale) => ({ status: statusLabel(booking.status, locale) }) });
      const p = dto.participants;
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
        [id, dto.actualStart, dto.actualEnd, p.pupils, p.apprentices, p.jobSeekers, p.trainers, p.employees, user.id],
      );
      await this.bookings.audit(manager, user, id, 'attendance_recorded', {
        actualStart: dto.actualStart, actualEnd: dto.actualEnd, participants: p, previous: { status: previous.status, attendance: previous.attendance },
      });
    });
    return this.bookings.get(user, id);
  }

  /** A confirmed booking nobody checked in for, half an hour after its start. Kept, never deleted. */
  async markNoShow(user: AuthUser, id: string, now = this.clock.nowMs()): Promise<BookingView> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      if (!canManage(user, booking.ownerId)) throw new DomainError(ErrorCode.Forbidden);
      this.assertStatus(booking, ['confirmed']);
      if (booking.start.getTime() + 30 * 60_000 > now) throw new DomainError(ErrorCode.InvalidTransition, { params: (locale) => ({ status: statusLabel(booking.status, locale) }) });
      await manager.query(`UPDATE bookings SET status = 'no_show', updated_at = now() WHERE id = $1`, [id]);
      await this.bookings.audit(manager, user, id, 'no_show', {});
    });
    return this.bookings.get(user, id);
  }

  /**
   * Confirmed bookings with no attendance recorded `hours` after their end become no-shows (the
   * automatic form of markNoShow; recording attendance later still turns them into completed).
   */
  async markOverdueNoShows(now: Date, hours: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE bookings SET status = 'no_show', updated_at = now()
          WHERE status = 'confirmed' AND actual_start IS NULL AND upper(period) <= $1::timestamptz - make_interval(hours => $2) RETURNING id`,
        [now, hours],
      );
      for (const row of rows as { id: string }[]) await this.bookings.audit(manager, null, row.id, 'no_show', { automatic: true, afterHours: hours });
      return (rows as unknown[]).length;
    });
  }

  /** Pending requests whose start has passed become expired (kept as unmet demand). */
  async expireStale(now = this.clock.now()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE bookings SET status = 'expired', updated_at = now() WHERE status = 'pending' AND lower(period) <= $1 RETURNING id`,
        [now],
      );
      for (const row of rows as { id: string }[]) await this.bookings.audit(manager, null, row.id, 'expired', {});
      return (rows as unknown[]).length;
    });
  }

  async list(user: AuthUser, query: ListBookingsQuery): Promise<Page<BookingView>> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (query.scope === 'all') {
      if (!user.isCoordinator) throw new DomainError(ErrorCode.CoordinatorOnly);
    } else if (query.scope === 'inbox') {
      where.push(`r.organisation_id = ANY(${param(user.isCoordinator ? [] : organisationIds(user, 'manager'))}::uuid[])`);
      if (!query.status) where.push(`b.status = 'pending'`);
    } else {
      where.push(`b.organisation_id = ANY(${param(organisationIds(user))}::uuid[])`);
    }
    if (query.resourceId) where.push(`b.resource_id = ${param(query.resourceId)}`);
    if (query.organisationId) where.push(`b.organisation_id = ${param(query.organisationId)}`);
    if (query.status) where.push(`b.status = ${param(query.status)}`);
    for (const word of searchWords(query.q ?? '')) {
      where.push(`f_unaccent(lower(concat_ws(' ', r.name_fr, r.name_nl, r.name_en, owner.name, o.name, b.notes))) LIKE ${param(`%${word}%`)}`);
    }
    if (query.from) where.push(`upper(b.period) > ${param(query.from)}`);
    if (query.to) where.push(`lower(b.period) < ${param(query.to)}`);
    const rows = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS}, count(*) OVER ()::int AS total,
              (SELECT count(*)::int FROM bookings x WHERE x.resource_id = b.resource_id AND x.id <> b.id
                  AND x.status IN ('pending', 'confirmed') AND x.blocked && b.blocked) AS "overlapCount"
         ${VIEW_JOINS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY lower(b.period) ${query.scope === 'inbox' ? 'ASC' : 'DESC'}
        LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
      params,
    );
    return {
      items: rows.map(({ total: _total, ...row }: { total: number }) => row),
      total: rows[0]?.total ?? 0,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** The item's calendar for a range: others' bookings show only that the slot is held. */
  async calendar(user: AuthUser | undefined, resourceId: string, range: RangeQuery) {
    this.assertRange(range);
    const rows: { id: string; start: Date; end: Date; status: BookingStatus; organisation_id: string; owner_id: string; organisation_name: string; purpose: BookingPurpose }[] =
      await this.dataSource.query(
        `SELECT b.id, lower(b.period) AS start, upper(b.period) AS "end", b.status, b.organisation_id, r.organisation_id AS owner_id,
                o.name AS organisation_name, b.purpose
           FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
          WHERE b.resource_id = $1 AND b.period && tstzrange($2, $3) AND b.status IN ('pending', 'confirmed', 'completed', 'no_show')
          ORDER BY lower(b.period)`,
        [resourceId, range.from, range.to],
      );
    return rows.map((row) => {
      const visible = Boolean(user && this.bookings.canSee(user, row.organisation_id, row.owner_id));
      return {
        id: visible ? row.id : null,
        start: row.start,
        end: row.end,
        status: row.status,
        mine: Boolean(user && roleIn(user, row.organisation_id)),
        organisationName: visible ? row.organisation_name : null,
        purpose: visible ? row.purpose : null,
      };
    });
  }

  /** Open, busy and free time of one item over a range: one query, then the shared span arithmetic. */
  async availability(resourceId: string, range: RangeQuery): Promise<AvailabilityView> {
    this.assertRange(range);
    const [row]: { zone: string; rules: { openingHours: []; bufferBeforeMinutes: number; bufferAfterMinutes: number }; closures: Closure[]; busy: { start: string; end: string; status: 'pending' | 'confirmed' }[] }[] =
      await this.dataSource.query(
        `SELECT s.time_zone AS zone, ${RULES_JSON} AS rules, ${CLOSURES_JSON} AS closures,
                coalesce((SELECT json_agg(json_build_object('start', lower(b.blocked), 'end', upper(b.blocked), 'status', b.status) ORDER BY lower(b.blocked))
                            FROM bookings b WHERE b.resource_id = r.id AND b.status IN ('pending', 'confirmed') AND b.blocked && tstzrange($2, $3)), '[]') AS busy
           FROM resources r JOIN sites s ON s.id = r.site_id WHERE r.id = $1`,
        [resourceId, range.from, range.to],
      );
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const open = openSpans(row.rules.openingHours, row.closures, row.zone, range.from.getTime(), range.to.getTime());
    const free = freeSpans(open, row.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })), {
      beforeMinutes: row.rules.bufferBeforeMinutes,
      afterMinutes: row.rules.bufferAfterMinutes,
    });
    const iso = (span: { start: number; end: number }) => ({ start: new Date(span.start).toISOString(), end: new Date(span.end).toISOString() });
    return { timeZone: row.zone, open: open.map(iso), busy: row.busy, free: free.map(iso) };
  }

  async events(user: AuthUser, id: string) {
    const booking = await this.bookings.get(user, id);
    if (!user.isCoordinator && !canManage(user, booking.resource.organisationId)) throw new DomainError(ErrorCode.NotFound);
    return this.dataSource.query(
      `SELECT e.id::text, e.action, e.details, e.created_at AS "createdAt", u.name AS "actorName"
         FROM booking_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.booking_id = $1 ORDER BY e.id`,
      [id],
    );
  }

  private assertRange(range: RangeQuery): void {
    if (range.to <= range.from || range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'to', constraint: 'max', args: [MAX_RANGE_DAYS] }] });
    }
  }

  private async lock(manager: EntityManager, user: AuthUser, id: string): Promise<LockedBooking> {
    const [booking]: LockedBooking[] = await manager.query(
      `SELECT b.id, b.resource_id AS "resourceId", b.organisation_id AS "organisationId", r.organisation_id AS "ownerId",
              b.booked_by_id AS "bookedById", b.trainer_id AS "trainerId", b.status,
              lower(b.period) AS start, upper(b.period) AS "end", r.cancel_cutoff_hours AS "cancelCutoffHours", b.series_id AS "seriesId"
         FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE b.id = $1 FOR UPDATE OF b, r`,
      [id],
    );
    if (!booking || !this.bookings.canSee(user, booking.organisationId, booking.ownerId)) throw new DomainError(ErrorCode.NotFound);
    return booking;
  }

  private assertStatus(booking: LockedBooking, allowed: BookingStatus[]): void {
    if (!allowed.includes(booking.status)) {
      throw new DomainError(ErrorCode.InvalidTransition, { details: { status: booking.status }, params: (locale) => ({ status: statusLabel(booking.status, locale) }) });
    }
  }

  /**
   * Who vouches for what happened in a session: coordinators, the equipment owner's managers and the
   * booking organisation's managers, and on the booking's side the person who booked it and its named
   * trainer. Other members of either organisation see the booking but may not change its attendance.
   */
  private assertMayRecordAttendance(user: AuthUser, booking: LockedBooking): void {
    if (canManage(user, booking.ownerId) || canManage(user, booking.organisationId)) return;
    if (user.id === booking.bookedById || user.id === booking.trainerId) return;
    throw new DomainError(ErrorCode.Forbidden);
  }

  /** Coordinators always; the owner's managers with a reason; the booking organisation until the cut-off. */
  private assertMayChange(user: AuthUser, booking: LockedBooking, reason: string | undefined, now: number): void {
    if (user.isCoordinator) return;
    if (canManage(user, booking.ownerId) && !roleIn(user, booking.organisationId)) {
      if (!reason) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'reason', constraint: 'isNotEmpty', args: [] }] });
      return;
    }
    if (!roleIn(user, booking.organisationId)) throw new DomainError(ErrorCode.Forbidden);
    const cutoff = booking.start.getTime() - booking.cancelCutoffHours * 3_600_000;
    if (now > cutoff && booking.status === 'confirmed') {
      throw new DomainError(ErrorCode.CancellationTooLate, { details: { hours: booking.cancelCutoffHours }, params: { hours: booking.cancelCutoffHours } });
    }
  }
}

