import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, SATISFACTION_MIN_ANSWERS, type PendingRating, type SatisfactionAggregate, type SatisfactionSummary, type TranslatedOptional,
} from '@equipole/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { type AuthUser, organisationIds } from '../auth/auth-user';
import { localDateTime } from '../bookings/booking-messages';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MailerService } from '../notifications/mailer.service';
import type { RateDto } from './dto/satisfaction.dto';
import { type AggregateRow, type Rater, type SatisfactionFilter, SatisfactionRepository } from './satisfaction.repository';

/** How long after its end a booking or session may still be rated, and is asked for. */
const RATING_WINDOW_DAYS = 60;

const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** Averages only from SATISFACTION_MIN_ANSWERS answers on (each side counted apart); below, the figures are hidden. */
export function toAggregate(row: AggregateRow | undefined): SatisfactionAggregate {
  const answers = row?.answers ?? 0;
  const shown = answers >= SATISFACTION_MIN_ANSWERS;
  const preparationShown = (row?.preparationAnswers ?? 0) >= SATISFACTION_MIN_ANSWERS;
  return {
    answers,
    hidden: !shown,
    averages: {
      equipmentCondition: shown ? round2(row!.equipmentCondition) : null,
      welcome: shown ? round2(row!.welcome) : null,
      relevance: shown ? round2(row!.relevance) : null,
      preparation: preparationShown ? round2(row!.preparation) : null,
    },
  };
}

const sqlState = (error: unknown) => (error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined);

/**
 * Satisfaction ratings: once per completed booking or attended session and side (a unique index),
 * published only as averages with their count, hidden below SATISFACTION_MIN_ANSWERS; the comments
 * go to the partner rated, never into reports.
 */
@Injectable()
export class SatisfactionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SatisfactionRepository,
  ) {}

  /** What the caller's organisations may still rate. */
  async pending(user: AuthUser): Promise<PendingRating[]> {
    return this.repository.pending(this.dataSource.manager, this.rater(user));
  }

  async rate(user: AuthUser, dto: RateDto): Promise<void> {
    const db = this.dataSource.manager;
    const subject = await this.repository.rateable(db, this.rater(user), dto.subject, dto.id, dto.rater);
    if (!subject) throw new DomainError((await this.repository.isRated(db, dto.subject, dto.id, dto.rater)) ? ErrorCode.AlreadyRated : ErrorCode.NotRateable);
    const booker = dto.rater === 'booker';
    const missing = (booker ? ['equipmentCondition', 'welcome', 'relevance'] as const : ['preparation'] as const).filter((key) => dto[key] === undefined);
    if (missing.length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: missing.map((field) => ({ field, constraint: 'isDefined', args: [] })) });
    }
    try {
      await this.repository.insert(db, {
        bookingId: dto.subject === 'booking' ? dto.id : null, registrationId: dto.subject === 'registration' ? dto.id : null, rater: dto.rater,
        organisationId: subject.organisation.id, userId: user.id, equipmentCondition: booker ? dto.equipmentCondition! : null,
        welcome: booker ? dto.welcome! : null, relevance: booker ? dto.relevance! : null, preparation: booker ? null : dto.preparation!,
        comment: dto.comment ?? null, createdAt: this.clock.now(),
      });
    } catch (error) {
      if (sqlState(error) === '23505') throw new DomainError(ErrorCode.AlreadyRated);
      throw error;
    }
  }

  /** Coordinators: every partner; managers: their own organisations as partners. Aggregates only. */
  summary(user: AuthUser, filter: SatisfactionFilter): Promise<SatisfactionSummary> {
    const managed = organisationIds(user, 'manager');
    if (!user.isCoordinator && managed.length === 0) throw new DomainError(ErrorCode.Forbidden);
    return this.aggregates(this.dataSource.manager, { ...filter, partnerIds: user.isCoordinator ? null : managed });
  }

  async aggregates(manager: EntityManager, filter: SatisfactionFilter): Promise<SatisfactionSummary> {
    const { total, clusters, partners, items } = await this.repository.aggregates(manager, filter);
    const named = <T extends { id: string }>(rows: (T & AggregateRow)[], pick: (row: T & AggregateRow) => object) =>
      rows.map((row) => ({ id: row.id, ...pick(row), satisfaction: toAggregate(row) }));
    return {
      minAnswers: SATISFACTION_MIN_ANSWERS,
      total: toAggregate(total[0]),
      clusters: named<{ id: string; name: string }>(clusters, (row) => ({ name: row.name })) as SatisfactionSummary['clusters'],
      partners: named<{ id: string; name: string }>(partners, (row) => ({ name: row.name })) as SatisfactionSummary['partners'],
      items: named<{ id: string; names: TranslatedOptional }>(items, (row) => ({ names: row.names })) as SatisfactionSummary['items'],
    };
  }

  /** Comments about the partners the caller manages (never the rater's person): for the partner only. */
  async comments(user: AuthUser): Promise<{ title: TranslatedOptional; organisation: string; rater: string; comment: string; endedAt: string }[]> {
    const managed = organisationIds(user, 'manager');
    if (managed.length === 0) throw new DomainError(ErrorCode.Forbidden);
    return this.repository.comments(this.dataSource.manager, managed);
  }

  /** Once per completed booking (with another organisation) and attended group: an email to whoever booked or registered it. */
  async requestRatings(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.repository.dueRequests(manager, now, new Date(now.getTime() - 7 * 86_400_000));
      let sent = 0;
      for (const row of due) {
        const title = row.title[row.locale] ?? row.title.fr ?? row.title.nl ?? row.title.en ?? '';
        const queued = await this.mailer.queue(manager, { email: row.email, locale: row.locale }, {
          kind: 'satisfaction_request',
          params: { name: row.name, subject: title, when: localDateTime(row.end, row.zone, row.locale), link: `${this.config.publicUrl}/satisfaction` },
        }, { eventKey: row.key });
        if (queued) sent++;
      }
      return sent;
    });
  }

  /** The caller's organisations, those they manage, and the oldest end still rated. */
  private rater(user: AuthUser): Rater {
    return { mine: organisationIds(user), managed: organisationIds(user, 'manager'), since: new Date(this.clock.now().getTime() - RATING_WINDOW_DAYS * 86_400_000) };
  }
}
