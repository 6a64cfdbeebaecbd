import { GROUP_KEYS, type RegistrationView, type SessionView } from '@equipole/shared';
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
};
