import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CookieOptions } from 'express';
import type { SessionSummary } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthUser } from './auth-user';
import { hashToken, newToken } from './secrets';

export const SESSION_COOKIE = 'equipole_session';
const IDLE_DAYS = 7;
const ABSOLUTE_DAYS = 30;
/** Sliding expiry is written at most this often, not on every request. */
const TOUCH_AFTER_MS = 5 * 60_000;

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.publicUrl.startsWith('https:'),
      path: '/',
      maxAge: ABSOLUTE_DAYS * 86_400_000,
    };
  }

  async create(manager: EntityManager, userId: string, client: { ip?: string; userAgent?: string }): Promise<string> {
    const { token, hash } = newToken();
    await manager.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent)
       VALUES ($1, $2, now() + make_interval(days => $3), $4, $5)`,
      [hash, userId, IDLE_DAYS, client.ip ?? null, client.userAgent?.slice(0, 300) ?? null],
    );
    return token;
  }

  /** The user behind a session token, with their memberships, in one query; undefined when invalid. */
  async resolve(token: string): Promise<AuthUser | undefined> {
    const rows: (AuthUser & { lastSeenAt: Date })[] = await this.dataSource.query(
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
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_AFTER_MS) {
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = now(),
                expires_at = least(created_at + make_interval(days => $2), now() + make_interval(days => $3))
          WHERE id = $1`,
        [row.sessionId, ABSOLUTE_DAYS, IDLE_DAYS],
      );
    }
    const { lastSeenAt: _lastSeenAt, ...user } = row;
    return user;
  }

  async list(user: AuthUser): Promise<SessionSummary[]> {
    const rows: Omit<SessionSummary, 'current'>[] = await this.dataSource.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent"
         FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
        ORDER BY last_seen_at DESC`,
      [user.id],
    );
    return rows.map((row) => ({ ...row, current: row.id === user.sessionId }));
  }

  /** Revokes one of the user's own sessions; false when it is not theirs (or already gone). */
  async revoke(user: AuthUser, sessionId: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      'UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
      [sessionId, user.id],
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
