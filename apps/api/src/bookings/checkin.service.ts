import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type BookingView, type CheckInView } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, canManage, organisationIds } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { NAMES_JSON } from '../resources/resource-queries';
import { statusLabel } from './booking-messages';
import { BookingsService } from './bookings.service';
import { CheckInDto } from './dto/checkin.dto';
import { WaitlistService } from './waitlist.service';

interface LockedForCheckIn {
  id: string;
  resourceId: string;
  organisationId: string;
  ownerId: string;
  bookedById: string;
  trainerId: string | null;
  status: string;
  start: Date;
  end: Date;
  marginMinutes: number;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

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
    private readonly bookings: BookingsService,
    private readonly waitlist: WaitlistService,
    private readonly clock: Clock,
  ) {}

  /** What the QR page offers the viewer: the booking they may check in (or out) now, else their next one on the item. */
  async view(user: AuthUser, resourceId: string): Promise<CheckInView> {
    const now = this.clock.now();
    const [resource] = await this.dataSource.query(
      `SELECT r.id, ${NAMES_JSON} AS names, o.name AS "organisationName", s.time_zone AS "timeZone", r.checkin_margin_minutes AS "checkinMarginMinutes", r.status
         FROM resources r JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id WHERE r.id = $1`,
      [resourceId],
    );
    if (!resource || (resource.status === 'retired' && !canManage(user, resource.organisationId))) throw new DomainError(ErrorCode.NotFound);
    const { status: _status, ...summary } = resource;
    const mine = `(b.booked_by_id = $2 OR b.trainer_id = $2 OR b.organisation_id = ANY($3::uuid[]) OR r.organisation_id = ANY($4::uuid[]) OR $5)`;
    const params = [resourceId, user.id, organisationIds(user), organisationIds(user, 'manager'), user.isCoordinator, now];
    const [booking] = await this.dataSource.query(
      `SELECT b.id, o.name AS "organisationName", lower(b.period) AS start, upper(b.period) AS "end", b.checked_in_at AS "checkedInAt",
              b.checked_out_at AS "checkedOutAt",
              json_build_object('pupils', b.expected_pupils, 'apprentices', b.expected_apprentices, 'jobSeekers', b.expected_job_seekers,
                                'trainers', b.expected_trainers, 'employees', b.expected_employees) AS expected
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
        WHERE b.resource_id = $1 AND ${mine}
          AND ((b.status = 'confirmed' AND lower(b.period) - make_interval(mins => r.checkin_margin_minutes) <= $6 AND upper(b.period) > $6)
               OR (b.checked_in_at IS NOT NULL AND b.checked_out_at IS NULL AND b.status = 'confirmed'))
        ORDER BY (b.booked_by_id = $2 OR b.trainer_id = $2) DESC, lower(b.period) LIMIT 1`,
      params,
    );
    const [next] = booking
      ? [null]
      : await this.dataSource.query(
          `SELECT b.id, lower(b.period) AS start, upper(b.period) AS "end" FROM bookings b JOIN resources r ON r.id = b.resource_id
            WHERE b.resource_id = $1 AND ${mine} AND b.status = 'confirmed' AND lower(b.period) > $6 ORDER BY lower(b.period) LIMIT 1`,
          params,
        );
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
      await manager.query(
        `UPDATE bookings SET checked_in_at = $2, checked_in_by_id = $3, actual_start = $2,
                actual_pupils = coalesce($4, expected_pupils), actual_apprentices = coalesce($5, expected_apprentices),
                actual_job_seekers = coalesce($6, expected_job_seekers), actual_trainers = coalesce($7, expected_trainers),
                actual_employees = coalesce($8, expected_employees), updated_at = now()
          WHERE id = $1`,
        [id, new Date(now), user.id, p?.pupils ?? null, p?.apprentices ?? null, p?.jobSeekers ?? null, p?.trainers ?? null, p?.employees ?? null],
      );
      await this.bookings.audit(manager, user, id, 'checked_in', { at: new Date(now), participants: p ?? null });
    });
    return this.bookings.get(user, id);
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
      await manager.query(
        `UPDATE bookings SET checked_out_at = $2, actual_end = $2, status = 'completed', attendance_recorded_by_id = $3,
                attendance_recorded_at = now(), updated_at = now() WHERE id = $1`,
        [id, at, user.id],
      );
      await this.bookings.audit(manager, user, id, 'checked_out', { at });
      // Leaving early frees the rest of the slot for whoever waits for it.
      await this.waitlist.offerFreedSlots(manager, booking.resourceId);
    });
    return this.bookings.get(user, id);
  }

  /**
   * Confirmed bookings of items with an auto-release delay, not checked in that long after their start
   * and not yet ended, become no-shows: the slot is free again (only pending and confirmed bookings hold one).
   */
  async releaseUnclaimed(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE bookings b SET status = 'no_show', status_reason = 'auto_released', updated_at = now()
           FROM resources r
          WHERE r.id = b.resource_id AND r.auto_release_minutes IS NOT NULL AND b.status = 'confirmed'
            AND b.checked_in_at IS NULL AND b.actual_start IS NULL
            AND lower(b.period) + make_interval(mins => r.auto_release_minutes) <= $1 AND upper(b.period) > $1
          RETURNING b.id, b.resource_id AS "resourceId", r.auto_release_minutes AS minutes`,
        [now],
      );
      const released = rows as { id: string; resourceId: string; minutes: number }[];
      for (const row of released) await this.bookings.audit(manager, null, row.id, 'no_show', { automatic: true, released: true, afterMinutes: row.minutes });
      for (const resourceId of new Set(released.map((row) => row.resourceId))) await this.waitlist.offerFreedSlots(manager, resourceId, now.getTime());
      return released.length;
    });
  }

  /** The booking's holder, its trainer, managers of either side and coordinators: those who vouch for attendance. */
  private async lock(manager: EntityManager, user: AuthUser, id: string): Promise<LockedForCheckIn> {
    const [booking]: LockedForCheckIn[] = await manager.query(
      `SELECT b.id, b.resource_id AS "resourceId", b.organisation_id AS "organisationId", r.organisation_id AS "ownerId",
              b.booked_by_id AS "bookedById", b.trainer_id AS "trainerId", b.status, lower(b.period) AS start, upper(b.period) AS "end",
              r.checkin_margin_minutes AS "marginMinutes", b.checked_in_at AS "checkedInAt", b.checked_out_at AS "checkedOutAt"
         FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE b.id = $1 FOR UPDATE OF b`,
      [id],
    );
    if (!booking || !this.bookings.canSee(user, booking.organisationId, booking.ownerId)) throw new DomainError(ErrorCode.NotFound);
    const vouches = canManage(user, booking.ownerId) || canManage(user, booking.organisationId) || user.id === booking.bookedById || user.id === booking.trainerId;
    if (!vouches) throw new DomainError(ErrorCode.Forbidden);
    return booking;
  }
}
