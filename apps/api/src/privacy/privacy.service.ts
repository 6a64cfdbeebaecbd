import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type Locale, type PersonalDataExport, type PrivacyNotice } from '@equipole/shared';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AuthService, type ClientInfo } from '../auth/auth.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MailerService } from '../notifications/mailer.service';
import { type ErasureCounts, PrivacyRepository } from './privacy.repository';

/** What one run of the retention job did, by kind of data (job_runs.result and the log line). */
export interface RetentionCounts {
  bookingNotes: number;
  campaignNotes: number;
  sessionContacts: number;
  ratingComments: number;
  participantNames: number;
  sessions: number;
  emailBodies: number;
  inactiveWarned: number;
  inactiveAnonymised: number;
  /** Inactive accounts kept because they are the last manager of an organisation or the last coordinator. */
  inactiveKept: number;
  [key: string]: number;
}

/**
 * The privacy notice's facts, a person's data export, the erasure of an account (by its owner or a
 * coordinator) and the retention periods (docs/privacy.md). Erasure anonymises: the account row and
 * everything that counts in the reports stay, so no indicator moves.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: PrivacyRepository,
    private readonly auth: AuthService,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
  ) {}

  notice(): PrivacyNotice {
    const { controller, retention } = this.config.privacy;
    return {
      controller: { name: controller.name ?? null, contactEmail: controller.contactEmail ?? null, dpoAddress: controller.dpoAddress ?? null },
      retention: { ...retention },
    };
  }

  async exportFor(user: AuthUser): Promise<PersonalDataExport> {
    const data = await this.repository.exportOf(this.dataSource.manager, user.id);
    return { format: 'equipole-personal-data/1', exportedAt: this.clock.now().toISOString(), ...data };
  }

  /** The owner closes their account: their password first (throttled as a sign-in), then the erasure. */
  async closeOwnAccount(user: AuthUser, password: string, client: ClientInfo): Promise<void> {
    await this.auth.confirmPassword(user, password, client);
    await this.erase(user.id, user.id);
  }

  /** A coordinator erases someone who asked in writing; 404 for an unknown or already anonymised account. */
  async eraseByCoordinator(coordinator: AuthUser, userId: string): Promise<void> {
    await this.erase(userId, coordinator.id);
  }

  private async erase(userId: string, by: string): Promise<ErasureCounts> {
    const counts = await this.dataSource.transaction((manager) => this.eraseIn(manager, userId));
    this.logger.log({ userId, by: by === userId ? 'self' : by, ...counts }, 'Account anonymised');
    return counts;
  }

  /** Refuses (409) to leave the platform without a coordinator or an organisation without a manager. */
  private async eraseIn(manager: EntityManager, userId: string): Promise<ErasureCounts> {
    const user = await this.repository.lockUser(manager, userId);
    if (!user || user.anonymisedAt) throw new DomainError(ErrorCode.NotFound);
    if (user.isCoordinator && !(await this.repository.otherCoordinatorExists(manager, userId))) throw new DomainError(ErrorCode.LastCoordinator);
    const alone = await this.repository.managedAlone(manager, userId);
    if (alone.length > 0) {
      throw new DomainError(ErrorCode.ErasureLastManager, {
        params: { organisations: alone.map((o) => o.name).join(', ') },
        details: { organisations: alone },
      });
    }
    return this.repository.anonymise(manager, user, this.clock.now());
  }

  /**
   * Applies the retention periods once; every statement is idempotent (it touches only what is
   * still there), so a second run clears nothing more. Booking and session text follows business
   * time (the booking's period); sessions, emails and sign-ins follow the database's clock, as they
   * are written with it.
   */
  async applyRetention(now = this.clock.now()): Promise<RetentionCounts> {
    const { retention } = this.config.privacy;
    const notesBefore = DateTime.fromJSDate(now).minus({ months: retention.notesMonths }).toJSDate();
    const namesBefore = DateTime.fromJSDate(now).minus({ months: retention.participantNamesMonths }).toJSDate();
    const counts = await this.dataSource.transaction(async (manager) => ({
      bookingNotes: await this.repository.clearOldBookingText(manager, notesBefore),
      campaignNotes: await this.repository.clearOldCampaignText(manager, notesBefore),
      sessionContacts: await this.repository.clearOldSessionContacts(manager, notesBefore),
      ratingComments: await this.repository.clearOldComments(manager, notesBefore),
      participantNames: await this.repository.clearOldParticipantNames(manager, namesBefore),
      sessions: await this.repository.deleteEndedSessions(manager, retention.sessionsDays),
      emailBodies: await this.repository.clearOldEmailBodies(manager, retention.outboxDays),
    }));
    const inactive = retention.inactiveMonths > 0 ? await this.handleInactive(retention.inactiveMonths, retention.warningDays) : { inactiveWarned: 0, inactiveAnonymised: 0, inactiveKept: 0 };
    return { ...counts, ...inactive };
  }

  /** Warns accounts unused for `months`, and anonymises those still unused `warningDays` after the warning. */
  private async handleInactive(months: number, warningDays: number): Promise<Pick<RetentionCounts, 'inactiveWarned' | 'inactiveAnonymised' | 'inactiveKept'>> {
    let inactiveAnonymised = 0;
    let inactiveKept = 0;
    for (const id of await this.repository.warnedLongEnough(this.dataSource.manager, warningDays)) {
      try {
        await this.dataSource.transaction((manager) => this.eraseIn(manager, id));
        inactiveAnonymised += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        inactiveKept += 1;
      }
    }
    const erasedOn = DateTime.fromJSDate(this.clock.now()).plus({ days: warningDays });
    const inactiveWarned = await this.dataSource.transaction(async (manager) => {
      const accounts = await this.repository.inactiveToWarn(manager, months);
      for (const account of accounts) {
        await this.mailer.queue(
          manager,
          { email: account.email, locale: account.locale },
          {
            kind: 'account_inactive',
            params: { name: account.name, months, date: formatDay(erasedOn, account.locale), link: `${this.config.publicUrl}/login` },
          },
          { eventKey: `account-inactive:${account.id}:${erasedOn.toISODate()}` },
        );
        await this.repository.markWarned(manager, account.id);
      }
      return accounts.length;
    });
    return { inactiveWarned, inactiveAnonymised, inactiveKept };
  }
}

function formatDay(day: DateTime, locale: Locale): string {
  return day.setZone('Europe/Brussels').setLocale(locale === 'nl' ? 'nl-BE' : locale === 'en' ? 'en-GB' : 'fr-BE').toLocaleString(DateTime.DATE_FULL);
}
