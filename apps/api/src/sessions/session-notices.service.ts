import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { localDateTime, localTime } from '../bookings/booking-messages';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { SessionEmailParams } from '../notifications/email-templates';
import { MailerService } from '../notifications/mailer.service';
import { SessionsRepository } from './sessions.repository';

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
    const facts = await SessionsRepository.noticeFacts(manager, registrationIds);
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
