import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import {
  checkBookingRules, errorMessage, ErrorCode, expandSeries, MAX_HORIZON_DAYS, type BookingView, type ClassDetails as BookingClass, type Locale,
  type SeriesOccurrenceReport, type SeriesResult, type Span,
} from '@equipole/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '../common/clock';
import { type AuthUser, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import type { BookingFacts } from '../notifications/booking-notifications.repository';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { MailerService, outboxRow } from '../notifications/mailer.service';
import { BookingAudit } from './booking-audit.service';
import { quotaError, slotTakenError, violationError } from './booking-messages';
import { BookingsRepository, type BookingContext, type BookingInsert, type CheckRow, type InsertAudit, type RequestCheck } from './bookings.repository';
import { BookingRequestDto, CreateBookingDto, CreateSeriesDto } from './dto/booking.dto';
import { QuestionsService } from './questions.service';

const MINUTE = 60_000;

/**
 * The booking engine. Every request runs in one transaction that locks the item's row, checks every
 * rule (shared pure checks, then access, credential, quota and overlap in SQL) and inserts; the
 * exclusion constraint on `bookings.blocked` remains the last word on overlaps. Reading bookings is
 * BookingViews' work, their life after creation BookingLifecycleService's.
 */
@Injectable()
export class BookingsService {
  private readonly logger = new Logger(BookingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: BookingsRepository,
    private readonly audit: BookingAudit,
    private readonly notifications: BookingNotifications,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    private readonly questions: QuestionsService,
  ) {}

  /**
   * Four round trips: BEGIN; the item locked and everything the request is checked against and named
   * with; one statement that checks what needs the database (quota, overlap, credential, trainer)
   * and, when all pass, writes the booking, its audit row and its emails, and answers the booking's
   * view; COMMIT.
   */
  async create(user: AuthUser, dto: CreateBookingDto, now = this.clock.nowMs()): Promise<BookingView> {
    const period = { start: dto.start.getTime(), end: dto.end.getTime() };
    if (period.end <= period.start) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'end', constraint: 'closureOrder', args: [] }] });
    }
    return this.withConflictMapping(dto, user, period, () =>
      this.dataSource.transaction(async (manager) => {
        this.assertMayBookFor(user, dto);
        const context = this.found(await this.repository.lockNewBookingContext(manager, dto.resourceId, dto.organisationId, user.id));
        this.assertRules(user, context, dto, period, now);
        const { answers, questions } = await this.questions.checked(manager, context.resourceId, dto.answers);
        const booking = this.newBooking(user, context, dto, period, null);
        const facts: BookingFacts = {
          id: booking.id, status: booking.status, start: new Date(period.start), end: new Date(period.end), zone: context.zone, reason: null, names: context.names,
          resourceId: context.resourceId, ownerId: context.ownerId, ownerName: context.ownerName, organisationId: dto.organisationId,
          organisationName: context.organisationName, bookedById: user.id, trainerId: dto.trainerId ?? null, location: context.location, sequence: 0,
        };
        // The emails are written in the booking's statement: they exist exactly when the booking does.
        const emails = this.notifications.createdEmails(facts, context).map((email) => outboxRow(email.to, email.template, email.options));
        const { checks, view } = await this.repository.checkAndInsert(manager, this.requestCheck(user, context, dto, period, null), booking, this.createdAudit(user, booking), emails);
        this.throwFirstFailure(context, period, checks);
        // In the same transaction: a failure here takes the booking (and its emails) back with it.
        await this.questions.save(manager, booking.id, answers);
        this.mailer.logQueued(emails);
        return { ...view!, answers: QuestionsService.views(questions, answers) };
      }),
    );
  }

  /**
   * Books every date of a weekly pattern, expanded in the site's zone. `all_or_nothing` books all
   * or none; `skip_conflicts` books what it can and reports, date by date, what it skipped and why.
   */
  async createSeries(user: AuthUser, dto: CreateSeriesDto, now = this.clock.nowMs()): Promise<SeriesResult> {
    if (dto.startsOn > dto.endsOn || dto.startTime >= dto.endTime) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: dto.startsOn > dto.endsOn ? 'endsOn' : 'endTime', constraint: 'closureOrder', args: [] }] });
    }
    const locale: Locale = user.locale;
    return this.dataSource.transaction(async (manager) => {
      const context = await this.loadContext(manager, user, dto);
      const { answers } = await this.questions.checked(manager, context.resourceId, dto.answers);
      const occurrences = expandSeries(dto, context.zone);
      if (occurrences.length === 0 || occurrences.length > 200) {
        throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'endsOn', constraint: occurrences.length ? 'arrayMaxSize' : 'arrayMinSize', args: [occurrences.length ? 200 : 1] }] });
      }
      const seriesId = await this.repository.insertSeries(manager, { ...dto, bookedById: user.id });
      const report: SeriesOccurrenceReport[] = [];
      for (const occurrence of occurrences) {
        const period = { start: occurrence.start, end: occurrence.end };
        const entry: SeriesOccurrenceReport = { date: occurrence.date, start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString(), outcome: 'booked' };
        try {
          await this.assertBookable(manager, user, context, dto, period, now);
          if (dto.mode === 'skip_conflicts' || !report.some((r) => r.outcome === 'skipped')) {
            entry.bookingId = await this.insert(manager, user, context, dto, period, seriesId);
            await this.questions.save(manager, entry.bookingId, answers);
          }
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const params = typeof error.params === 'function' ? error.params(locale) : error.params;
          Object.assign(entry, { outcome: 'skipped', code: error.code, message: errorMessage(error.code, locale, params) });
        }
        report.push(entry);
      }
      const skipped = report.filter((r) => r.outcome === 'skipped');
      if (dto.mode === 'all_or_nothing' && skipped.length > 0) {
        throw new DomainError(ErrorCode.SeriesConflicts, {
          details: { occurrences: report.map(({ bookingId: _id, ...r }) => (r.outcome === 'booked' ? { ...r, outcome: 'bookable' } : r)) },
          params: { count: skipped.length },
        });
      }
      await this.repository.setSeriesReport(manager, seriesId, report);
      await this.notifications.seriesCreated(manager, seriesId, report);
      await this.audit.record(manager, user, null, 'series_created', { booked: report.length - skipped.length, skipped: skipped.length }, seriesId);
      return { seriesId, booked: report.length - skipped.length, skipped: skipped.length, occurrences: report };
    });
  }

  /** Reads the item, its rules and closures under `FOR UPDATE`, so requests for one item run one at a time. */
  async loadContext(manager: EntityManager, user: AuthUser, dto: Pick<BookingRequestDto, 'resourceId' | 'organisationId'>): Promise<BookingContext> {
    this.assertMayBookFor(user, dto);
    return this.found(await this.repository.lockContext(manager, dto.resourceId, dto.organisationId));
  }

  /** Throws the first broken rule: access, the item's own rules, credential, quota, then overlap. */
  async assertBookable(
    manager: EntityManager,
    user: AuthUser,
    context: BookingContext,
    request: BookingRequestDto,
    period: Span,
    now: number,
    excludeBookingId: string | null = null,
  ): Promise<void> {
    this.assertRules(user, context, request, period, now);
    this.throwFirstFailure(context, period, await this.repository.check(manager, this.requestCheck(user, context, request, period, excludeBookingId)));
  }

  /**
   * The rules that need no database: access policy, then the item's own rules (libs/shared). Also
   * what a waitlist entry must pass: it waits for a slot that would be bookable if it were free.
   */
  assertRules(user: AuthUser, context: BookingContext, request: BookingRequestDto, period: Span, now: number): void {
    const isOwner = request.organisationId === context.ownerId;
    const policy = context.rules.accessPolicy;
    if (!isOwner && !user.isCoordinator && ((policy === 'clusters' && !context.sharesCluster) || (policy === 'listed' && !context.rules.allowedOrganisationIds.includes(request.organisationId)))) {
      throw new DomainError(ErrorCode.BookingNotAllowed);
    }
    this.assertItemRules(context, request, period, now);
  }

  /** The item's own rules (libs/shared): status, lead time, horizon, durations, slot grid, opening hours, closures, capacity. */
  private assertItemRules(context: BookingContext, request: Pick<BookingRequestDto, 'participants'>, period: Span, now: number): void {
    const participants = Object.values(request.participants ?? {}).reduce((sum: number, n) => sum + (Number(n) || 0), 0);
    const violation = checkBookingRules({
      now, period, zone: context.zone, rules: context.rules, status: context.status, capacity: context.capacity, participants, closures: context.closures,
    });
    if (violation) throw violationError(violation);
  }

  /**
   * A booking the item's owner placed (a published campaign allocation): confirmed at once, booked by
   * the requester, in the caller's transaction, under the item's lock. It must fit the item's opening
   * hours, closures, slot grid and durations and overlap no holding booking; the lead time and the
   * horizon do not apply (the owner allocates a whole school year), nor do the weekly quotas and the
   * credential (the campaign's caps and the owner's decision stand for them). The exclusion constraint
   * still has the last word. Throws the DomainError of the first broken rule.
   */
  async createPlaced(
    manager: EntityManager,
    placed: { actorId: string; bookedById: string; campaignId: string },
    dto: BookingRequestDto & { class: BookingClass },
    period: Span,
    now: number,
  ): Promise<string> {
    const context = this.found(await this.repository.lockContext(manager, dto.resourceId, dto.organisationId));
    const placedContext: BookingContext = {
      ...context,
      credential: null,
      rules: { ...context.rules, leadTimeMinutes: 0, horizonDays: MAX_HORIZON_DAYS, quotaWeekMinutes: null, quotaMonthMinutes: null },
    };
    this.assertItemRules(placedContext, dto, period, now);
    const booker = { id: placed.bookedById };
    this.throwFirstFailure(placedContext, period, await this.repository.check(manager, this.requestCheck(booker, placedContext, dto, period, null)));
    const booking = { ...this.newBooking(booker, placedContext, dto, period, null), status: 'confirmed' as const };
    const audit = this.createdAudit({ id: placed.actorId }, booking);
    await this.repository.insert(manager, booking, { ...audit, details: { ...audit.details, campaignId: placed.campaignId } });
    await this.repository.setCampaign(manager, booking.id, placed.campaignId);
    return booking.id;
  }

  /** Inserts a request already checked by assertBookable, for someone else (the waitlist). */
  insertFor(manager: EntityManager, user: AuthUser, context: BookingContext, dto: BookingRequestDto, period: Span): Promise<string> {
    return this.insert(manager, user, context, dto, period);
  }

  /** A request already checked by assertBookable: the booking and its audit row, in one statement. */
  private async insert(manager: EntityManager, user: AuthUser, context: BookingContext, dto: BookingRequestDto, period: Span, seriesId: string | null = null): Promise<string> {
    const booking = this.newBooking(user, context, dto, period, seriesId);
    await this.repository.insert(manager, booking, this.createdAudit(user, booking));
    return booking.id;
  }

  private newBooking(booker: Pick<AuthUser, 'id'>, context: BookingContext, dto: BookingRequestDto, period: Span, seriesId: string | null): BookingInsert {
    return {
      id: randomUUID(), resourceId: context.resourceId, organisationId: dto.organisationId, bookedById: booker.id, trainerId: dto.trainerId ?? null,
      period, blocked: this.blocked(context, period), status: this.initialStatus(context, dto.organisationId), purpose: dto.purpose,
      occupationId: dto.occupationId ?? null, participants: dto.participants, notes: dto.notes ?? null, seriesId,
      // Business time: the reminder job compares it with the start ("made less than a day ahead").
      createdAt: this.clock.now(), class: dto.class,
    };
  }

  private createdAudit(actor: Pick<AuthUser, 'id'>, booking: BookingInsert): InsertAudit {
    const details = { status: booking.status, start: new Date(booking.period.start).toISOString(), end: new Date(booking.period.end).toISOString() };
    return { actorId: actor.id, details, seriesId: booking.seriesId };
  }

  /** What the database checks of a request: the values each check compares with, computed here. */
  private requestCheck(user: Pick<AuthUser, 'id'>, context: BookingContext, request: BookingRequestDto, period: Span, excludeBookingId: string | null): RequestCheck {
    const start = DateTime.fromMillis(period.start, { zone: context.zone });
    const bounds = (unit: 'week' | 'month', limit: number | null) => ({ from: start.startOf(unit).toJSDate(), to: start.endOf(unit).toJSDate(), limit });
    return {
      resourceId: context.resourceId,
      organisationId: request.organisationId,
      trainerId: request.trainerId ?? null,
      credential: context.credential
        ? { id: context.credential.id, holderIds: [user.id, request.trainerId].filter((id): id is string => Boolean(id)), until: this.credentialUntil(context, period) }
        : null,
      minutes: (period.end - period.start) / MINUTE,
      week: bounds('week', context.rules.quotaWeekMinutes),
      month: bounds('month', context.rules.quotaMonthMinutes),
      blocked: this.blocked(context, period),
      excludeBookingId,
    };
  }

  /** The checks of the repository's check statement as errors, in the order assertBookable promises. */
  private throwFirstFailure(context: BookingContext, period: Span, row: CheckRow): void {
    if (!row.trainerOk) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'trainerId' } });
    if (!row.credentialOk) {
      const credential = context.credential!;
      const until = this.credentialUntil(context, period);
      throw new DomainError(ErrorCode.CredentialRequired, {
        details: { credentialId: credential.id, until },
        params: (locale) => ({ credential: credential.name, until: DateTime.fromISO(until).setLocale(locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : 'en-GB').toFormat('d LLLL yyyy') }),
      });
    }
    if (row.weekOk === false) throw quotaError('week', row.weekUsed!, context.rules.quotaWeekMinutes!);
    if (row.monthOk === false) throw quotaError('month', row.monthUsed!, context.rules.quotaMonthMinutes!);
    if (row.conflictStart) throw slotTakenError(row.conflictStart, row.conflictEnd!, context.zone, period);
  }

  /** The last local day a credential must still be valid on: the day the booking ends. */
  private credentialUntil(context: BookingContext, period: Span): string {
    return DateTime.fromMillis(period.end - 1, { zone: context.zone }).toISODate()!;
  }

  blocked(context: BookingContext, period: Span): Span {
    return { start: period.start - context.rules.bufferBeforeMinutes * MINUTE, end: period.end + context.rules.bufferAfterMinutes * MINUTE };
  }

  /** Automatic approval, owner approval, or automatic for members of a cluster the item is offered in. */
  initialStatus(context: BookingContext, organisationId: string): 'pending' | 'confirmed' {
    if (organisationId === context.ownerId) return 'confirmed';
    const mode = context.rules.approvalMode;
    return mode === 'automatic' || (mode === 'cluster_automatic' && context.sharesCluster) ? 'confirmed' : 'pending';
  }

  /** Only members of the booking organisation (and coordinators) book for it; others learn nothing of it. */
  private assertMayBookFor(user: AuthUser, dto: Pick<BookingRequestDto, 'organisationId'>): void {
    if (!user.isCoordinator && !roleIn(user, dto.organisationId)) throw new DomainError(ErrorCode.NotFound, { details: { field: 'organisationId' } });
  }

  private found<T>(context: T | undefined): T {
    if (!context) throw new DomainError(ErrorCode.NotFound, { details: { field: 'resourceId' } });
    return context;
  }

  /**
   * Runs a booking write; the database's exclusion constraint (SQLSTATE 23P01) becomes SLOT_TAKEN with
   * the conflicting times, and refused requests are kept as unmet demand.
   */
  async withConflictMapping<T>(dto: BookingRequestDto, user: AuthUser, period: Span, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      let failure = error;
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
        const conflict = await this.repository.firstHolding(this.dataSource.manager, dto.resourceId, new Date(period.start - 86_400_000), new Date(period.end + 86_400_000));
        failure = conflict ? slotTakenError(conflict.start, conflict.end, conflict.zone) : new DomainError(ErrorCode.SlotTaken, { params: { start: '', end: '', buffer: '' } });
      }
      if (failure instanceof DomainError && failure.code === ErrorCode.SlotTaken) {
        await this.repository
          .recordRefusal(this.dataSource.manager, { resourceId: dto.resourceId, organisationId: dto.organisationId, userId: user.id, period, code: failure.code })
          .catch((cause: unknown) => this.logger.warn({ err: cause }, 'Could not record a refused request'));
      }
      throw failure;
    }
  }
}
