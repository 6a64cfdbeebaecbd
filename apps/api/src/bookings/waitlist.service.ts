import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@equipole/shared';
import type { WaitlistEntry } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { BookingAudit } from './booking-audit.service';
import { BookingsService } from './bookings.service';
import { CreateBookingDto } from './dto/booking.dto';
import { WaitlistRepository } from './waitlist.repository';

/** How many future slots one person may wait for at a time (docs/architecture.md, Security). */
export const MAX_WAITING_ENTRIES = 10;

/**
 * People waiting for a taken slot. When a slot frees, the earliest entry whose request now passes
 * every rule is offered it as a booking request; entries stay as unmet-demand data.
 */
@Injectable()
export class WaitlistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
    private readonly entries: WaitlistRepository,
    private readonly audit: BookingAudit,
    private readonly notifications: BookingNotifications,
    private readonly clock: Clock,
  ) {}

  /**
   * Joins the waitlist for a slot: the request must pass every rule of the item that needs no
   * database (the booking engine's own checks: access, status, lead time, horizon, durations, slot
   * grid, opening hours, closures, capacity), so that an entry is a slot that could be booked if it
   * were free, and a person waits for at most MAX_WAITING_ENTRIES future slots at a time. Both
   * bound the unmet demand that the reports count from waiting entries.
   */
  async join(user: AuthUser, dto: CreateBookingDto, now = this.clock.nowMs()): Promise<WaitlistEntry> {
    const period = { start: dto.start.getTime(), end: dto.end.getTime() };
    if (period.end <= period.start) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'end', constraint: 'closureOrder', args: [] }] });
    return this.dataSource.transaction(async (manager) => {
      const context = await this.bookings.loadContext(manager, user, dto);
      this.bookings.assertRules(user, context, dto, period, now);
      // The person's row is the lock that makes the count and the insert one step for concurrent joins.
      await this.entries.lockUser(manager, user.id);
      if ((await this.entries.countWaiting(manager, user.id, new Date(now))) >= MAX_WAITING_ENTRIES) {
        throw new DomainError(ErrorCode.WaitlistFull, { details: { max: MAX_WAITING_ENTRIES }, params: { max: MAX_WAITING_ENTRIES } });
      }
      return this.entries.insert(manager, {
        resourceId: dto.resourceId, organisationId: dto.organisationId, userId: user.id, start: dto.start, end: dto.end, purpose: dto.purpose,
        occupationId: dto.occupationId ?? null, participants: dto.participants ?? {},
      });
    });
  }

  mine(user: AuthUser): Promise<WaitlistEntry[]> {
    return this.entries.mine(this.dataSource.manager, user.id);
  }

  async leave(user: AuthUser, id: string): Promise<void> {
    if (!(await this.entries.cancel(this.dataSource.manager, id, user.id))) throw new DomainError(ErrorCode.NotFound);
  }

  /** Called in the transaction that freed time on the item (its row is already locked there). */
  async offerFreedSlots(manager: EntityManager, resourceId: string, now = this.clock.nowMs()): Promise<string[]> {
    const entries = await this.entries.waitingFor(manager, resourceId, new Date(now));
    const offered: string[] = [];
    for (const entry of entries) {
      const waiting = await this.entries.activeUser(manager, entry.user_id);
      if (!waiting) continue;
      const request = Object.assign(new CreateBookingDto(), {
        resourceId, organisationId: entry.organisation_id, purpose: entry.purpose, occupationId: entry.occupation_id ?? undefined,
        participants: { pupils: 0, apprentices: 0, jobSeekers: 0, trainers: 0, employees: 0, ...entry.participants },
        start: entry.start, end: entry.end,
      });
      try {
        const context = await this.bookings.loadContext(manager, waiting, request);
        const period = { start: entry.start.getTime(), end: entry.end.getTime() };
        await this.bookings.assertBookable(manager, waiting, context, request, period, now);
        const bookingId = await this.bookings.insertFor(manager, waiting, context, request, period);
        await this.entries.markOffered(manager, entry.id, bookingId);
        const eventId = await this.audit.record(manager, null, bookingId, 'offered_from_waitlist', { waitlistEntryId: entry.id });
        await this.notifications.waitlistOffered(manager, bookingId, eventId);
        offered.push(bookingId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return offered;
  }
}
