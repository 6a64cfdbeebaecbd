import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@equipole/shared';
import type { WaitlistEntry } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { BookingsService } from './bookings.service';
import { CreateBookingDto } from './dto/booking.dto';

/** How many future slots one person may wait for at a time (docs/architecture.md, Security). */
export const MAX_WAITING_ENTRIES = 10;

const VIEW = `id, resource_id AS "resourceId", organisation_id AS "organisationId", lower(period) AS start, upper(period) AS "end",
  status, booking_id AS "bookingId", created_at AS "createdAt"`;

/**
 * People waiting for a taken slot. When a slot frees, the earliest entry whose request now passes
 * every rule is offered it as a booking request; entries stay as unmet-demand data.
 */
@Injectable()
export class WaitlistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
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
      await manager.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [user.id]);
      const [{ waiting }] = await manager.query(
        `SELECT count(*)::int AS waiting FROM waitlist_entries WHERE user_id = $1 AND status = 'waiting' AND lower(period) > $2`,
        [user.id, new Date(now)],
      );
      if (waiting >= MAX_WAITING_ENTRIES) {
        throw new DomainError(ErrorCode.WaitlistFull, { details: { max: MAX_WAITING_ENTRIES }, params: { max: MAX_WAITING_ENTRIES } });
      }
      const [row] = await manager.query(
        `INSERT INTO waitlist_entries (resource_id, organisation_id, user_id, period, purpose, occupation_id, participants)
         VALUES ($1, $2, $3, tstzrange($4, $5), $6, $7, $8) RETURNING ${VIEW}`,
        [dto.resourceId, dto.organisationId, user.id, dto.start, dto.end, dto.purpose, dto.occupationId ?? null, JSON.stringify(dto.participants ?? {})],
      );
      return row;
    });
  }

  mine(user: AuthUser): Promise<WaitlistEntry[]> {
    return this.dataSource.query(
      `SELECT ${VIEW}, (SELECT json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en) FROM resources r WHERE r.id = resource_id) AS "resourceNames"
         FROM waitlist_entries WHERE user_id = $1 ORDER BY lower(period) DESC`,
      [user.id],
    );
  }

  async leave(user: AuthUser, id: string): Promise<void> {
    const [, changed] = await this.dataSource.query(
      `UPDATE waitlist_entries SET status = 'cancelled', resolved_at = now() WHERE id = $1 AND user_id = $2 AND status = 'waiting'`,
      [id, user.id],
    );
    if (changed === 0) throw new DomainError(ErrorCode.NotFound);
  }

  /** Called in the transaction that freed time on the item (its row is already locked there). */
  async offerFreedSlots(manager: EntityManager, resourceId: string, now = this.clock.nowMs()): Promise<string[]> {
    const entries: { id: string; user_id: string; organisation_id: string; start: Date; end: Date; purpose: string; occupation_id: string | null; participants: Record<string, number> }[] =
      await manager.query(
        `SELECT id, user_id, organisation_id, lower(period) AS start, upper(period) AS "end", purpose, occupation_id, participants
           FROM waitlist_entries WHERE resource_id = $1 AND status = 'waiting' AND lower(period) > $2 ORDER BY created_at, id`,
        [resourceId, new Date(now)],
      );
    const offered: string[] = [];
    for (const entry of entries) {
      const waiting = await this.waitingUser(manager, entry.user_id);
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
        await manager.query(`UPDATE waitlist_entries SET status = 'offered', booking_id = $2, resolved_at = now() WHERE id = $1`, [entry.id, bookingId]);
        const eventId = await this.bookings.audit(manager, null, bookingId, 'offered_from_waitlist', { waitlistEntryId: entry.id });
        await this.notifications.waitlistOffered(manager, bookingId, eventId);
        offered.push(bookingId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return offered;
  }

  private async waitingUser(manager: EntityManager, userId: string): Promise<AuthUser | undefined> {
    const [row] = await manager.query(
      `SELECT u.id, u.email, u.name, u.locale, u.is_coordinator AS "isCoordinator",
              coalesce(json_agg(json_build_object('organisationId', m.organisation_id, 'organisationName', '', 'role', m.role))
                       FILTER (WHERE m.user_id IS NOT NULL), '[]') AS memberships
         FROM users u LEFT JOIN memberships m ON m.user_id = u.id WHERE u.id = $1 AND u.active GROUP BY u.id`,
      [userId],
    );
    return row ? { ...row, sessionId: '' } : undefined;
  }
}
