import { GROUP_KEYS, type BookingPurpose, type Locale, type RegistrationView, type SessionKind, type SessionView } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

/** The registration columns, named by group key (pupils, apprentices, jobSeekers, trainers, employees). */
export const GROUP_COLUMN: Record<(typeof GROUP_KEYS)[number], string> = {
  pupils: 'pupils', apprentices: 'apprentices', jobSeekers: 'job_seekers', trainers: 'trainers', employees: 'employees',
};

const groupJson = (alias: string, prefix = '') =>
  `json_build_object(${GROUP_KEYS.map((key) => `'${key}', ${alias}.${prefix}${GROUP_COLUMN[key]}`).join(', ')})`;

export const REGISTRATION_JSON = (alias: string, org: string) => `json_build_object(
  'id', ${alias}.id, 'sessionId', ${alias}.session_id, 'organisation', json_build_object('id', ${org}.id, 'name', ${org}.name),
  'status', ${alias}.status, 'group', ${groupJson(alias)}, 'seats', ${alias}.seats,
  'contact', json_build_object('name', ${alias}.contact_name, 'email', ${alias}.contact_email, 'phone', ${alias}.contact_phone),
  'attended', CASE WHEN ${alias}.attended_pupils IS NULL THEN NULL ELSE ${groupJson(alias, 'attended_')} END,
  'createdAt', ${alias}.created_at)`;

const TRANSLATED = (alias: string, column: string) => `json_build_object('fr', ${alias}.${column}_fr, 'nl', ${alias}.${column}_nl, 'en', ${alias}.${column}_en)`;

/** A session as SessionView; $1 the caller's organisations, $2 those they manage, $3 whether they coordinate. */
const VIEW_SQL = `SELECT ts.id, ts.kind, ts.status, ${TRANSLATED('ts', 'title')} AS titles, ${TRANSLATED('ts', 'description')} AS descriptions,
    json_build_object('id', o.id, 'name', o.name, 'country', o.country) AS organisation,
    CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'name', c.name) END AS cluster,
    CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'names', ${TRANSLATED('r', 'name')}) END AS resource,
    json_build_object('id', s.id, 'name', s.name, 'city', s.city, 'country', s.country, 'timeZone', s.time_zone) AS site,
    coalesce((SELECT json_agg(json_build_object('id', oc.id, 'code', oc.code, 'labels', json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en)) ORDER BY oc.label_fr)
                FROM training_session_occupations so JOIN occupations oc ON oc.id = so.occupation_id WHERE so.session_id = ts.id), '[]') AS occupations,
    lower(ts.period) AS start, upper(ts.period) AS "end", ts.registration_deadline AS "registrationDeadline", ts.seats, ts.seats_taken AS "seatsTaken",
    (SELECT count(*)::int FROM session_registrations w WHERE w.session_id = ts.id AND w.status = 'waitlisted') AS waitlisted,
    ts.audience_kinds AS "audienceKinds", ts.audience_beneficiaries AS "audienceBeneficiaries",
    coalesce((SELECT json_agg(${REGISTRATION_JSON('sr', 'ro')} ORDER BY sr.created_at)
                FROM session_registrations sr JOIN organisations ro ON ro.id = sr.organisation_id
               WHERE sr.session_id = ts.id AND sr.status <> 'cancelled' AND sr.organisation_id = ANY($1::uuid[])), '[]') AS "myRegistrations",
    ($3::boolean OR ts.organisation_id = ANY($2::uuid[])) AS "canManage"
  FROM training_sessions ts
  JOIN organisations o ON o.id = ts.organisation_id
  JOIN sites s ON s.id = ts.site_id
  LEFT JOIN clusters c ON c.id = ts.cluster_id
  LEFT JOIN resources r ON r.id = ts.resource_id`;

export interface Viewer {
  mine: string[];
  managed: string[];
  coordinator: boolean;
}

/** The session row a registration or a change locks first: the lock serialises every change of its seats. */
export interface LockedSession {
  id: string;
  status: 'published' | 'cancelled' | 'held';
  organisationId: string;
  bookingId: string | null;
  seats: number;
  seatsTaken: number;
  start: Date;
  end: Date;
  deadline: Date;
  zone: string;
  audienceKinds: string[];
  audienceBeneficiaries: string[];
}

export interface SessionFilters {
  from?: Date;
  clusterId?: string;
  resourceId?: string;
  organisationId?: string;
  latestFirst?: boolean;
}

export interface SessionBooking {
  resourceId: string;
  bookedById: string;
  start: Date;
  end: Date;
  purpose: BookingPurpose;
  occupationId: string | null;
  decidedAt: Date;
  notes: string | null | undefined;
}

export interface NewSession {
  kind: SessionKind;
  titleFr: string | null;
  titleNl: string | null;
  titleEn: string | null;
  descriptionFr: string | null;
  descriptionNl: string | null;
  descriptionEn: string | null;
  organisationId: string;
  clusterId: string | null;
  resourceId: string | null;
  siteId: string | null;
  bookingId: string | null;
  start: Date;
  end: Date;
  seats: number;
  audienceKinds: string[];
  audienceBeneficiaries: string[];
  registrationDeadline: Date;
  createdById: string;
  occupationIds: string[];
}

export interface NewRegistration {
  sessionId: string;
  organisationId: string;
  registeredById: string;
  contact: { name: string; email: string; phone?: string | null };
  group: Partial<Record<(typeof GROUP_KEYS)[number], number>>;
  status: 'registered' | 'waitlisted';
  createdAt: Date;
}

/** The columns a host may change once a session is published (SessionUpdate). */
const UPDATABLE_COLUMNS = {
  titleFr: 'title_fr', titleNl: 'title_nl', titleEn: 'title_en', descriptionFr: 'description_fr', descriptionNl: 'description_nl', descriptionEn: 'description_en',
  registrationDeadline: 'registration_deadline', seats: 'seats', audienceKinds: 'audience_kinds', audienceBeneficiaries: 'audience_beneficiaries',
} as const;

export type SessionChanges = Partial<{
  titleFr: string | null; titleNl: string | null; titleEn: string | null;
  descriptionFr: string | null; descriptionNl: string | null; descriptionEn: string | null;
  registrationDeadline: Date; seats: number; audienceKinds: string[]; audienceBeneficiaries: string[];
}>;

/** What a session email says of a registration. */
export interface NoticeFacts {
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


/** One named statement per method; every method takes the caller's EntityManager (a transaction's, or the DataSource's). */
export const SessionsRepository = {
  async views(manager: EntityManager, viewer: Viewer, where: string, params: unknown[], order = 'lower(ts.period)', limit = 200): Promise<SessionView[]> {
    return manager.query(`${VIEW_SQL} WHERE ${where} ORDER BY ${order} LIMIT ${limit}`, [viewer.mine, viewer.managed, viewer.coordinator, ...params]);
  },

  async lock(manager: EntityManager, id: string): Promise<LockedSession | undefined> {
    const [row] = await manager.query(
      `SELECT ts.id, ts.status, ts.organisation_id AS "organisationId", ts.booking_id AS "bookingId", ts.seats, ts.seats_taken AS "seatsTaken",
              lower(ts.period) AS start, upper(ts.period) AS "end", ts.registration_deadline AS deadline, s.time_zone AS zone,
              ts.audience_kinds AS "audienceKinds", ts.audience_beneficiaries AS "audienceBeneficiaries"
         FROM training_sessions ts JOIN sites s ON s.id = ts.site_id WHERE ts.id = $1 FOR UPDATE OF ts`,
      [id],
    );
    return row;
  },

  async registrations(manager: EntityManager, sessionId: string): Promise<RegistrationView[]> {
    const rows: { r: RegistrationView }[] = await manager.query(
      `SELECT ${REGISTRATION_JSON('sr', 'ro')} AS r FROM session_registrations sr JOIN organisations ro ON ro.id = sr.organisation_id
        WHERE sr.session_id = $1 AND sr.status <> 'cancelled' ORDER BY sr.status, sr.created_at`,
      [sessionId],
    );
    return rows.map((row) => row.r);
  },

  async registration(manager: EntityManager, id: string): Promise<RegistrationView | undefined> {
    const [row] = await manager.query(
      `SELECT ${REGISTRATION_JSON('sr', 'ro')} AS r FROM session_registrations sr JOIN organisations ro ON ro.id = sr.organisation_id WHERE sr.id = $1`,
      [id],
    );
    return row?.r;
  },

  /** Waiting groups in the order they came; the caller promotes those that fit. */
  async waiting(manager: EntityManager, sessionId: string): Promise<{ id: string; seats: number }[]> {
    return manager.query(`SELECT id, seats FROM session_registrations WHERE session_id = $1 AND status = 'waitlisted' ORDER BY created_at, id`, [sessionId]);
  },

  async setStatus(manager: EntityManager, registrationId: string, status: 'registered' | 'cancelled'): Promise<void> {
    await manager.query(
      `UPDATE session_registrations SET status = $2, cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE NULL END WHERE id = $1`,
      [registrationId, status],
    );
  },

  /** Sessions as the viewer sees them, live ones only, with the list's filters; `from` keeps those ending after it. */
  async list(manager: EntityManager, viewer: Viewer, filters: SessionFilters): Promise<SessionView[]> {
    const where: string[] = [`ts.status <> 'cancelled'`];
    const params: unknown[] = [];
    const add = (value: unknown, cast = '') => `$${params.push(value) + 3}${cast}`;
    if (filters.from) where.push(`upper(ts.period) > ${add(filters.from, '::timestamptz')}`);
    if (filters.clusterId) where.push(`ts.cluster_id = ${add(filters.clusterId, '::uuid')}`);
    if (filters.resourceId) where.push(`ts.resource_id = ${add(filters.resourceId, '::uuid')}`);
    if (filters.organisationId) where.push(`ts.organisation_id = ${add(filters.organisationId, '::uuid')}`);
    return SessionsRepository.views(manager, viewer, where.join(' AND '), params, filters.latestFirst ? 'lower(ts.period) DESC' : 'lower(ts.period)');
  },

  async view(manager: EntityManager, viewer: Viewer, id: string): Promise<SessionView | undefined> {
    const [session] = await SessionsRepository.views(manager, viewer, 'ts.id = $4', [id]);
    return session;
  },

  /** The organisation's item, locked like a booking request locks it. */
  async lockItem(manager: EntityManager, resourceId: string, organisationId: string): Promise<{ id: string; siteId: string; status: string; zone: string } | undefined> {
    const [item] = await manager.query(
      `SELECT r.id, r.site_id AS "siteId", r.status, s.time_zone AS zone FROM resources r JOIN sites s ON s.id = r.site_id
        WHERE r.id = $1 AND r.organisation_id = $2 FOR UPDATE OF r`,
      [resourceId, organisationId],
    );
    return item;
  },

  /** The confirmed booking that holds a session's item; its buffers widen the blocked time as for a booking. Fails with 23P01 when the slot is taken. */
  async insertBooking(manager: EntityManager, booking: SessionBooking): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, occupation_id, decided_by_id, decided_at, notes)
       SELECT r.id, r.organisation_id, $2, tstzrange($3, $4, '[)'),
              tstzrange($3::timestamptz - make_interval(mins => r.buffer_before_minutes), $4::timestamptz + make_interval(mins => r.buffer_after_minutes), '[)'),
              'confirmed', $5, $6, $2, $7, $8
         FROM resources r WHERE r.id = $1 RETURNING id`,
      [booking.resourceId, booking.bookedById, booking.start, booking.end, booking.purpose, booking.occupationId, booking.decidedAt, booking.notes],
    );
    return row.id;
  },

  /** The first holding booking of the item that blocks [start, end). */
  async firstBlocking(manager: EntityManager, resourceId: string, start: Date, end: Date): Promise<{ start: Date; end: Date } | undefined> {
    const [conflict] = await manager.query(
      `SELECT lower(period) AS start, upper(period) AS "end" FROM bookings
        WHERE resource_id = $1 AND status IN ('pending', 'confirmed') AND blocked && tstzrange($2, $3, '[)') ORDER BY lower(period) LIMIT 1`,
      [resourceId, start, end],
    );
    return conflict;
  },

  async logBookingCreated(manager: EntityManager, bookingId: string, actorId: string): Promise<void> {
    await manager.query(
      `INSERT INTO booking_events (booking_id, actor_id, action, details) VALUES ($1, $2, 'created', $3)`,
      [bookingId, actorId, JSON.stringify({ session: true })],
    );
  },

  async siteOfOrganisation(manager: EntityManager, siteId: string | null, organisationId: string): Promise<boolean> {
    const [site] = await manager.query('SELECT id FROM sites WHERE id = $1 AND organisation_id = $2', [siteId, organisationId]);
    return Boolean(site);
  },

  /** Whether the organisation is a member of the cluster; undefined when there is no such cluster. */
  async clusterMembership(manager: EntityManager, clusterId: string, organisationId: string): Promise<{ member: boolean } | undefined> {
    const [cluster] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM cluster_members WHERE cluster_id = c.id AND organisation_id = $2) AS member FROM clusters c WHERE c.id = $1`,
      [clusterId, organisationId],
    );
    return cluster;
  },

  /** Inserts a session (and its occupations); returns its id. */
  async insert(manager: EntityManager, session: NewSession): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO training_sessions (kind, title_fr, title_nl, title_en, description_fr, description_nl, description_en, organisation_id, cluster_id,
                                      resource_id, site_id, booking_id, period, seats, audience_kinds, audience_beneficiaries, registration_deadline, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, tstzrange($13, $14, '[)'), $15, $16, $17, $18, $19) RETURNING id`,
      [session.kind, session.titleFr, session.titleNl, session.titleEn, session.descriptionFr, session.descriptionNl, session.descriptionEn,
        session.organisationId, session.clusterId, session.resourceId, session.siteId, session.bookingId, session.start, session.end, session.seats,
        session.audienceKinds, session.audienceBeneficiaries, session.registrationDeadline, session.createdById],
    );
    if (session.occupationIds.length > 0) {
      await manager.query(
        'INSERT INTO training_session_occupations (session_id, occupation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
        [row.id, session.occupationIds],
      );
    }
    return row.id;
  },

  /** Writes the given columns of a session (names from UPDATABLE_COLUMNS only) and, if given, replaces its occupations. */
  async update(manager: EntityManager, id: string, changes: SessionChanges, occupationIds?: string[]): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(UPDATABLE_COLUMNS) as [keyof SessionChanges, string][]) {
      if (changes[key] !== undefined) sets.push(`${column} = $${params.push(changes[key])}`);
    }
    await manager.query(`UPDATE training_sessions SET ${sets.join(', ')} WHERE id = $1`, params);
    if (occupationIds) {
      await manager.query('DELETE FROM training_session_occupations WHERE session_id = $1', [id]);
      await manager.query(
        'INSERT INTO training_session_occupations (session_id, occupation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
        [id, occupationIds],
      );
    }
  },

  /** Frees the session's item: its booking is cancelled, if it still holds. */
  async cancelBooking(manager: EntityManager, bookingId: string, cancelledById: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_by_id = $2, cancelled_at = $3, updated_at = now() WHERE id = $1 AND status IN ('pending', 'confirmed')`,
      [bookingId, cancelledById, at],
    );
  },

  /** Cancels the session; returns the registrations that were live. */
  async cancel(manager: EntityManager, id: string): Promise<string[]> {
    const live: { id: string }[] = await manager.query(
      `SELECT id FROM session_registrations WHERE session_id = $1 AND status <> 'cancelled'`, [id],
    );
    await manager.query(`UPDATE training_sessions SET status = 'cancelled', updated_at = now() WHERE id = $1`, [id]);
    return live.map((row) => row.id);
  },

  async organiser(manager: EntityManager, id: string): Promise<string | undefined> {
    const [session] = await manager.query('SELECT organisation_id AS "organisationId" FROM training_sessions WHERE id = $1', [id]);
    return session?.organisationId;
  },

  async organisationKind(manager: EntityManager, organisationId: string): Promise<string | undefined> {
    const [org] = await manager.query('SELECT kind FROM organisations WHERE id = $1', [organisationId]);
    return org?.kind;
  },

  /** Inserts a group's registration; returns its id (23505 when the organisation already has a live one). */
  async insertRegistration(manager: EntityManager, registration: NewRegistration): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO session_registrations (session_id, organisation_id, registered_by_id, contact_name, contact_email, contact_phone,
                                          pupils, apprentices, job_seekers, trainers, employees, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [registration.sessionId, registration.organisationId, registration.registeredById, registration.contact.name, registration.contact.email,
        registration.contact.phone ?? null, ...GROUP_KEYS.map((key) => registration.group[key] ?? 0), registration.status, registration.createdAt],
    );
    return row.id;
  },

  /** Records who of a registered group came; false when it is not a registered group of the session. */
  async recordAttended(manager: EntityManager, sessionId: string, registrationId: string, attended: Partial<Record<(typeof GROUP_KEYS)[number], number>>): Promise<boolean> {
    const [updated]: [unknown[], number] = await manager.query(
      `UPDATE session_registrations SET ${GROUP_KEYS.map((key, i) => `attended_${GROUP_COLUMN[key]} = $${i + 3}`).join(', ')}
        WHERE id = $1 AND session_id = $2 AND status = 'registered' RETURNING id`,
      [registrationId, sessionId, ...GROUP_KEYS.map((key) => attended[key] ?? 0)],
    );
    return updated.length > 0;
  },

  async markHeld(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE training_sessions SET status = 'held', attendance_recorded_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  },

  /** The item's booking carries the attended participants: the reports' learner-hours count them as any booking's. */
  async completeBooking(manager: EntityManager, bookingId: string, sessionId: string, recordedById: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE bookings b SET status = 'completed', actual_start = lower(b.period), actual_end = upper(b.period),
              ${GROUP_KEYS.map((key) => `actual_${GROUP_COLUMN[key]} = t.${GROUP_COLUMN[key]}`).join(', ')},
              attendance_recorded_by_id = $2, attendance_recorded_at = $3, updated_at = now()
         FROM (SELECT ${GROUP_KEYS.map((key) => `coalesce(sum(attended_${GROUP_COLUMN[key]}), 0)::int AS ${GROUP_COLUMN[key]}`).join(', ')}
                 FROM session_registrations WHERE session_id = $4 AND status = 'registered') t
        WHERE b.id = $1 AND b.status IN ('confirmed', 'no_show', 'completed')`,
      [bookingId, recordedById, at, sessionId],
    );
  },

  /** Registered groups of published sessions starting in (now, now + hours], with the start in epoch milliseconds. */
  async dueReminders(manager: EntityManager, now: Date, hours: number): Promise<{ id: string; startMs: string }[]> {
    return manager.query(
      `SELECT sr.id, (extract(epoch FROM lower(ts.period)) * 1000)::bigint AS "startMs"
         FROM session_registrations sr JOIN training_sessions ts ON ts.id = sr.session_id
        WHERE sr.status = 'registered' AND ts.status = 'published'
          AND lower(ts.period) > $1 AND lower(ts.period) <= $1::timestamptz + make_interval(hours => $2)`,
      [now, hours],
    );
  },

  /** What the emails about these registrations say. */
  async noticeFacts(manager: EntityManager, registrationIds: string[]): Promise<NoticeFacts[]> {
    return manager.query(
      `SELECT sr.id, sr.session_id AS "sessionId", sr.contact_name AS "contactName", sr.contact_email AS "contactEmail", coalesce(u.locale, 'fr') AS locale,
              json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en) AS titles, host.name AS host, ro.name AS organisation,
              lower(ts.period) AS start, upper(ts.period) AS "end", s.time_zone AS zone,
              concat_ws(', ', s.name, nullif(s.address, ''), nullif(concat_ws(' ', s.postcode, s.city), '')) AS location, sr.seats
         FROM session_registrations sr JOIN training_sessions ts ON ts.id = sr.session_id JOIN organisations host ON host.id = ts.organisation_id
         JOIN organisations ro ON ro.id = sr.organisation_id JOIN sites s ON s.id = ts.site_id LEFT JOIN users u ON u.id = sr.registered_by_id
        WHERE sr.id = ANY($1::uuid[])`,
      [registrationIds],
    );
  },
};
