import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type CalendarFeedCreated, type CalendarFeedStatus, type Locale } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { hashToken, newToken } from '../auth/secrets';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BookingNotifications, FACTS_SQL, resourceName, type BookingFacts } from '../notifications/booking-notifications.service';
import { newCalendar } from '../notifications/calendar';
import { translate } from '@equipole/shared';

export type FeedOwner = { userId: string } | { organisationId: string };

const VISIBLE = `('pending', 'confirmed', 'completed', 'no_show')`;
/** How far back a feed goes; the future is complete. */
const PAST_DAYS = 90;
const MAX_EVENTS = 5000;

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

/**
 * Secret calendar feed URLs: one per person (their bookings) and one per organisation (bookings of
 * its equipment). The token is the only secret and only its SHA-256 is stored: the URL is shown
 * when it is made, and regenerating it revokes the previous one.
 */
@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: BookingNotifications,
    private readonly clock: Clock,
  ) {}

  async status(owner: FeedOwner): Promise<CalendarFeedStatus> {
    const [row] = await this.dataSource.query(
      `SELECT created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM calendar_feeds f WHERE f.${column(owner)} = $1 AND ${usable('f')}`,
      [ownerValue(owner)],
    );
    return row ? { active: true, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt } : { active: false, createdAt: null, lastUsedAt: null };
  }

  /** A new URL; the previous one, if any, stops working in the same transaction. */
  async regenerate(owner: FeedOwner, createdBy: { id: string; locale: Locale }): Promise<CalendarFeedCreated> {
    const { token, hash } = newToken();
    const row = await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE calendar_feeds SET revoked_at = now() WHERE ${column(owner)} = $1 AND revoked_at IS NULL`, [ownerValue(owner)]);
      const [created] = await manager.query(
        `INSERT INTO calendar_feeds (token_hash, ${column(owner)}, locale, created_by_id) VALUES ($1, $2, $3, $4) RETURNING created_at AS "createdAt"`,
        [hash, ownerValue(owner), createdBy.locale, createdBy.id],
      );
      return created;
    });
    return { active: true, createdAt: row.createdAt, lastUsedAt: null, url: `${this.config.publicUrl}/api/feeds/${token}.ics` };
  }

  async revoke(owner: FeedOwner): Promise<void> {
    await this.dataSource.query(`UPDATE calendar_feeds SET revoked_at = now() WHERE ${column(owner)} = $1 AND revoked_at IS NULL`, [ownerValue(owner)]);
  }

  /** The ICS text behind a token; an unknown or revoked token is a plain 404. */
  async render(token: string, now = this.clock.now()): Promise<{ body: string; name: string }> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError(ErrorCode.NotFound);
    const [feed]: { id: string; userId: string | null; organisationId: string | null; locale: Locale; name: string }[] = await this.dataSource.query(
      `SELECT f.id, f.user_id AS "userId", f.organisation_id AS "organisationId", coalesce(u.locale, f.locale) AS locale, coalesce(u.name, o.name) AS name
         FROM calendar_feeds f LEFT JOIN users u ON u.id = f.user_id LEFT JOIN organisations o ON o.id = f.organisation_id
        WHERE f.token_hash = $1 AND ${usable('f')}`,
      [hashToken(token)],
    );
    if (!feed) throw new DomainError(ErrorCode.NotFound);
    // Calendar apps poll every few minutes: record the use at most once a minute.
    await this.dataSource.query(
      `UPDATE calendar_feeds SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [feed.id],
    );
    const since = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    const bookings: BookingFacts[] = feed.userId
      ? await this.dataSource.query(
          `${FACTS_SQL} WHERE (b.booked_by_id = $1 OR b.trainer_id = $1) AND b.status IN ${VISIBLE} AND upper(b.period) > $2 ORDER BY lower(b.period) LIMIT ${MAX_EVENTS}`,
          [feed.userId, since],
        )
      : await this.dataSource.query(
          `${FACTS_SQL} WHERE r.organisation_id = $1 AND b.status IN ${VISIBLE} AND upper(b.period) > $2 ORDER BY lower(b.period) LIMIT ${MAX_EVENTS}`,
          [feed.organisationId, since],
        );
    const locale = feed.locale;
    const entries = bookings.map((b) => {
      const subject = feed.userId ? b.ownerName : b.organisationName;
      const summary = `${b.status === 'pending' ? `${translate(locale, 'feed.pending')} – ` : ''}${resourceName(b.names, locale)} — ${subject}`;
      return this.notifications.calendarEntry(b, locale, { summary });
    });
    const name = `Equipôle — ${feed.name}`;
    return { body: newCalendar({ name, entries, ttlSeconds: 3600 }).toString(), name };
  }
}
