import type { WaitlistEntry } from '@equipole/shared';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import type { EntityManager } from 'typeorm';
import { namesJson } from '../database/sql/fragments/resource-json';

/** One place on a waiting list, as the API answers it (the shared contract). */
export type WaitlistEntryView = WaitlistEntry;

/** A waiting entry as a freed slot is offered to it. */
export interface WaitingEntry {
  id: string;
  user_id: string;
  organisation_id: string;
  start: Date;
  end: Date;
  purpose: string;
  occupation_id: string | null;
  participants: Record<string, number>;
}

const VIEW = `id, resource_id AS "resourceId", organisation_id AS "organisationId", lower(period) AS start, upper(period) AS "end",
  status, booking_id AS "bookingId", created_at AS "createdAt"`;

/** The waitlist's statements (`waitlist_entries`). */
@Injectable()
export class WaitlistRepository {
  /** Locks the person's row: the lock that makes counting and adding their entries one step. */
  async lockUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
  }

  /** How many future slots the person waits for. */
  async countWaiting(manager: EntityManager, userId: string, after: Date): Promise<number> {
    const [{ waiting }] = await manager.query(
      `SELECT count(*)::int AS waiting FROM waitlist_entries WHERE user_id = $1 AND status = 'waiting' AND lower(period) > $2`,
      [userId, after],
    );
    return waiting;
  }

  async insert(
    manager: EntityManager,
    entry: { resourceId: string; organisationId: string; userId: string; start: Date; end: Date; purpose: string; occupationId: string | null; participants: object },
  ): Promise<WaitlistEntryView> {
    const [row] = await manager.query(
      `INSERT INTO waitlist_entries (resource_id, organisation_id, user_id, period, purpose, occupation_id, participants)
       VALUES ($1, $2, $3, tstzrange($4, $5), $6, $7, $8) RETURNING ${VIEW}`,
      [entry.resourceId, entry.organisationId, entry.userId, entry.start, entry.end, entry.purpose, entry.occupationId, JSON.stringify(entry.participants)],
    );
    return row;
  }

  /** The person's entries, latest slot first, with the items' names. */
  mine(manager: EntityManager, userId: string): Promise<WaitlistEntryView[]> {
    return manager.query(
      `SELECT ${VIEW}, (SELECT ${namesJson('r')} FROM resources r WHERE r.id = resource_id) AS "resourceNames"
         FROM waitlist_entries WHERE user_id = $1 ORDER BY lower(period) DESC`,
      [userId],
    );
  }

  /** Cancels one of the person's waiting entries; false when there is none. */
  async cancel(manager: EntityManager, id: string, userId: string): Promise<boolean> {
    const [, changed] = await manager.query(
      `UPDATE waitlist_entries SET status = 'cancelled', resolved_at = now() WHERE id = $1 AND user_id = $2 AND status = 'waiting'`,
      [id, userId],
    );
    return changed > 0;
  }

  /** The item's entries still waiting for a future slot, first come first. */
  waitingFor(manager: EntityManager, resourceId: string, after: Date): Promise<WaitingEntry[]> {
    return manager.query(
      `SELECT id, user_id, organisation_id, lower(period) AS start, upper(period) AS "end", purpose, occupation_id, participants
         FROM waitlist_entries WHERE resource_id = $1 AND status = 'waiting' AND lower(period) > $2 ORDER BY created_at, id`,
      [resourceId, after],
    );
  }

  async markOffered(manager: EntityManager, id: string, bookingId: string): Promise<void> {
    await manager.query(`UPDATE waitlist_entries SET status = 'offered', booking_id = $2, resolved_at = now() WHERE id = $1`, [id, bookingId]);
  }

  /** An active person as the booking engine sees a user (memberships without names); undefined when deactivated. */
  async activeUser(manager: EntityManager, userId: string): Promise<AuthUser | undefined> {
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
