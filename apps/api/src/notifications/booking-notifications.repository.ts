import { Injectable } from '@nestjs/common';
import type { BookingStatus, Locale, OptionalEmail } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { namesJson, siteLocation } from '../database/sql/fragments/resource-json';

/** A person an email goes to. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  optOuts: OptionalEmail[];
}

/** The recipients of the emails about a new booking: the owner's managers (a request) or its booker (a confirmation). */
export interface CreatedRecipients {
  managers: Recipient[];
  booker: Recipient[];
}

/** What the emails and calendar entries of a booking say about it. */
export interface BookingFacts {
  id: string;
  status: BookingStatus;
  start: Date;
  end: Date;
  zone: string;
  reason: string | null;
  names: Record<Locale, string | null>;
  resourceId: string;
  ownerId: string;
  ownerName: string;
  organisationId: string;
  organisationName: string;
  bookedById: string;
  trainerId: string | null;
  location: string | null;
  /** Grows with every decision, move or cancellation: the iCalendar SEQUENCE of the booking's event. */
  sequence: number;
}

/** BookingFacts of the bookings `b` (with their item `r`, site `s`, owner `owner` and organisation `o`); the caller adds WHERE and ORDER BY. */
export const FACTS_SQL = `SELECT b.id, b.status, lower(b.period) AS start, upper(b.period) AS "end", s.time_zone AS zone, b.status_reason AS reason,
    ${namesJson('r')} AS names, r.id AS "resourceId",
    r.organisation_id AS "ownerId", owner.name AS "ownerName", b.organisation_id AS "organisationId", o.name AS "organisationName",
    b.booked_by_id AS "bookedById", b.trainer_id AS "trainerId",
    ${siteLocation('s')} AS location,
    (SELECT count(*)::int FROM booking_events e WHERE e.booking_id = b.id AND e.action IN ('approved', 'declined', 'rescheduled', 'cancelled')) AS sequence
  FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
  JOIN organisations owner ON owner.id = r.organisation_id JOIN organisations o ON o.id = b.organisation_id`;

const RECIPIENT_COLUMNS = `u.id, u.email, u.name, u.locale, u.email_opt_outs AS "optOuts"`;

/** The statements the booking emails read: facts of bookings and their recipients; each runs in the caller's transaction. */
@Injectable()
export class BookingNotificationsRepository {
  async facts(manager: EntityManager, bookingId: string): Promise<BookingFacts | undefined> {
    const [row]: BookingFacts[] = await manager.query(`${FACTS_SQL} WHERE b.id = $1`, [bookingId]);
    return row;
  }

  /** In the order of their start. */
  factsOf(manager: EntityManager, bookingIds: string[]): Promise<BookingFacts[]> {
    return manager.query(`${FACTS_SQL} WHERE b.id = ANY($1::uuid[]) ORDER BY lower(b.period)`, [bookingIds]);
  }

  /** The owner's pending requests starting after `now`, in the order of their start. */
  pendingRequestsOf(manager: EntityManager, ownerId: string, now: Date): Promise<BookingFacts[]> {
    return manager.query(`${FACTS_SQL} WHERE r.organisation_id = $1 AND b.status = 'pending' AND lower(b.period) > $2 ORDER BY lower(b.period), b.id`, [ownerId, now]);
  }

  /** The owners with pending requests starting after `now`. */
  async pendingOwners(manager: EntityManager, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT r.organisation_id AS id FROM bookings b JOIN resources r ON r.id = b.resource_id
        WHERE b.status = 'pending' AND lower(b.period) > $1 ORDER BY 1`,
      [now],
    );
    return rows.map((row) => row.id);
  }

  /** The active accounts among `ids`, by email. */
  activeUsers(manager: EntityManager, ids: string[]): Promise<Recipient[]> {
    return manager.query(`SELECT ${RECIPIENT_COLUMNS} FROM users u WHERE u.id = ANY($1::uuid[]) AND u.active ORDER BY u.email`, [ids]);
  }

  /** The organisation's active managers, by email. */
  managersOf(manager: EntityManager, organisationId: string): Promise<Recipient[]> {
    return manager.query(
      `SELECT ${RECIPIENT_COLUMNS} FROM users u JOIN memberships m ON m.user_id = u.id
        WHERE m.organisation_id = $1 AND m.role = 'manager' AND u.active ORDER BY u.email`,
      [organisationId],
    );
  }

  async userName(manager: EntityManager, userId: string): Promise<string | undefined> {
    const [row]: { name: string }[] = await manager.query('SELECT name FROM users WHERE id = $1', [userId]);
    return row?.name;
  }
}
