import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { containsSpan, ErrorCode, firstFreeStart, freeSpans, openSpans, type BookingAlternatives, type Closure, type OpeningInterval } from '@equipole/shared';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { type AuthUser, roleIn } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { CLOSURES_JSON, NAMES_JSON } from '../resources/resource-queries';

const MAX_ITEMS = 5;
const MAX_SLOTS = 5;
const SLOT_SEARCH_DAYS = 28;

interface Rules {
  openingHours: OpeningInterval[];
  closures: Closure[];
  zone: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  slotMinutes: number;
}

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
    private readonly clock: Clock,
  ) {}

  async forBooking(user: AuthUser, bookingId: string): Promise<BookingAlternatives> {
    const [booking] = await this.dataSource.query(
      `SELECT b.id, b.resource_id AS "resourceId", b.organisation_id AS "organisationId", b.occupation_id AS "occupationId",
              lower(b.period) AS start, upper(b.period) AS "end", r.kind, o.latitude, o.longitude
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id WHERE b.id = $1`,
      [bookingId],
    );
    if (!booking || !(user.isCoordinator || roleIn(user, booking.organisationId))) throw new DomainError(ErrorCode.NotFound);
    const start = new Date(booking.start).getTime();
    const end = new Date(booking.end).getTime();
    const lat = booking.latitude;
    const lng = booking.longitude;
    // NULL when the booker's organisation has no coordinates: then the order is by id only.
    const distance = `(6371 * 2 * asin(sqrt(power(sin(radians(s.latitude - $5::float8) / 2), 2)
      + cos(radians($5::float8)) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - $6::float8) / 2), 2))))`;
    const candidates: (Rules & { id: string; names: Record<string, string | null>; organisationName: string; siteName: string; distanceKm: number | null })[] =
      await this.dataSource.query(
        `SELECT r.id, ${NAMES_JSON} AS names, o.name AS "organisationName", s.name AS "siteName", round(${distance}::numeric, 1)::float8 AS "distanceKm",
                r.opening_hours AS "openingHours", ${CLOSURES_JSON} AS closures, s.time_zone AS zone,
                r.buffer_before_minutes AS "bufferBeforeMinutes", r.buffer_after_minutes AS "bufferAfterMinutes", r.slot_minutes AS "slotMinutes"
           FROM resources r JOIN sites s ON s.id = r.site_id JOIN organisations o ON o.id = r.organisation_id
          WHERE r.id <> $1 AND r.status = 'active'
            AND (r.kind = $2 OR EXISTS (SELECT 1 FROM resource_occupations ro WHERE ro.resource_id = r.id
                   AND (ro.occupation_id = $3 OR ro.occupation_id IN (SELECT occupation_id FROM resource_occupations WHERE resource_id = $1))))
            AND (r.access_policy = 'all'
                 OR EXISTS (SELECT 1 FROM resource_allowed_organisations a WHERE a.resource_id = r.id AND a.organisation_id = $4)
                 OR (r.access_policy = 'clusters' AND EXISTS (SELECT 1 FROM resource_clusters rc JOIN cluster_members cm ON cm.cluster_id = rc.cluster_id
                                                               WHERE rc.resource_id = r.id AND cm.organisation_id = $4)))
            AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.resource_id = r.id AND x.status IN ('pending', 'confirmed')
                              AND x.blocked && tstzrange($7, $8))
          ORDER BY 5 ASC NULLS LAST, r.id LIMIT 50`,
        [booking.resourceId, booking.kind, booking.occupationId, booking.organisationId, lat, lng, new Date(start), new Date(end)],
      );
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
    const [item]: (Rules & { busy: { start: string; end: string }[]; status: string })[] = await this.dataSource.query(
      `SELECT r.opening_hours AS "openingHours", ${CLOSURES_JSON} AS closures, s.time_zone AS zone, r.status,
              r.buffer_before_minutes AS "bufferBeforeMinutes", r.buffer_after_minutes AS "bufferAfterMinutes", r.slot_minutes AS "slotMinutes",
              coalesce((SELECT json_agg(json_build_object('start', lower(x.blocked), 'end', upper(x.blocked)))
                          FROM bookings x WHERE x.resource_id = r.id AND x.id <> $2 AND x.status IN ('pending', 'confirmed') AND x.blocked && tstzrange($3, $4)), '[]') AS busy
         FROM resources r JOIN sites s ON s.id = r.site_id WHERE r.id = $1`,
      [resourceId, bookingId, new Date(from), new Date(to)],
    );
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
