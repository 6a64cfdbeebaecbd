import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, freeSpans, openSpans, type AvailabilityView, type CalendarEntry as SharedCalendarEntry } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { type AuthUser, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { canSeeBooking } from './booking-views.service';
import { BookingsRepository } from './bookings.repository';
import { RangeQuery } from './dto/booking.dto';

const MAX_RANGE_DAYS = 62;

/** One booking on an item's calendar: others' bookings show only that the slot is held. */
/** One booking of an item's calendar (the shared contract, with `Date`s that go out as ISO strings). */
export type CalendarEntry = SharedCalendarEntry<Date>;

/** An item's time over a range, for anyone: its calendar of bookings, and its open, busy and free spans. */
@Injectable()
export class BookingCalendar {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
  ) {}

  /** The item's calendar for a range: others' bookings show only that the slot is held. */
  async calendar(user: AuthUser | undefined, resourceId: string, range: RangeQuery): Promise<CalendarEntry[]> {
    this.assertRange(range);
    const rows = await this.bookings.calendar(this.dataSource.manager, resourceId, range.from, range.to);
    return rows.map((row) => {
      const visible = Boolean(user && canSeeBooking(user, row.organisation_id, row.owner_id));
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
    const row = await this.bookings.availability(this.dataSource.manager, resourceId, range.from, range.to);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const open = openSpans(row.rules.openingHours, row.closures, row.zone, range.from.getTime(), range.to.getTime());
    const free = freeSpans(open, row.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })), {
      beforeMinutes: row.rules.bufferBeforeMinutes,
      afterMinutes: row.rules.bufferAfterMinutes,
    });
    const iso = (span: { start: number; end: number }) => ({ start: new Date(span.start).toISOString(), end: new Date(span.end).toISOString() });
    return { timeZone: row.zone, open: open.map(iso), busy: row.busy, free: free.map(iso) };
  }

  private assertRange(range: RangeQuery): void {
    if (range.to <= range.from || range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'to', constraint: 'max', args: [MAX_RANGE_DAYS] }] });
    }
  }
}
