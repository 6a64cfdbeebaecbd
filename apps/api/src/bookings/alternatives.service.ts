import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { containsSpan, ErrorCode, firstFreeStart, freeSpans, openSpans, type BookingAlternatives } from '@equipole/shared';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { type AuthUser, roleIn } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { BookingsRepository } from './bookings.repository';

const MAX_ITEMS = 5;
const MAX_SLOTS = 5;
const SLOT_SEARCH_DAYS = 28;

/**
 * What a booker whose booking was cancelled (a closure, a breakdown, the owner) can take instead:
 * equivalent items (sharing an occupation with the booking or the item, else of the same kind) free
 * over the same period, nearest to the booker's organisation first; and the next free periods of the
 * same length on the same item. Rebooking goes through the booking engine, which checks every rule.
 */
@Injectable()
export class AlternativesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly clock: Clock,
  ) {}

  async forBooking(user: AuthUser, bookingId: string): Promise<BookingAlternatives> {
    const booking = await this.bookings.alternativesSource(this.dataSource.manager, bookingId);
    if (!booking || !(user.isCoordinator || roleIn(user, booking.organisationId))) throw new DomainError(ErrorCode.NotFound);
    const start = new Date(booking.start).getTime();
    const end = new Date(booking.end).getTime();
    const candidates = await this.bookings.equivalentItems(this.dataSource.manager, booking, { start, end });
    const iso = (ms: number) => new Date(ms).toISOString();
    const items = candidates
      .filter((c) => containsSpan(openSpans(c.openingHours, c.closures, c.zone, start, end), { start, end }))
      .slice(0, MAX_ITEMS)
      .map((c) => ({ resourceId: c.id, names: c.names as never, organisationName: c.organisationName, siteName: c.siteName, distanceKm: c.distanceKm, start: iso(start), end: iso(end) }));
    return { items, slots: await this.nextSlots(booking.resourceId, bookingId, end - start) };
  }

  /** The next free periods of the booking's length on its own item, from now (or from its start, when that is later). */
  private async nextSlots(resourceId: string, bookingId: string, lengthMs: number): Promise<{ start: string; end: string }[]> {
    const from = this.clock.nowMs();
    const to = from + SLOT_SEARCH_DAYS * 86_400_000;
    const item = await this.bookings.itemSlots(this.dataSource.manager, resourceId, bookingId, new Date(from), new Date(to));
    if (!item || item.status !== 'active') return [];
    const free = freeSpans(openSpans(item.openingHours, item.closures, item.zone, from, to), item.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })), {
      beforeMinutes: item.bufferBeforeMinutes, afterMinutes: item.bufferAfterMinutes,
    });
    const minutes = Math.round(lengthMs / 60_000);
    const slots: { start: string; end: string }[] = [];
    let notBefore = from;
    while (slots.length < MAX_SLOTS) {
      const start = firstFreeStart(free, minutes, item.slotMinutes, item.zone, notBefore);
      if (start === undefined) break;
      slots.push({ start: new Date(start).toISOString(), end: new Date(start + lengthMs).toISOString() });
      // The next proposal starts on another day, so that the booker sees a choice of days.
      notBefore = DateTime.fromMillis(start, { zone: item.zone }).plus({ days: 1 }).startOf('day').toMillis();
    }
    return slots;
  }
}
