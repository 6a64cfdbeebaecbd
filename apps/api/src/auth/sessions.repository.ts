import { Injectable } from '@nestjs/common';
import type { SessionSummary } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from './auth-user';

/**
 * The statements on `sessions` (signed-in browsers; only the token's SHA-256 is stored). Lifetimes
 * are infrastructure time: the database's `now()`.
 */
@Injectable()
export class SessionsRepository {
  async insert(manager: EntityManager, session: { hash: Buffer; userId: string; idleDays: number; ip: string | null; userAgent: string | null }): Promise<void> {
    await manager.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent)
       VALUES ($1, $2, now() + make_interval(days => $3), $4, $5)`,
      [session.hash, session.userId, session.idleDays, session.ip, session.userAgent],
    );
  }

  /** The active user behind a live session, with their memberships and when the session was last seen. */
  async resolve(manager: EntityManager, tokenHash: Buffer): Promise<(AuthUser & { lastSeenAt: Date }) | undefined> {
    const [row]: (AuthUser & { lastSeenAt: Date })[] = await manager.query(
      `SELECT s.id AS "sessionId", s.last_seen_at AS "lastSeenAt", u.id, u.email, u.name, u.locale,
              u.is_coordinator AS "isCoordinator",
              coalesce(json_agg(json_build_object('organisationId', m.organisation_id, 'organisationName', o.name, 'role', m.role)
                                ORDER BY o.name) FILTER (WHERE m.user_id IS NOT NULL), '[]') AS memberships
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.active
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
        GROUP BY s.id, u.id`,
      [tokenHash],
    );
    return row;
  }

  /** Slides the expiry: `idleDays` from now, never beyond `absoluteDays` after the sign-in. */
  async touch(manager: EntityManager, sessionId: string, lifetime: { idleDays: number; absoluteDays: number }): Promise<void> {
    await manager.query(
      `UPDATE sessions SET last_seen_at = now(),
              expires_at = least(created_at + make_interval(days => $2), now() + make_interval(days => $3))
        WHERE id = $1`,
      [sessionId, lifetime.absoluteDays, lifetime.idleDays],
    );
  }

  /** The user's live sessions, the most recently seen first. */
  listLive(manager: EntityManager, userId: string): Promise<Omit<SessionSummary, 'current'>[]> {
    return manager.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent"
         FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
        ORDER BY last_seen_at DESC`,
      [userId],
    );
  }

  /** False when the session is not the user's or already revoked. */
  async revoke(manager: EntityManager, userId: string, sessionId: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      'UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
      [sessionId, userId],
    );
    return affected > 0;
  }

  async revokeAll(manager: EntityManager, userId: string, exceptSessionId?: string): Promise<void> {
    await manager.query(
      'UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2',
      [userId, exceptSessionId ?? null],
    );
  }
}
