import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, GROUP_BENEFICIARY, GROUP_KEYS, groupSize, type BookingPurpose, type RegistrationView, type SessionKind, type SessionView,
} from '@equipole/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { type AuthUser, canManage, organisationIds, roleIn } from '../auth/auth-user';
import { localDateTime, slotTakenError } from '../bookings/booking-messages';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { CreateSessionDto, ListSessionsQuery, RecordAttendanceDto, RegisterGroupDto, UpdateSessionDto } from './dto/session.dto';
import { SessionNotices } from './session-notices.service';
import { SessionsRepository, type LockedSession, type Viewer } from './sessions.repository';

/** The booking purpose a session's blocking booking carries (what the reports split by). */
const PURPOSE: Record<SessionKind, BookingPurpose> = {
  trainer_training: 'trainer_training', occupation_discovery: 'occupation_discovery', demonstration: 'company_demo', other: 'other',
};

const MAX_SESSION_DAYS = 14;
const REMINDER_HOURS = 24;

function viewer(user: AuthUser | undefined): Viewer {
  return { mine: user ? organisationIds(user) : [], managed: user ? organisationIds(user, 'manager') : [], coordinator: Boolean(user?.isCoordinator) };
}

function fieldError(field: string, constraint: string, args: unknown[] = []): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, { details: [{ field, constraint, args }] });
}

const sqlState = (error: unknown) => (error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : {});

/**
 * Sessions (trainer training, discovery days, demonstrations) and the groups registered to them.
 * Every change of a session's seats runs in one transaction that first locks the session's row; the
 * database keeps `seats_taken` (a trigger on registrations) within `seats` (a CHECK), so even a bug
 * here could not over-allocate. A session on an item holds a confirmed booking of it, so the
 * bookings' exclusion constraint keeps sessions and bookings apart.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: SessionNotices,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthUser | undefined, query: ListSessionsQuery): Promise<SessionView[]> {
    return SessionsRepository.list(this.dataSource.manager, viewer(user), {
      from: query.past ? undefined : this.clock.now(), clusterId: query.clusterId, resourceId: query.resourceId, organisationId: query.organisationId,
      latestFirst: query.past,
    });
  }

  async get(user: AuthUser | undefined, id: string, manager: EntityManager = this.dataSource.manager): Promise<SessionView> {
    const session = await SessionsRepository.view(manager, viewer(user), id);
    if (!session || (session.status === 'cancelled' && !session.canManage)) throw new DomainError(ErrorCode.NotFound);
    return session;
  }

  async create(user: AuthUser, dto: CreateSessionDto): Promise<SessionView> {
    if (!canManage(user, dto.organisationId)) {
      throw new DomainError(roleIn(user, dto.organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
    }
    if (!dto.titleFr && !dto.titleNl && !dto.titleEn) throw fieldError('titleFr', 'isNotEmpty');
    const start = new Date(dto.start);
    const end = new Date(dto.end);
    const deadline = dto.registrationDeadline ? new Date(dto.registrationDeadline) : start;
    if (!(start < end)) throw fieldError('end', 'periodOrder');
    if (end.getTime() - start.getTime() > MAX_SESSION_DAYS * 86_400_000) throw fieldError('end', 'sessionTooLong', [MAX_SESSION_DAYS]);
    if (start <= this.clock.now()) throw fieldError('start', 'sessionInPast');
    if (deadline > start) throw fieldError('registrationDeadline', 'deadlineAfterStart');
    if (!dto.resourceId && !dto.siteId) throw fieldError('siteId', 'isDefined');

    try {
      return await this.dataSource.transaction(async (manager) => {
        let siteId = dto.siteId ?? null;
        let bookingId: string | null = null;
        if (dto.resourceId) {
          // The item, locked like a booking request locks it; its buffers widen the blocked time as for a booking.
          const item = await SessionsRepository.lockItem(manager, dto.resourceId, dto.organisationId);
          if (!item || item.status === 'retired') throw new DomainError(ErrorCode.NotFound);
          if (siteId && siteId !== item.siteId) throw fieldError('siteId', 'siteMismatch');
          siteId = item.siteId;
          try {
            bookingId = await SessionsRepository.insertBooking(manager, {
              resourceId: dto.resourceId, bookedById: user.id, start, end, purpose: PURPOSE[dto.kind], occupationId: dto.occupationIds[0] ?? null,
              decidedAt: this.clock.now(), notes: dto.titleFr ?? dto.titleNl ?? dto.titleEn,
            });
          } catch (error) {
            if (sqlState(error).code === '23P01') {
              const conflict = await SessionsRepository.firstBlocking(manager, dto.resourceId, start, end).catch(() => undefined);
              throw slotTakenError(conflict?.start ?? start, conflict?.end ?? end, item.zone);
            }
            throw error;
          }
          await SessionsRepository.logBookingCreated(manager, bookingId!, user.id);
        } else {
          if (!(await SessionsRepository.siteOfOrganisation(manager, siteId, dto.organisationId))) throw new DomainError(ErrorCode.NotFound);
        }
        if (dto.clusterId) {
          const cluster = await SessionsRepository.clusterMembership(manager, dto.clusterId, dto.organisationId);
          if (!cluster) throw new DomainError(ErrorCode.ReferenceInvalid);
          if (!cluster.member && !user.isCoordinator) throw new DomainError(ErrorCode.Forbidden);
        }
        const sessionId = await SessionsRepository.insert(manager, {
          kind: dto.kind, titleFr: dto.titleFr ?? null, titleNl: dto.titleNl ?? null, titleEn: dto.titleEn ?? null, descriptionFr: dto.descriptionFr ?? null,
          descriptionNl: dto.descriptionNl ?? null, descriptionEn: dto.descriptionEn ?? null, organisationId: dto.organisationId, clusterId: dto.clusterId ?? null,
          resourceId: dto.resourceId ?? null, siteId, bookingId, start, end, seats: dto.seats, audienceKinds: [...new Set(dto.audienceKinds)],
          audienceBeneficiaries: [...new Set(dto.audienceBeneficiaries)], registrationDeadline: deadline, createdById: user.id, occupationIds: dto.occupationIds,
        });
        return this.get(user, sessionId, manager);
      });
    } catch (error) {
      if (sqlState(error).code === '23503') throw new DomainError(ErrorCode.ReferenceInvalid);
      throw error;
    }
  }

  /**
   * Host or coordinator, while the session is published: texts, occupations, audience, deadline and
   * seats. Seats never go below those registered groups hold (the CHECK on seats_taken would refuse
   * too); more seats move waiting groups up in order, as a cancellation does.
   */
  async update(user: AuthUser, id: string, dto: UpdateSessionDto): Promise<SessionView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const session = await this.lockManaged(manager, user, id);
        if (session.status !== 'published') throw new DomainError(ErrorCode.InvalidTransition, { params: { status: session.status } });
        const deadline = dto.registrationDeadline ? new Date(dto.registrationDeadline) : undefined;
        if (deadline && deadline > session.start) throw fieldError('registrationDeadline', 'deadlineAfterStart');
        if (dto.seats !== undefined && dto.seats < session.seatsTaken) throw fieldError('seats', 'seatsBelowTaken', [session.seatsTaken]);
        await SessionsRepository.update(manager, id, {
          titleFr: dto.titleFr, titleNl: dto.titleNl, titleEn: dto.titleEn, descriptionFr: dto.descriptionFr, descriptionNl: dto.descriptionNl, descriptionEn: dto.descriptionEn,
          registrationDeadline: deadline, seats: dto.seats,
          audienceKinds: dto.audienceKinds && [...new Set(dto.audienceKinds)], audienceBeneficiaries: dto.audienceBeneficiaries && [...new Set(dto.audienceBeneficiaries)],
        }, dto.occupationIds);
        if (dto.seats !== undefined && dto.seats > session.seats) await this.promote(manager, { ...session, seats: dto.seats }, session.seatsTaken);
        return this.get(user, id, manager);
      });
    } catch (error) {
      const state = sqlState(error);
      if (state.code === '23514' && state.constraint === 'training_sessions_title') throw fieldError('titleFr', 'isNotEmpty');
      if (state.code === '23503') throw new DomainError(ErrorCode.ReferenceInvalid);
      throw error;
    }
  }

  /** Host or coordinator: the session is cancelled, its item freed and every live group told. */
  async cancel(user: AuthUser, id: string): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const session = await this.lockManaged(manager, user, id);
      if (session.status !== 'published') throw new DomainError(ErrorCode.InvalidTransition, { params: { status: session.status } });
      if (session.bookingId) {
        await SessionsRepository.cancelBooking(manager, session.bookingId, user.id, this.clock.now());
      }
      const live = await SessionsRepository.cancel(manager, id);
      await this.notices.send(manager, live, 'session_cancelled', (rid) => `session-cancelled:${rid}`);
      return this.get(user, id, manager);
    });
  }

  /** Host or coordinator: every live group with its contact. */
  async registrations(user: AuthUser, id: string): Promise<RegistrationView[]> {
    const organiser = await SessionsRepository.organiser(this.dataSource.manager, id);
    if (!organiser) throw new DomainError(ErrorCode.NotFound);
    if (!canManage(user, organiser)) throw new DomainError(roleIn(user, organiser) ? ErrorCode.Forbidden : ErrorCode.NotFound);
    return SessionsRepository.registrations(this.dataSource.manager, id);
  }

  /**
   * A group of one of the caller's organisations: registered while its seats fit, otherwise on the
   * waitlist. The session's row lock serialises concurrent registrations; the CHECK on seats_taken
   * is the last word.
   */
  async register(user: AuthUser, id: string, dto: RegisterGroupDto): Promise<RegistrationView> {
    if (!roleIn(user, dto.organisationId)) throw new DomainError(user.isCoordinator ? ErrorCode.Forbidden : ErrorCode.NotFound);
    const size = groupSize(dto.group);
    if (size === 0) throw fieldError('group', 'groupEmpty');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const session = await SessionsRepository.lock(manager, id);
        if (!session || session.status === 'cancelled') throw new DomainError(ErrorCode.NotFound);
        this.assertOpen(session);
        if (size > session.seats) throw new DomainError(ErrorCode.SessionGroupTooLarge, { params: { count: size, seats: session.seats }, details: { seats: session.seats } });
        const offTypes = GROUP_KEYS.filter((key) => dto.group[key] > 0 && session.audienceBeneficiaries.length > 0 && !session.audienceBeneficiaries.includes(GROUP_BENEFICIARY[key]));
        const kind = await SessionsRepository.organisationKind(manager, dto.organisationId);
        if (offTypes.length > 0 || (session.audienceKinds.length > 0 && !session.audienceKinds.includes(kind!))) {
          throw new DomainError(ErrorCode.AudienceMismatch, {
            details: { audienceKinds: session.audienceKinds, audienceBeneficiaries: session.audienceBeneficiaries },
            params: { audience: [...session.audienceKinds, ...session.audienceBeneficiaries].join(', ') },
          });
        }
        const status = session.seatsTaken + size <= session.seats ? 'registered' : 'waitlisted';
        const registrationId = await SessionsRepository.insertRegistration(manager, {
          sessionId: id, organisationId: dto.organisationId, registeredById: user.id, contact: dto.contact, group: dto.group, status, createdAt: this.clock.now(),
        });
        await this.notices.send(manager, [registrationId], status, (rid) => `session-${status}:${rid}`);
        return (await SessionsRepository.registration(manager, registrationId))!;
      });
    } catch (error) {
      const state = sqlState(error);
      if (state.code === '23505') throw new DomainError(ErrorCode.AlreadyExists);
      // Only reachable if the seats were miscounted above: the database refuses, the group is not registered.
      if (state.code === '23514' && state.constraint === 'training_sessions_seats_taken') throw new DomainError(ErrorCode.Conflict);
      throw error;
    }
  }

  /** Until the deadline, by a member of the registered organisation (or the host): the seats go to waiting groups that fit, in order. */
  async cancelRegistration(user: AuthUser, id: string, registrationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const session = await SessionsRepository.lock(manager, id);
      const registration = await SessionsRepository.registration(manager, registrationId);
      if (!session || !registration || registration.sessionId !== id || registration.status === 'cancelled') throw new DomainError(ErrorCode.NotFound);
      const mayCancel = roleIn(user, registration.organisation.id) || canManage(user, session.organisationId);
      if (!mayCancel) throw new DomainError(ErrorCode.NotFound);
      this.assertOpen(session);
      await SessionsRepository.setStatus(manager, registrationId, 'cancelled');
      if (registration.status === 'registered') await this.promote(manager, session, session.seatsTaken - registration.seats);
    });
  }

  /** After the start, the host records who came; the session is held, and its item's booking completed with the same figures. */
  async recordAttendance(user: AuthUser, id: string, dto: RecordAttendanceDto): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const session = await this.lockManaged(manager, user, id);
      if (session.status === 'cancelled') throw new DomainError(ErrorCode.InvalidTransition, { params: { status: session.status } });
      if (this.clock.now() < session.start) throw new DomainError(ErrorCode.RuleViolated);
      for (const line of dto.registrations) {
        if (!(await SessionsRepository.recordAttended(manager, id, line.registrationId, line.attended))) throw fieldError('registrations', 'notAttendee');
      }
      await SessionsRepository.markHeld(manager, id, this.clock.now());
      if (session.bookingId) {
        // The item's booking carries the attended participants: the reports' learner-hours count them as any booking's.
        await SessionsRepository.completeBooking(manager, session.bookingId, id, user.id, this.clock.now());
      }
      return this.get(user, id, manager);
    });
  }

  /** Registered groups of sessions starting within the next 24 hours: one reminder each (per start time). */
  async sendReminders(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await SessionsRepository.dueReminders(manager, now, REMINDER_HOURS);
      const startOf = new Map(due.map((row) => [row.id, row.startMs]));
      return this.notices.send(manager, due.map((row) => row.id), 'reminder', (rid) => `session-reminder:${rid}:${startOf.get(rid)}`);
    });
  }

  private assertOpen(session: LockedSession): void {
    if (session.status !== 'published' || this.clock.now() > session.deadline) {
      throw new DomainError(ErrorCode.RegistrationClosed, {
        details: { deadline: session.deadline.toISOString() },
        params: (locale) => ({ deadline: localDateTime(session.deadline, session.zone, locale) }),
      });
    }
  }

  private async lockManaged(manager: EntityManager, user: AuthUser, id: string): Promise<LockedSession> {
    const session = await SessionsRepository.lock(manager, id);
    if (!session) throw new DomainError(ErrorCode.NotFound);
    if (!canManage(user, session.organisationId)) throw new DomainError(roleIn(user, session.organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
    return session;
  }

  /** Waiting groups move up in the order they came, each one that fits in the seats left. */
  private async promote(manager: EntityManager, session: LockedSession, taken: number): Promise<void> {
    const promoted: string[] = [];
    for (const waiting of await SessionsRepository.waiting(manager, session.id)) {
      if (taken + waiting.seats > session.seats) continue;
      await SessionsRepository.setStatus(manager, waiting.id, 'registered');
      taken += waiting.seats;
      promoted.push(waiting.id);
    }
    await this.notices.send(manager, promoted, 'promoted', (rid) => `session-promoted:${rid}`);
  }
}

