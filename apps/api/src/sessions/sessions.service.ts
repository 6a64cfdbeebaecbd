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
import type { CreateSessionDto, ListSessionsQuery, RecordAttendanceDto, RegisterGroupDto } from './dto/session.dto';
import { SessionNotices } from './session-notices.service';
import { GROUP_COLUMN, SessionsRepository, type LockedSession, type Viewer } from './sessions.repository';

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
    const where: string[] = [`ts.status <> 'cancelled'`];
    const params: unknown[] = [];
    const add = (value: unknown, cast = '') => `$${params.push(value) + 3}${cast}`;
    if (!query.past) where.push(`upper(ts.period) > ${add(this.clock.now(), '::timestamptz')}`);
    if (query.clusterId) where.push(`ts.cluster_id = ${add(query.clusterId, '::uuid')}`);
    if (query.resourceId) where.push(`ts.resource_id = ${add(query.resourceId, '::uuid')}`);
    if (query.organisationId) where.push(`ts.organisation_id = ${add(query.organisationId, '::uuid')}`);
    return SessionsRepository.views(this.dataSource.manager, viewer(user), where.join(' AND '), params, query.past ? 'lower(ts.period) DESC' : 'lower(ts.period)');
  }

  async get(user: AuthUser | undefined, id: string, manager: EntityManager = this.dataSource.manager): Promise<SessionView> {
    const [session] = await SessionsRepository.views(manager, viewer(user), 'ts.id = $4', [id]);
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
          const [item] = await manager.query(
            `SELECT r.id, r.site_id AS "siteId", r.status, s.time_zone AS zone FROM resources r JOIN sites s ON s.id = r.site_id
              WHERE r.id = $1 AND r.organisation_id = $2 FOR UPDATE OF r`,
            [dto.resourceId, dto.organisationId],
          );
          if (!item || item.status === 'retired') throw new DomainError(ErrorCode.NotFound);
          if (siteId && siteId !== item.siteId) throw fieldError('siteId', 'siteMismatch');
          siteId = item.siteId;
          try {
            const [booking] = await manager.query(
              `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, occupation_id, decided_by_id, decided_at, notes)
               SELECT r.id, r.organisation_id, $2, tstzrange($3, $4, '[)'),
                      tstzrange($3::timestamptz - make_interval(mins => r.buffer_before_minutes), $4::timestamptz + make_interval(mins => r.buffer_after_minutes), '[)'),
                      'confirmed', $5, $6, $2, $7, $8
                 FROM resources r WHERE r.id = $1 RETURNING id`,
              [dto.resourceId, user.id, start, end, PURPOSE[dto.kind], dto.occupationIds[0] ?? null, this.clock.now(), dto.titleFr ?? dto.titleNl ?? dto.titleEn],
            );
            bookingId = booking.id;
          } catch (error) {
            if (sqlState(error).code === '23P01') {
              const [conflict] = await manager.query(
                `SELECT lower(period) AS start, upper(period) AS "end" FROM bookings
                  WHERE resource_id = $1 AND status IN ('pending', 'confirmed') AND blocked && tstzrange($2, $3, '[)') ORDER BY lower(period) LIMIT 1`,
                [dto.resourceId, start, end],
              ).catch(() => []);
              throw slotTakenError(conflict?.start ?? start, conflict?.end ?? end, item.zone);
            }
            throw error;
          }
          await manager.query(
            `INSERT INTO booking_events (booking_id, actor_id, action, details) VALUES ($1, $2, 'created', $3)`,
            [bookingId, user.id, JSON.stringify({ session: true })],
          );
        } else {
          const [site] = await manager.query('SELECT id FROM sites WHERE id = $1 AND organisation_id = $2', [siteId, dto.organisationId]);
          if (!site) throw new DomainError(ErrorCode.NotFound);
        }
        if (dto.clusterId) {
          const [cluster] = await manager.query(
            `SELECT EXISTS (SELECT 1 FROM cluster_members WHERE cluster_id = c.id AND organisation_id = $2) AS member FROM clusters c WHERE c.id = $1`,
            [dto.clusterId, dto.organisationId],
          );
          if (!cluster) throw new DomainError(ErrorCode.ReferenceInvalid);
          if (!cluster.member && !user.isCoordinator) throw new DomainError(ErrorCode.Forbidden);
        }
        const [session] = await manager.query(
          `INSERT INTO training_sessions (kind, title_fr, title_nl, title_en, description_fr, description_nl, description_en, organisation_id, cluster_id,
                                          resource_id, site_id, booking_id, period, seats, audience_kinds, audience_beneficiaries, registration_deadline, created_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, tstzrange($13, $14, '[)'), $15, $16, $17, $18, $19) RETURNING id`,
          [dto.kind, dto.titleFr ?? null, dto.titleNl ?? null, dto.titleEn ?? null, dto.descriptionFr ?? null, dto.descriptionNl ?? null, dto.descriptionEn ?? null,
            dto.organisationId, dto.clusterId ?? null, dto.resourceId ?? null, siteId, bookingId, start, end, dto.seats,
            [...new Set(dto.audienceKinds)], [...new Set(dto.audienceBeneficiaries)], deadline, user.id],
        );
        if (dto.occupationIds.length > 0) {
          await manager.query(
            'INSERT INTO training_session_occupations (session_id, occupation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
            [session.id, dto.occupationIds],
          );
        }
        return this.get(user, session.id, manager);
      });
    } catch (error) {
      if (sqlState(error).code === '23503') throw new DomainError(ErrorCode.ReferenceInvalid);
      throw error;
    }
  }

  /** Host or coordinator: the session is cancelled, its item freed and every live group told. */
  async cancel(user: AuthUser, id: string): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const session = await this.lockManaged(manager, user, id);
      if (session.status !== 'published') throw new DomainError(ErrorCode.InvalidTransition, { params: { status: session.status } });
      if (session.bookingId) {
        await manager.query(
          `UPDATE bookings SET status = 'cancelled', cancelled_by_id = $2, cancelled_at = $3, updated_at = now() WHERE id = $1 AND status IN ('pending', 'confirmed')`,
          [session.bookingId, user.id, this.clock.now()],
        );
      }
      const live: { id: string }[] = await manager.query(
        `SELECT id FROM session_registrations WHERE session_id = $1 AND status <> 'cancelled'`, [id],
      );
      await manager.query(`UPDATE training_sessions SET status = 'cancelled', updated_at = now() WHERE id = $1`, [id]);
      await this.notices.send(manager, live.map((r) => r.id), 'session_cancelled', (rid) => `session-cancelled:${rid}`);
      return this.get(user, id, manager);
    });
  }

  /** Host or coordinator: every live group with its contact. */
  async registrations(user: AuthUser, id: string): Promise<RegistrationView[]> {
    const [session] = await this.dataSource.query('SELECT organisation_id AS "organisationId" FROM training_sessions WHERE id = $1', [id]);
    if (!session) throw new DomainError(ErrorCode.NotFound);
    if (!canManage(user, session.organisationId)) throw new DomainError(roleIn(user, session.organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
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
        const [org] = await manager.query('SELECT kind FROM organisations WHERE id = $1', [dto.organisationId]);
        if (offTypes.length > 0 || (session.audienceKinds.length > 0 && !session.audienceKinds.includes(org.kind))) {
          throw new DomainError(ErrorCode.AudienceMismatch, {
            details: { audienceKinds: session.audienceKinds, audienceBeneficiaries: session.audienceBeneficiaries },
            params: { audience: [...session.audienceKinds, ...session.audienceBeneficiaries].join(', ') },
          });
        }
        const status = session.seatsTaken + size <= session.seats ? 'registered' : 'waitlisted';
        const [row] = await manager.query(
          `INSERT INTO session_registrations (session_id, organisation_id, registered_by_id, contact_name, contact_email, contact_phone,
                                              pupils, apprentices, job_seekers, trainers, employees, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
          [id, dto.organisationId, user.id, dto.contact.name, dto.contact.email, dto.contact.phone ?? null,
            ...GROUP_KEYS.map((key) => dto.group[key] ?? 0), status, this.clock.now()],
        );
        await this.notices.send(manager, [row.id], status, (rid) => `session-${status}:${rid}`);
        return (await SessionsRepository.registration(manager, row.id))!;
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
        const [updated]: [unknown[], number] = await manager.query(
          `UPDATE session_registrations SET ${GROUP_KEYS.map((key, i) => `attended_${GROUP_COLUMN[key]} = $${i + 3}`).join(', ')}
            WHERE id = $1 AND session_id = $2 AND status = 'registered' RETURNING id`,
          [line.registrationId, id, ...GROUP_KEYS.map((key) => line.attended[key] ?? 0)],
        );
        if (updated.length === 0) throw fieldError('registrations', 'notAttendee');
      }
      await manager.query(`UPDATE training_sessions SET status = 'held', attendance_recorded_at = $2, updated_at = now() WHERE id = $1`, [id, this.clock.now()]);
      if (session.bookingId) {
        // The item's booking carries the attended participants: the reports' learner-hours count them as any booking's.
        await manager.query(
          `UPDATE bookings b SET status = 'completed', actual_start = lower(b.period), actual_end = upper(b.period),
                  ${GROUP_KEYS.map((key) => `actual_${GROUP_COLUMN[key]} = t.${GROUP_COLUMN[key]}`).join(', ')},
                  attendance_recorded_by_id = $2, attendance_recorded_at = $3, updated_at = now()
             FROM (SELECT ${GROUP_KEYS.map((key) => `coalesce(sum(attended_${GROUP_COLUMN[key]}), 0)::int AS ${GROUP_COLUMN[key]}`).join(', ')}
                     FROM session_registrations WHERE session_id = $4 AND status = 'registered') t
            WHERE b.id = $1 AND b.status IN ('confirmed', 'no_show', 'completed')`,
          [session.bookingId, user.id, this.clock.now(), id],
        );
      }
      return this.get(user, id, manager);
    });
  }

  /** Registered groups of sessions starting within the next 24 hours: one reminder each (per start time). */
  async sendReminders(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { id: string; startMs: string }[] = await manager.query(
        `SELECT sr.id, (extract(epoch FROM lower(ts.period)) * 1000)::bigint AS "startMs"
           FROM session_registrations sr JOIN training_sessions ts ON ts.id = sr.session_id
          WHERE sr.status = 'registered' AND ts.status = 'published'
            AND lower(ts.period) > $1 AND lower(ts.period) <= $1::timestamptz + make_interval(hours => $2)`,
        [now, REMINDER_HOURS],
      );
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

