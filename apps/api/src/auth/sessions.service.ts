import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CookieOptions } from 'express';
import type { SessionSummary } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthUser } from './auth-user';
import { hashToken, newToken } from './secrets';
import { SessionsRepository } from './sessions.repository';

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
    private readonly sessions: SessionsRepository,
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
    await this.sessions.insert(manager, { hash, userId, idleDays: IDLE_DAYS, ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 300) ?? null });
    return token;
  }

  /** The user behind a session token, with their memberships, in one query; undefined when invalid. */
  async resolve(token: string): Promise<AuthUser | undefined> {
    const row = await this.sessions.resolve(this.dataSource.manager, hashToken(token));
    if (!row) return undefined;
    if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_AFTER_MS) {
      await this.sessions.touch(this.dataSource.manager, row.sessionId, { idleDays: IDLE_DAYS, absoluteDays: ABSOLUTE_DAYS });
    }
    const { lastSeenAt: _lastSeenAt, ...user } = row;
    return user;
  }

  async list(user: AuthUser): Promise<SessionSummary[]> {
    const rows = await this.sessions.listLive(this.dataSource.manager, user.id);
    return rows.map((row) => ({ ...row, current: row.id === user.sessionId }));
  }

  /** Revokes one of the user's own sessions; false when it is not theirs (or already gone). */
  revoke(user: AuthUser, sessionId: string): Promise<boolean> {
    return this.sessions.revoke(this.dataSource.manager, user.id, sessionId);
  }

  revokeAll(manager: EntityManager, userId: string, exceptSessionId?: string): Promise<void> {
    return this.sessions.revokeAll(manager, userId, exceptSessionId);
  }
}
