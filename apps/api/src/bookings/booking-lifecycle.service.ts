import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';

import { ErrorCode, type BookingStatus, type BookingView } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { BookingAudit } from './booking-audit.service';
import { statusLabel } from './booking-messages';
import { BookingViews, canSeeBooking } from './booking-views.service';
import { BookingsRepository, type LockedBooking } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { BookingRequestDto, RescheduleDto } from './dto/booking.dto';
import { AttendanceDto } from './dto/lifecycle.dto';
import { WaitlistService } from './waitlist.service';

/**
 * What happens to a booking after it is made: decisions, cancellation, moves, attendance. Expiry and
 * no-show marking run as scheduled jobs (src/jobs) that call this service. Each change answers the
 * booking's view (BookingViews).
 */
@Injectable()
export class BookingLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: BookingsService,
    private readonly bookings: BookingsRepository,
    private readonly views: BookingViews,
    private readonly audit: BookingAudit,
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
      await this.bookings.decide(manager, id, status, reason ?? null, user.id);
      const eventId = await this.audit.record(manager, user, id, status === 'confirmed' ? 'approved' : 'declined', { reason: reason ?? null });
      await this.notifications.decided(manager, id, eventId);
      if (status === 'declined') await this.waitlist.offerFreedSlots(manager, booking.resourceId);
    });
    return this.views.get(user, id);
  }

  /** Bookers until the item's cut-off; the owner's managers (with a reason) and coordinators at any time. */
  async cancel(user: AuthUser, id: string, reason: string | undefined, now = this.clock.nowMs()): Promise<BookingView> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      this.assertStatus(booking, ['pending', 'confirmed']);
      this.assertMayChange(user, booking, reason, now);
      await this.bookings.cancel(manager, id, reason ?? null, user.id);
      const eventId = await this.audit.record(manager, user, id, 'cancelled', { reason: reason ?? null });
      await this.notifications.cancelled(manager, id, eventId, user.id, booking.status);
      await this.waitlist.offerFreedSlots(manager, booking.resourceId, now);
    });
    return this.views.get(user, id);
  }

  /** Cancels every future date of a series from a booking on (that one included). */
  async cancelSeriesFrom(user: AuthUser, id: string, reason: string | undefined, now = this.clock.nowMs()): Promise<{ cancelled: number }> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      if (!booking.seriesId) throw new DomainError(ErrorCode.NotFound, { details: { field: 'seriesId' } });
      this.assertMayChange(user, booking, reason, now);
      const rows = await this.bookings.cancelSeriesFrom(manager, booking.seriesId, booking.start, reason ?? null, user.id);
      for (const row of rows) {
        const eventId = await this.audit.record(manager, user, row.id, 'cancelled', { reason: reason ?? null, withSeries: true });
        // One email per date to the booker (each date is its own calendar event); the managers are spared a flood.
        await this.notifications.cancelled(manager, row.id, eventId, user.id, row.previous, { managers: false });
      }
      await this.waitlist.offerFreedSlots(manager, booking.resourceId, now);
      return { cancelled: rows.length };
    });
  }

  /** Moves a booking: every rule is checked again for the new time, ignoring the booking itself. */
  async reschedule(user: AuthUser, id: string, dto: RescheduleDto, now = this.clock.nowMs()): Promise<BookingView> {
    const period = { start: dto.start.getTime(), end: dto.end.getTime() };
    if (period.end <= period.start) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'end', constraint: 'closureOrder', args: [] }] });
    const booked = await this.bookings.bookedRequest(this.dataSource.manager, id);
    if (!booked) throw new DomainError(ErrorCode.NotFound);
    const current = { ...booked, occupationId: booked.occupationId ?? undefined, trainerId: booked.trainerId ?? undefined } as BookingRequestDto;
    await this.engine.withConflictMapping(current, user, period, () =>
      this.dataSource.transaction(async (manager) => {
        const booking = await this.lock(manager, user, id);
        this.assertStatus(booking, ['pending', 'confirmed']);
        this.assertMayChange(user, booking, 'rescheduled', now);
        const context = await this.engine.loadContext(manager, user.isCoordinator || roleIn(user, booking.organisationId) ? user : { ...user, isCoordinator: true }, current);
        await this.engine.assertBookable(manager, user, context, current, period, now, id);
        const byOwner = canManage(user, booking.ownerId) && !roleIn(user, booking.organisationId);
        const status = byOwner ? booking.status : this.engine.initialStatus(context, booking.organisationId);
        await this.bookings.move(manager, id, period, this.engine.blocked(context, period), status);
        await this.waitlist.offerFreedSlots(manager, booking.resourceId, now);
        const eventId = await this.audit.record(manager, user, id, 'rescheduled', {
          from: { start: booking.start, end: booking.end }, to: { start: new Date(period.start), end: new Date(period.end) }, status,
        });
        await this.notifications.rescheduled(manager, id, eventId, user.id, { start: booking.start, end: booking.end, status: booking.status });
      }),
    );
    return this.views.get(user, id);
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
      const previous = await this.bookings.recordAttendance(manager, id, { actualStart: dto.actualStart, actualEnd: dto.actualEnd, participants: p }, user.id);
      await this.audit.record(manager, user, id, 'attendance_recorded', {
        actualStart: dto.actualStart, actualEnd: dto.actualEnd, participants: p, previous: { status: previous.status, attendance: previous.attendance },
      });
    });
    return this.views.get(user, id);
  }

  /** A confirmed booking nobody checked in for, half an hour after its start. Kept, never deleted. */
  async markNoShow(user: AuthUser, id: string, now = this.clock.nowMs()): Promise<BookingView> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      if (!canManage(user, booking.ownerId)) throw new DomainError(ErrorCode.Forbidden);
      this.assertStatus(booking, ['confirmed']);
      if (booking.start.getTime() + 30 * 60_000 > now) throw new DomainError(ErrorCode.InvalidTransition, { params: (locale) => ({ status: statusLabel(booking.status, locale) }) });
      await this.bookings.markNoShow(manager, id);
      await this.audit.record(manager, user, id, 'no_show', {});
    });
    return this.views.get(user, id);
  }

  /**
   * Confirmed bookings with no attendance recorded `hours` after their end become no-shows (the
   * automatic form of markNoShow; recording attendance later still turns them into completed).
   */
  async markOverdueNoShows(now: Date, hours: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.bookings.markOverdueNoShows(manager, now, hours);
      for (const bookingId of ids) await this.audit.record(manager, null, bookingId, 'no_show', { automatic: true, afterHours: hours });
      return ids.length;
    });
  }

  /** Pending requests whose start has passed become expired (kept as unmet demand). */
  async expireStale(now = this.clock.now()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.bookings.expirePending(manager, now);
      for (const bookingId of ids) await this.audit.record(manager, null, bookingId, 'expired', {});
      return ids.length;
    });
  }

  private async lock(manager: EntityManager, user: AuthUser, id: string): Promise<LockedBooking> {
    const booking = await this.bookings.lockBooking(manager, id);
    if (!booking || !canSeeBooking(user, booking.organisationId, booking.ownerId)) throw new DomainError(ErrorCode.NotFound);
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

