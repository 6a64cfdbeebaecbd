import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type CalendarFeedCreated, type CalendarFeedStatus, type Locale } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { hashToken, newToken } from '../auth/secrets';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BookingNotifications, resourceName } from '../notifications/booking-notifications.service';
import { newCalendar, sessionUid, type CalendarEntry } from '../notifications/calendar';
import { translate } from '@equipole/shared';
import { type FeedOwner, FeedsRepository, type SessionFeedRow } from './feeds.repository';

/** How far back a feed goes; the future is complete. */
const PAST_DAYS = 90;
const MAX_EVENTS = 5000;

/**
 * Secret calendar feed URLs: one per person (their bookings, the sessions they published and those
 * their organisations registered a group for) and one per organisation (bookings of its equipment and
 * the sessions it hosts). The token is the only secret and only its SHA-256 is stored: the URL is shown
 * when it is made, and regenerating it revokes the previous one.
 */
@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: BookingNotifications,
    private readonly clock: Clock,
    private readonly repository: FeedsRepository,
  ) {}

  async status(owner: FeedOwner): Promise<CalendarFeedStatus> {
    const row = await this.repository.usable(this.dataSource.manager, owner);
    return row ? { active: true, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt } : { active: false, createdAt: null, lastUsedAt: null };
  }

  /** A new URL; the previous one, if any, stops working in the same transaction. */
  async regenerate(owner: FeedOwner, createdBy: { id: string; locale: Locale }): Promise<CalendarFeedCreated> {
    const { token, hash } = newToken();
    const row = await this.dataSource.transaction(async (manager) => {
      await this.repository.revoke(manager, owner);
      return this.repository.insert(manager, owner, hash, createdBy);
    });
    return { active: true, createdAt: row.createdAt, lastUsedAt: null, url: `${this.config.publicUrl}/api/feeds/${token}.ics` };
  }

  async revoke(owner: FeedOwner): Promise<void> {
    await this.repository.revoke(this.dataSource.manager, owner);
  }

  /** The ICS text behind a token; an unknown or revoked token is a plain 404. */
  async render(token: string, now = this.clock.now()): Promise<{ body: string; name: string }> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError(ErrorCode.NotFound);
    const feed = await this.repository.byToken(this.dataSource.manager, hashToken(token));
    if (!feed) throw new DomainError(ErrorCode.NotFound);
    await this.repository.touch(this.dataSource.manager, feed.id);
    const since = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    const bookings = feed.userId
      ? await this.repository.personBookings(this.dataSource.manager, feed.userId, since, MAX_EVENTS)
      : await this.repository.organisationBookings(this.dataSource.manager, feed.organisationId!, since, MAX_EVENTS);
    const sessions = feed.userId
      ? await this.repository.personSessions(this.dataSource.manager, feed.userId, since, MAX_EVENTS)
      : await this.repository.organisationSessions(this.dataSource.manager, feed.organisationId!, since, MAX_EVENTS);
    const locale = feed.locale;
    const entries = bookings.map((b) => {
      const subject = feed.userId ? b.ownerName : b.organisationName;
      const summary = `${b.status === 'pending' ? `${translate(locale, 'feed.pending')} – ` : ''}${resourceName(b.names, locale)} — ${subject}`;
      return this.notifications.calendarEntry(b, locale, { summary });
    });
    entries.push(...sessions.map((session) => this.sessionEntry(session, locale)));
    entries.sort((a, b) => a.start.getTime() - b.start.getTime());
    const name = `Equipôle — ${feed.name}`;
    return { body: newCalendar({ name, entries, ttlSeconds: 3600 }).toString(), name };
  }

  /**
   * A session under its own UID: cancelled when the session is, or when every group of the reader's
   * organisations was cancelled; tentative while they are only on the waitlist.
   */
  private sessionEntry(session: SessionFeedRow, locale: Locale): CalendarEntry {
    const state: CalendarEntry['status'] =
      session.status === 'cancelled' ? 'cancelled'
        : session.hosting || session.registrations.includes('registered') ? 'confirmed'
          : session.registrations.includes('waitlisted') ? 'tentative' : 'cancelled';
    const title = resourceName(session.titles, locale);
    const link = `${this.config.publicUrl}/sessions/${session.id}`;
    return {
      uid: sessionUid(session.id), sequence: session.sequence, start: new Date(session.start), end: new Date(session.end), zone: session.zone,
      summary: `${state === 'tentative' ? `${translate(locale, 'feed.waitlisted')} – ` : ''}${title} — ${session.hostName}`,
      description: `${session.hostName}\n${link}`, location: session.location, url: link, status: state,
    };
  }
}
