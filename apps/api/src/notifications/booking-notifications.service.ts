import { Inject, Injectable } from '@nestjs/common';
import { translate, type BookingStatus, type Locale, type OptionalEmail, type SeriesOccurrenceReport, type ServerMessageKey } from '@equipole/shared';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { bookingUid, invitation, senderAddress, type CalendarEntry } from './calendar';
import type { BookingEmailKind, BookingEmailParams, EmailTemplate } from './email-templates';
import { type BookingFacts, BookingNotificationsRepository, type CreatedRecipients, type Recipient } from './booking-notifications.repository';
import { MailerService, type QueueOptions } from './mailer.service';

/** One email to write in the outbox, not yet rendered. */
export interface ComposedEmail {
  to: Recipient;
  template: EmailTemplate;
  options: QueueOptions;
}

type EmailOptions = { calendar?: 'REQUEST' | 'CANCEL'; category?: OptionalEmail; link?: string; params?: Partial<BookingEmailParams> };

const LUXON_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

export function resourceName(names: Record<Locale, string | null>, locale: Locale): string {
  return names[locale] ?? names.fr ?? names.nl ?? names.en ?? '';
}

/** "mar. 2 juin 2027 10:00–12:00" in the site's zone; the end date is repeated only when it differs. */
export function timeRange(start: Date, end: Date, zone: string, locale: Locale): string {
  const from = DateTime.fromJSDate(start, { zone }).setLocale(LUXON_LOCALE[locale]);
  const to = DateTime.fromJSDate(end, { zone }).setLocale(LUXON_LOCALE[locale]);
  const day = 'ccc d LLL yyyy';
  return from.hasSame(to, 'day') ? `${from.toFormat(`${day} HH:mm`)}–${to.toFormat('HH:mm')}` : `${from.toFormat(`${day} HH:mm`)} – ${to.toFormat(`${day} HH:mm`)}`;
}

/**
 * Writes the emails a booking change causes, in the transaction of that change. Each email's event
 * key names the change (a `booking_events` row, a reminder of one start time, one day's digest), so
 * queueing it again is a no-op and its Message-ID never changes between delivery attempts.
 */
@Injectable()
export class BookingNotifications {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: BookingNotificationsRepository,
  ) {}

  /** A new booking: its owner's managers hear of a request; a booking confirmed at once is confirmed to its booker. */
  async created(manager: EntityManager, bookingId: string): Promise<void> {
    const facts = await this.facts(manager, bookingId);
    if (!facts) return;
    const recipients = {
      managers: facts.status === 'pending' ? await this.repository.managersOf(manager, facts.ownerId) : [],
      booker: facts.status === 'confirmed' ? await this.repository.activeUsers(manager, [facts.bookedById]) : [],
    };
    for (const email of this.createdEmails(facts, recipients)) await this.mailer.queue(manager, email.to, email.template, email.options);
  }

  /** The emails created() writes, for a booking whose facts and recipients the caller already holds. */
  createdEmails(facts: BookingFacts, recipients: CreatedRecipients): ComposedEmail[] {
    const key = `booking-created:${facts.id}`;
    if (facts.status === 'pending') {
      return recipients.managers.flatMap((to) => this.compose(to, 'booking_requested', facts, key, { link: this.link('/partner/requests'), category: 'equipment_activity' }) ?? []);
    }
    if (facts.status === 'confirmed') return recipients.booker.flatMap((to) => this.compose(to, 'booking_confirmed', facts, key, { calendar: 'REQUEST' }) ?? []);
    return [];
  }

  /**
   * A series: one notice for all its pending dates to the owner's managers, and one email to its
   * booker listing the dates booked (or requested) and skipped, with one invitation holding every
   * confirmed date.
   */
  async seriesCreated(manager: EntityManager, seriesId: string, report: SeriesOccurrenceReport[]): Promise<void> {
    const bookingIds = report.flatMap((entry) => (entry.bookingId ? [entry.bookingId] : []));
    if (bookingIds.length === 0) return;
    const booked = await this.repository.factsOf(manager, bookingIds);
    const first = booked[0];
    if (!first) return;
    const key = `series-created:${seriesId}`;
    // The booker may manage the owner too: their own email needs a key of its own (one email per key and recipient).
    const bookerKey = `series-booked:${seriesId}`;
    const pending = first.status === 'pending';
    if (pending) {
      for (const to of await this.repository.managersOf(manager, first.ownerId)) {
        await this.send(manager, to, 'booking_requested', first, key, { link: this.link('/partner/requests'), category: 'equipment_activity', params: { count: booked.length } });
      }
    }
    for (const to of await this.repository.activeUsers(manager, [first.bookedById])) {
      const skipped = report
        .filter((entry) => entry.outcome === 'skipped')
        .map((entry) => `${timeRange(new Date(entry.start), new Date(entry.end), first.zone, to.locale)}${entry.message ? ` — ${entry.message}` : ''}`);
      const dates = booked.map((facts) => timeRange(facts.start, facts.end, facts.zone, to.locale));
      const confirmed = booked.filter((facts) => facts.status === 'confirmed');
      const calendar = confirmed.length
        ? {
            method: 'REQUEST' as const,
            content: invitation('REQUEST', confirmed.map((facts) => ({ ...this.calendarEntry(facts, to.locale), status: 'confirmed' as const })), senderAddress(this.config.mail.from), {
              name: to.name,
              email: to.email,
            }),
          }
        : undefined;
      const email = this.compose(to, 'booking_series', first, bookerKey, {
        link: this.link('/bookings'),
        params: { state: pending ? 'pending' : 'confirmed', count: booked.length, booked: dates, skipped, when: dates.length > 1 ? `${dates[0]} … ${dates[dates.length - 1]}` : dates[0] },
      });
      if (email) await this.mailer.queue(manager, email.to, email.template, { ...email.options, calendar, payload: { seriesId, bookingIds } });
    }
  }

  async decided(manager: EntityManager, bookingId: string, eventId: string): Promise<void> {
    const facts = await this.facts(manager, bookingId);
    if (!facts) return;
    const confirmed = facts.status === 'confirmed';
    for (const to of await this.repository.activeUsers(manager, [facts.bookedById])) {
      await this.send(manager, to, confirmed ? 'booking_confirmed' : 'booking_declined', facts, `booking-event:${eventId}`, {
        calendar: confirmed ? 'REQUEST' : undefined,
        params: { reason: facts.reason ?? undefined },
      });
    }
  }

  /** The booker always hears of it (with METHOD:CANCEL when the event is in their calendar); the owner's managers unless they did it. */
  async cancelled(manager: EntityManager, bookingId: string, eventId: string, actorId: string | null, previous: BookingStatus, options: { managers?: boolean } = {}): Promise<void> {
    const facts = await this.facts(manager, bookingId);
    if (!facts) return;
    const key = `booking-event:${eventId}`;
    const by = await this.actorName(manager, actorId);
    const wasConfirmed = previous === 'confirmed';
    for (const to of await this.repository.activeUsers(manager, [facts.bookedById])) {
      if (to.id === actorId && !wasConfirmed) continue;
      await this.send(manager, to, 'booking_cancelled', facts, key, { calendar: wasConfirmed ? 'CANCEL' : undefined, params: { by, reason: facts.reason ?? undefined } });
    }
    if (options.managers === false) return;
    for (const to of await this.repository.managersOf(manager, facts.ownerId)) {
      if (to.id === actorId || to.id === facts.bookedById) continue;
      await this.send(manager, to, 'booking_cancelled', facts, key, { category: 'equipment_activity', params: { by, reason: facts.reason ?? undefined } });
    }
  }

  async rescheduled(manager: EntityManager, bookingId: string, eventId: string, actorId: string, previous: { start: Date; end: Date; status: BookingStatus }): Promise<void> {
    const facts = await this.facts(manager, bookingId);
    if (!facts) return;
    const key = `booking-event:${eventId}`;
    const by = await this.actorName(manager, actorId);
    const confirmed = facts.status === 'confirmed';
    const calendar = confirmed ? 'REQUEST' : previous.status === 'confirmed' ? 'CANCEL' : undefined;
    for (const to of await this.repository.activeUsers(manager, [facts.bookedById])) {
      // Their calendar must follow the move even when they made it; a pending request moved by its author needs no email.
      if (to.id === actorId && !calendar) continue;
      await this.send(manager, to, 'booking_rescheduled', facts, key, {
        calendar,
        params: { by, state: confirmed ? 'confirmed' : 'pending', previous: timeRange(previous.start, previous.end, facts.zone, to.locale) },
      });
    }
    for (const to of await this.repository.managersOf(manager, facts.ownerId)) {
      if (to.id === actorId || to.id === facts.bookedById) continue;
      await this.send(manager, to, 'booking_rescheduled', facts, key, {
        category: 'equipment_activity',
        link: confirmed ? undefined : this.link('/partner/requests'),
        params: { by, state: confirmed ? 'confirmed_manager' : 'pending_manager', previous: timeRange(previous.start, previous.end, facts.zone, to.locale) },
      });
    }
  }

  async waitlistOffered(manager: EntityManager, bookingId: string, eventId: string): Promise<void> {
    const facts = await this.facts(manager, bookingId);
    if (!facts) return;
    const key = `booking-event:${eventId}`;
    const confirmed = facts.status === 'confirmed';
    for (const to of await this.repository.activeUsers(manager, [facts.bookedById])) {
      await this.send(manager, to, 'waitlist_offer', facts, key, { category: 'waitlist', calendar: confirmed ? 'REQUEST' : undefined, params: { state: confirmed ? 'confirmed' : 'pending' } });
    }
    if (!confirmed) {
      for (const to of await this.repository.managersOf(manager, facts.ownerId)) {
        await this.send(manager, to, 'booking_requested', facts, key, { link: this.link('/partner/requests'), category: 'equipment_activity' });
      }
    }
  }

  /** A booking released for want of a check-in (the auto-release job): its booker is told, in their language, with the calendar CANCEL. */
  async released(manager: EntityManager, bookingId: string, eventId: string, minutes: number): Promise<void> {
    const facts = await this.facts(manager, bookingId);
    if (!facts) return;
    for (const to of await this.repository.activeUsers(manager, [facts.bookedById])) {
      await this.send(manager, to, 'booking_released', facts, `booking-event:${eventId}`, { calendar: 'CANCEL', params: { minutes } });
    }
  }

  /**
   * A problem reported by someone who does not manage the item, to the owner's managers: what it is
   * and, for an unusable machine, the bookings it still holds, which wait for their decision. An
   * unusable machine is always told (nothing may wait silently); other reports follow the
   * `equipment_activity` preference. Returns the emails written.
   */
  async breakdownReported(
    manager: EntityManager,
    report: {
      id: string; resourceId: string; ownerId: string; names: Record<Locale, string | null>; reporterName: string; category: string; description: string; unusable: boolean;
      bookings: { organisationName: string; start: string; end: string; zone: string }[];
    },
  ): Promise<number> {
    let queued = 0;
    for (const to of await this.repository.managersOf(manager, report.ownerId)) {
      if (!report.unusable && to.optOuts.includes('equipment_activity')) continue;
      const items = report.bookings.slice(0, 25).map((b) => `${b.organisationName} — ${timeRange(new Date(b.start), new Date(b.end), b.zone, to.locale)}`);
      if (report.bookings.length > 25) items.push(`… (+${report.bookings.length - 25})`);
      const done = await this.mailer.queue(manager, to, {
        kind: 'breakdown_reported',
        params: {
          name: to.name, resource: resourceName(report.names, to.locale), reporter: report.reporterName,
          category: translate(to.locale, `email.breakdown_category.${report.category}` as ServerMessageKey), description: report.description,
          unusable: report.unusable, items, link: this.link(`/partner/equipment/${report.resourceId}/edit#editor-breakdowns`),
        },
      }, { eventKey: `breakdown-reported:${report.id}`, payload: { breakdownId: report.id, resourceId: report.resourceId } });
      if (done) queued++;
    }
    return queued;
  }

  /** The day-before reminder of one start time, to the booker and the named trainer; returns the emails written. */
  async reminder(manager: EntityManager, bookingId: string): Promise<number> {
    const facts = await this.facts(manager, bookingId);
    if (!facts || facts.status !== 'confirmed') return 0;
    let queued = 0;
    for (const to of await this.repository.activeUsers(manager, [facts.bookedById, facts.trainerId].filter((id): id is string => Boolean(id)))) {
      if (await this.send(manager, to, 'booking_reminder', facts, `reminder:${bookingId}:${new Date(facts.start).getTime()}`, { category: 'reminders' })) queued++;
    }
    return queued;
  }

  /** The owners with pending requests still ahead of `now`: those a digest is for. */
  pendingOwners(manager: EntityManager, now: Date): Promise<string[]> {
    return this.repository.pendingOwners(manager, now);
  }

  /** One day's summary of an owner's pending requests, to each of its managers; returns the emails written. */
  async digest(manager: EntityManager, ownerId: string, day: string, now: Date): Promise<number> {
    const pending = await this.repository.pendingRequestsOf(manager, ownerId, now);
    if (pending.length === 0) return 0;
    let queued = 0;
    for (const to of await this.repository.managersOf(manager, ownerId)) {
      if (to.optOuts.includes('digest')) continue;
      const items = pending.slice(0, 25).map((b) => `${resourceName(b.names, to.locale)} — ${b.organisationName} — ${timeRange(b.start, b.end, b.zone, to.locale)}`);
      if (pending.length > 25) items.push(`… (+${pending.length - 25})`);
      const done = await this.mailer.queue(
        manager, to,
        { kind: 'pending_digest', params: { name: to.name, owner: pending[0].ownerName, count: pending.length, items, link: this.link('/partner/requests') } },
        { eventKey: `digest:${ownerId}:${day}`, payload: { organisationId: ownerId, day } },
      );
      if (done) queued++;
    }
    return queued;
  }

  /** The booking as a calendar event, in a reader's language (used by the feeds too). */
  calendarEntry(facts: BookingFacts, locale: Locale, options: { summary?: string; link?: string } = {}): CalendarEntry {
    const resource = resourceName(facts.names, locale);
    const link = options.link ?? this.link(`/bookings/${facts.id}`);
    return {
      uid: bookingUid(facts.id),
      sequence: facts.sequence,
      start: new Date(facts.start),
      end: new Date(facts.end),
      zone: facts.zone,
      summary: options.summary ?? `${resource} — ${facts.ownerName}`,
      description: `${facts.organisationName}\n${link}`,
      location: facts.location,
      url: link,
      status: facts.status === 'pending' ? 'tentative' : facts.status === 'cancelled' || facts.status === 'declined' ? 'cancelled' : 'confirmed',
    };
  }

  facts(manager: EntityManager, bookingId: string): Promise<BookingFacts | undefined> {
    return this.repository.facts(manager, bookingId);
  }

  link(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  private async send(
    manager: EntityManager,
    to: Recipient,
    kind: BookingEmailKind,
    facts: BookingFacts,
    eventKey: string,
    options: EmailOptions = {},
  ): Promise<boolean> {
    const email = this.compose(to, kind, facts, eventKey, options);
    return email ? this.mailer.queue(manager, email.to, email.template, email.options) : false;
  }

  /** The email of one change to one recipient; undefined when they opted out of its category. */
  private compose(to: Recipient, kind: BookingEmailKind, facts: BookingFacts, eventKey: string, options: EmailOptions = {}): ComposedEmail | undefined {
    if (options.category && to.optOuts.includes(options.category)) return undefined;
    const link = options.link ?? this.link(`/bookings/${facts.id}`);
    const params: BookingEmailParams = {
      name: to.name,
      resource: resourceName(facts.names, to.locale),
      owner: facts.ownerName,
      organisation: facts.organisationName,
      when: timeRange(facts.start, facts.end, facts.zone, to.locale),
      location: facts.location ?? '',
      link,
      ...options.params,
    };
    const calendar = options.calendar
      ? {
          method: options.calendar,
          content: invitation(
            options.calendar,
            { ...this.calendarEntry(facts, to.locale), status: options.calendar === 'CANCEL' ? 'cancelled' : 'confirmed' },
            senderAddress(this.config.mail.from),
            { name: to.name, email: to.email },
          ),
        }
      : undefined;
    return { to, template: { kind, params }, options: { eventKey, calendar, payload: { bookingId: facts.id } } };
  }

  private async actorName(manager: EntityManager, actorId: string | null): Promise<string> {
    if (!actorId) return 'Equipôle';
    return (await this.repository.userName(manager, actorId)) ?? 'Equipôle';
  }
}
