import { Inject, Injectable } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { localDateTime, localTime } from '../bookings/booking-messages';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { SessionEmailParams } from '../notifications/email-templates';
import { MailerService } from '../notifications/mailer.service';

interface NoticeFacts {
  id: string;
  sessionId: string;
  contactName: string;
  contactEmail: string;
  locale: Locale;
  titles: Record<Locale, string | null>;
  host: string;
  organisation: string;
  start: Date;
  end: Date;
  zone: string;
  location: string;
  seats: number;
}

/** The emails about a group's place in a session, written to the outbox in the caller's transaction. */
@Injectable()
export class SessionNotices {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One email per registration to its contact, in the language of the person who registered it.
   * `eventKey` makes it once only (the outbox skips a Message-ID it already holds).
   */
  async send(manager: EntityManager, registrationIds: string[], state: SessionEmailParams['state'], eventKey: (id: string) => string): Promise<number> {
    if (registrationIds.length === 0) return 0;
    const facts: NoticeFacts[] = await manager.query(
      `SELECT sr.id, sr.session_id AS "sessionId", sr.contact_name AS "contactName", sr.contact_email AS "contactEmail", coalesce(u.locale, 'fr') AS locale,
              json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en) AS titles, host.name AS host, ro.name AS organisation,
              lower(ts.period) AS start, upper(ts.period) AS "end", s.time_zone AS zone,
              concat_ws(', ', s.name, nullif(s.address, ''), nullif(concat_ws(' ', s.postcode, s.city), '')) AS location, sr.seats
         FROM session_registrations sr JOIN training_sessions ts ON ts.id = sr.session_id JOIN organisations host ON host.id = ts.organisation_id
         JOIN organisations ro ON ro.id = sr.organisation_id JOIN sites s ON s.id = ts.site_id LEFT JOIN users u ON u.id = sr.registered_by_id
        WHERE sr.id = ANY($1::uuid[])`,
      [registrationIds],
    );
    let sent = 0;
    for (const fact of facts) {
      const locale = fact.locale;
      const queued = await this.mailer.queue(manager, { email: fact.contactEmail, locale }, {
        kind: 'session_notice',
        params: {
          name: fact.contactName, state, title: fact.titles[locale] ?? fact.titles.fr ?? fact.titles.nl ?? fact.titles.en ?? '',
          host: fact.host, organisation: fact.organisation, seats: fact.seats, location: fact.location,
          when: `${localDateTime(fact.start, fact.zone, locale)}–${localTime(fact.end, fact.zone)}`,
          link: `${this.config.publicUrl}/sessions/${fact.sessionId}`,
        },
      }, { eventKey: eventKey(fact.id) });
      if (queued) sent++;
    }
    return sent;
  }
}
