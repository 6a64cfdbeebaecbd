import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type BookingView, type CheckInView } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, canManage, organisationIds } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { BookingAudit } from './booking-audit.service';
import { statusLabel } from './booking-messages';
import { BookingViews, canSeeBooking } from './booking-views.service';
import { CheckInRepository, type LockedForCheckIn } from './checkin.repository';
import { CheckInDto } from './dto/checkin.dto';
import { WaitlistService } from './waitlist.service';

/**
 * Check-in at the machine (the QR label leads to the item's check-in page): the holder of a confirmed
 * booking checks in during it, or up to the item's margin before it, which records the actual start and
 * the participants; check-out records the actual end and completes the booking, as the attendance form
 * would. Confirmed bookings not checked in within the item's auto-release delay are released as
 * no-shows by the `auto-release` job, which frees the rest of their slot.
 */
@Injectable()
export class CheckInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkIns: CheckInRepository,
    private readonly views: BookingViews,
    private readonly audit: BookingAudit,
    private readonly waitlist: WaitlistService,
    private readonly clock: Clock,
    private readonly notifications: BookingNotifications,
  ) {}

  /** What the QR page offers the viewer: the booking they may check in (or out) now, else their next one on the item. */
  async view(user: AuthUser, resourceId: string): Promise<CheckInView> {
    const now = this.clock.now();
    const resource = await this.checkIns.resource(this.dataSource.manager, resourceId);
    // A retired item stays visible to its owner's managers and coordinators, as on the item page.
    if (!resource || (resource.status === 'retired' && !canManage(user, resource.ownerId))) throw new DomainError(ErrorCode.NotFound);
    const { status: _status, ownerId: _ownerId, ...summary } = resource;
    const viewer = { userId: user.id, organisationIds: organisationIds(user), managedIds: organisationIds(user, 'manager'), isCoordinator: user.isCoordinator };
    const booking = await this.checkIns.current(this.dataSource.manager, resourceId, viewer, now);
    const next = booking ? null : await this.checkIns.next(this.dataSource.manager, resourceId, viewer, now);
    return { resource: summary, booking: booking ?? null, next: next ?? null };
  }

  async checkIn(user: AuthUser, id: string, dto: CheckInDto): Promise<BookingView> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      const now = this.clock.nowMs();
      if (booking.status !== 'confirmed' || booking.checkedInAt) {
        throw new DomainError(ErrorCode.InvalidTransition, { details: { status: booking.status }, params: (locale) => ({ status: statusLabel(booking.status as never, locale) }) });
      }
      if (now < booking.start.getTime() - booking.marginMinutes * 60_000 || now >= booking.end.getTime()) {
        throw new DomainError(ErrorCode.CheckInNotOpen, { details: { marginMinutes: booking.marginMinutes }, params: { minutes: booking.marginMinutes } });
      }
      const p = dto.participants;
      await this.checkIns.checkIn(manager, id, new Date(now), user.id, p);
      await this.audit.record(manager, user, id, 'checked_in', { at: new Date(now), participants: p ?? null });
    });
    return this.views.get(user, id);
  }

  /** Records the actual end and completes the booking (what the attendance form does after the fact). */
  async checkOut(user: AuthUser, id: string): Promise<BookingView> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.lock(manager, user, id);
      if (booking.status !== 'confirmed' || !booking.checkedInAt || booking.checkedOutAt) {
        throw new DomainError(ErrorCode.InvalidTransition, { details: { status: booking.status }, params: (locale) => ({ status: statusLabel(booking.status as never, locale) }) });
      }
      // Never before the check-in, even by a clock step: the end stays after the start.
      const at = new Date(Math.max(this.clock.nowMs(), booking.checkedInAt.getTime() + 60_000));
      await this.checkIns.checkOut(manager, id, at, user.id);
      await this.audit.record(manager, user, id, 'checked_out', { at });
      // Leaving early frees the rest of the slot for whoever waits for it.
      await this.waitlist.offerFreedSlots(manager, booking.resourceId);
    });
    return this.views.get(user, id);
  }

  /**
   * Confirmed bookings of items with an auto-release delay, not checked in that long after their start
   * and not yet ended, become no-shows: the slot is free again (only pending and confirmed bookings hold one),
   * and their bookers are emailed.
   */
  async releaseUnclaimed(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const released = await this.checkIns.releaseUnclaimed(manager, now);
      for (const row of released) {
        const eventId = await this.audit.record(manager, null, row.id, 'no_show', { automatic: true, released: true, afterMinutes: row.minutes });
        // The booker learns why the booking is gone (in their language, with the calendar CANCEL).
        await this.notifications.released(manager, row.id, eventId, row.minutes);
      }
      for (const resourceId of new Set(released.map((row) => row.resourceId))) await this.waitlist.offerFreedSlots(manager, resourceId, now.getTime());
      return released.length;
    });
  }

  /** The booking's holder, its trainer, managers of either side and coordinators: those who vouch for attendance. */
  private async lock(manager: EntityManager, user: AuthUser, id: string): Promise<LockedForCheckIn> {
    const booking = await this.checkIns.lock(manager, id);
    if (!booking || !canSeeBooking(user, booking.organisationId, booking.ownerId)) throw new DomainError(ErrorCode.NotFound);
    const vouches = canManage(user, booking.ownerId) || canManage(user, booking.organisationId) || user.id === booking.bookedById || user.id === booking.trainerId;
    if (!vouches) throw new DomainError(ErrorCode.Forbidden);
    return booking;
  }
}
