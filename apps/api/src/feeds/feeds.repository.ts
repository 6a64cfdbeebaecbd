import { Injectable } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { siteLocation } from '../database/sql/fragments/resource-json';
import { FACTS_SQL, type BookingFacts } from '../notifications/booking-notifications.repository';

export type FeedOwner = { userId: string } | { organisationId: string };

const VISIBLE = `('pending', 'confirmed', 'completed', 'no_show')`;
/** A booking that blocks a session's item shows as the session itself (its own UID), not twice. */
const NOT_A_SESSION = `NOT EXISTS (SELECT 1 FROM training_sessions x WHERE x.booking_id = b.id)`;

/** A session in a feed: its state for the reader comes from `hosting` and the statuses of their organisations' registrations. */
export interface SessionFeedRow {
  id: string;
  status: 'published' | 'cancelled' | 'held';
  titles: Record<Locale, string | null>;
  hostName: string;
  start: Date;
  end: Date;
  zone: string;
  location: string;
  /** Seconds between the session's creation and its last change: grows with every change, as SEQUENCE must. */
  sequence: number;
  hosting: boolean;
  registrations: ('registered' | 'waitlisted' | 'cancelled')[];
}

/** SessionFeedRow of the sessions `ts`; $1 is the reader (a person or an organisation), $2 the first end. */
const sessionFeedSql = (hosting: string, registrations: string, where: string) => `SELECT ts.id, ts.status,
    json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en) AS titles, o.name AS "hostName",
    lower(ts.period) AS start, upper(ts.period) AS "end", s.time_zone AS zone, ${siteLocation('s')} AS location,
    floor(extract(epoch FROM ts.updated_at - ts.created_at))::int AS sequence,
    ${hosting} AS hosting,
    coalesce((SELECT array_agg(DISTINCT sr.status) FROM session_registrations sr WHERE sr.session_id = ts.id AND ${registrations}), '{}') AS registrations
  FROM training_sessions ts JOIN organisations o ON o.id = ts.organisation_id JOIN sites s ON s.id = ts.site_id
  WHERE upper(ts.period) > $2 AND (${where})
  ORDER BY lower(ts.period), ts.id`;

const PERSON_REGISTRATIONS = `sr.organisation_id IN (SELECT m.organisation_id FROM memberships m WHERE m.user_id = $1)`;

/**
 * A feed works while it is not revoked and whoever it belongs to may still read it: a personal feed
 * while its person is active; an organisation's feed while the person who made it is still an active
 * manager of the organisation, or a coordinator. A manager who leaves (removed, made a member,
 * deactivated or deleted) takes the feeds they made with them, whichever way they left.
 */
const usable = (f: string) => `${f}.revoked_at IS NULL AND CASE
    WHEN ${f}.user_id IS NOT NULL THEN EXISTS (SELECT 1 FROM users p WHERE p.id = ${f}.user_id AND p.active)
    ELSE EXISTS (SELECT 1 FROM users c WHERE c.id = ${f}.created_by_id AND c.active
                    AND (c.is_coordinator OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = c.id
                                                       AND m.organisation_id = ${f}.organisation_id AND m.role = 'manager')))
  END`;

const column = (owner: FeedOwner) => ('userId' in owner ? 'user_id' : 'organisation_id');
const ownerValue = (owner: FeedOwner) => ('userId' in owner ? owner.userId : owner.organisationId);

/** A usable feed behind a token: whose it is, in which language, under which name. */
export interface FeedRow {
  id: string;
  userId: string | null;
  organisationId: string | null;
  locale: Locale;
  name: string;
}

/** The statements of the calendar feeds; every method takes the caller's EntityManager. */
@Injectable()
export class FeedsRepository {
  /** The owner's usable feed, if any. */
  async usable(db: EntityManager, owner: FeedOwner): Promise<{ createdAt: string; lastUsedAt: string | null } | undefined> {
    const [row] = await db.query(
      `SELECT created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM calendar_feeds f WHERE f.${column(owner)} = $1 AND ${usable('f')}`,
      [ownerValue(owner)],
    );
    return row;
  }

  async revoke(db: EntityManager, owner: FeedOwner): Promise<void> {
    await db.query(`UPDATE calendar_feeds SET revoked_at = now() WHERE ${column(owner)} = $1 AND revoked_at IS NULL`, [ownerValue(owner)]);
  }

  /** A new feed of the owner; returns when it was made. */
  async insert(db: EntityManager, owner: FeedOwner, tokenHash: Buffer, createdBy: { id: string; locale: Locale }): Promise<{ createdAt: string }> {
    const [created] = await db.query(
      `INSERT INTO calendar_feeds (token_hash, ${column(owner)}, locale, created_by_id) VALUES ($1, $2, $3, $4) RETURNING created_at AS "createdAt"`,
      [tokenHash, ownerValue(owner), createdBy.locale, createdBy.id],
    );
    return created;
  }

  /** The usable feed behind a token hash. */
  async byToken(db: EntityManager, tokenHash: Buffer): Promise<FeedRow | undefined> {
    const [feed] = await db.query(
      `SELECT f.id, f.user_id AS "userId", f.organisation_id AS "organisationId", coalesce(u.locale, f.locale) AS locale, coalesce(u.name, o.name) AS name
         FROM calendar_feeds f LEFT JOIN users u ON u.id = f.user_id LEFT JOIN organisations o ON o.id = f.organisation_id
        WHERE f.token_hash = $1 AND ${usable('f')}`,
      [tokenHash],
    );
    return feed;
  }

  /** Records a use, at most once a minute (calendar apps poll every few minutes). */
  async touch(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE calendar_feeds SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  /** The visible bookings a person made or trains, ending after `since`, at most `limit`. */
  personBookings(db: EntityManager, userId: string, since: Date, limit: number): Promise<BookingFacts[]> {
    return db.query(
      `${FACTS_SQL} WHERE (b.booked_by_id = $1 OR b.trainer_id = $1) AND b.status IN ${VISIBLE} AND ${NOT_A_SESSION} AND upper(b.period) > $2 ORDER BY lower(b.period) LIMIT ${limit}`,
      [userId, since],
    );
  }

  /** The visible bookings of an organisation's equipment, ending after `since`, at most `limit`. */
  organisationBookings(db: EntityManager, organisationId: string, since: Date, limit: number): Promise<BookingFacts[]> {
    return db.query(
      `${FACTS_SQL} WHERE r.organisation_id = $1 AND b.status IN ${VISIBLE} AND ${NOT_A_SESSION} AND upper(b.period) > $2 ORDER BY lower(b.period) LIMIT ${limit}`,
      [organisationId, since],
    );
  }

  /**
   * The sessions a person published, or that a group of one of their organisations registered for (or
   * was registered for and cancelled: the event then shows as cancelled), ending after `since`.
   */
  personSessions(db: EntityManager, userId: string, since: Date, limit: number): Promise<SessionFeedRow[]> {
    const registered = `EXISTS (SELECT 1 FROM session_registrations sr WHERE sr.session_id = ts.id AND ${PERSON_REGISTRATIONS})`;
    return db.query(`${sessionFeedSql('ts.created_by_id = $1', PERSON_REGISTRATIONS, `ts.created_by_id = $1 OR ${registered}`)} LIMIT ${limit}`, [userId, since]);
  }

  /** The sessions an organisation hosts (on its items or at its sites), ending after `since`. */
  organisationSessions(db: EntityManager, organisationId: string, since: Date, limit: number): Promise<SessionFeedRow[]> {
    return db.query(`${sessionFeedSql('true', 'sr.organisation_id = $1', 'ts.organisation_id = $1')} LIMIT ${limit}`, [organisationId, since]);
  }
}
