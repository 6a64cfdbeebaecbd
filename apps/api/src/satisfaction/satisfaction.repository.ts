import { Injectable } from '@nestjs/common';
import type { Locale, PendingRating, TranslatedOptional } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

/**
 * Every rating with what it is about: the item (if any), the partner (item owner or session host),
 * its clusters, when the rated booking or session ended and the local zone of its site.
 */
const ANSWERS_SQL = `
  SELECT sr.rater, sr.equipment_condition, sr.welcome, sr.relevance, sr.preparation, sr.comment, sr.created_at, sr.organisation_id AS rater_organisation_id,
         b.resource_id, r.organisation_id AS partner_id, upper(b.period) AS ended_at, s.time_zone AS zone,
         ARRAY(SELECT rc.cluster_id FROM resource_clusters rc WHERE rc.resource_id = b.resource_id) AS cluster_ids,
         json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en) AS title
    FROM satisfaction_ratings sr JOIN bookings b ON b.id = sr.booking_id JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
  UNION ALL
  SELECT sr.rater, sr.equipment_condition, sr.welcome, sr.relevance, sr.preparation, sr.comment, sr.created_at, sr.organisation_id,
         ts.resource_id, ts.organisation_id, upper(ts.period), s.time_zone,
         CASE WHEN ts.cluster_id IS NULL THEN '{}'::uuid[] ELSE ARRAY[ts.cluster_id] END,
         json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en)
    FROM satisfaction_ratings sr JOIN session_registrations g ON g.id = sr.registration_id JOIN training_sessions ts ON ts.id = g.session_id
    JOIN sites s ON s.id = ts.site_id`;

const AGGREGATE_COLUMNS = `count(*) FILTER (WHERE rater = 'booker')::int AS answers,
  avg(equipment_condition)::float8 AS "equipmentCondition", avg(welcome)::float8 AS welcome, avg(relevance)::float8 AS relevance,
  count(*) FILTER (WHERE rater = 'partner')::int AS "preparationAnswers", avg(preparation)::float8 AS preparation`;

/** The aggregate figures of a group of answers, as toAggregate() reads them. */
export interface AggregateRow {
  answers: number;
  equipmentCondition: number | null;
  welcome: number | null;
  relevance: number | null;
  preparationAnswers: number;
  preparation: number | null;
}

export interface SatisfactionFilter {
  clusterId?: string;
  /** Only these partners (item owners, session hosts); null = all. */
  partnerIds?: string[] | null;
  /** Local days, both included, in the site's zone. */
  from?: string;
  to?: string;
}

/** The aggregate rows of a filter: all answers, per cluster, per partner, per item. */
export interface AggregateRows {
  total: AggregateRow[];
  clusters: ({ id: string; name: string } & AggregateRow)[];
  partners: ({ id: string; name: string } & AggregateRow)[];
  items: ({ id: string; names: TranslatedOptional } & AggregateRow)[];
}

/** What the caller's organisations may rate: their organisations, those they manage, the oldest end still rated. */
export interface Rater {
  mine: string[];
  managed: string[];
  since: Date;
}

export interface NewRating {
  bookingId: string | null;
  registrationId: string | null;
  rater: 'booker' | 'partner';
  organisationId: string;
  userId: string;
  equipmentCondition: number | null;
  welcome: number | null;
  relevance: number | null;
  preparation: number | null;
  comment: string | null;
  createdAt: Date;
}

/** A completed booking or attended group whose booker has not been asked for a rating yet. */
export interface DueRatingRequest {
  key: string;
  email: string;
  name: string;
  locale: Locale;
  title: TranslatedOptional;
  end: Date;
  zone: string;
}

/** The statements of the satisfaction ratings; every method takes the caller's EntityManager. */
@Injectable()
export class SatisfactionRepository {
  /** The caller's rateable subjects, latest first. */
  pending(db: EntityManager, rater: Rater): Promise<PendingRating[]> {
    return db.query(`${rateableSql()} ORDER BY "end" DESC LIMIT 100`, [rater.mine, rater.managed, rater.since]);
  }

  /** One subject the caller may rate on that side, if it may. */
  async rateable(db: EntityManager, rater: Rater, subject: 'booking' | 'registration', id: string, side: 'booker' | 'partner'): Promise<PendingRating | undefined> {
    const [row] = await db.query(
      `${rateableSql()} AND subject = $4 AND id = $5::uuid AND rater = $6 LIMIT 1`,
      [rater.mine, rater.managed, rater.since, subject, id, side],
    );
    return row;
  }

  async isRated(db: EntityManager, subject: 'booking' | 'registration', id: string, side: 'booker' | 'partner'): Promise<boolean> {
    const [rated] = await db.query(
      `SELECT 1 FROM satisfaction_ratings WHERE ${subject === 'booking' ? 'booking_id' : 'registration_id'} = $1 AND rater = $2`, [id, side],
    );
    return Boolean(rated);
  }

  /** Fails with 23505 when that side already rated the subject. */
  async insert(db: EntityManager, rating: NewRating): Promise<void> {
    await db.query(
      `INSERT INTO satisfaction_ratings (booking_id, registration_id, rater, organisation_id, user_id, equipment_condition, welcome, relevance, preparation, comment, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [rating.bookingId, rating.registrationId, rating.rater, rating.organisationId, rating.userId, rating.equipmentCondition, rating.welcome,
        rating.relevance, rating.preparation, rating.comment, rating.createdAt],
    );
  }

  async aggregates(db: EntityManager, filter: SatisfactionFilter): Promise<AggregateRows> {
    const params: unknown[] = [];
    const add = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
    const where: string[] = ['true'];
    if (filter.clusterId) where.push(`${add(filter.clusterId, '::uuid')} = ANY(a.cluster_ids)`);
    if (filter.partnerIds) where.push(`a.partner_id = ANY(${add(filter.partnerIds, '::uuid[]')})`);
    if (filter.from) where.push(`a.ended_at > (${add(filter.from, '::date')})::timestamp AT TIME ZONE a.zone`);
    if (filter.to) where.push(`a.ended_at <= (${add(filter.to, '::date')} + 1)::timestamp AT TIME ZONE a.zone`);
    const base = `WITH a AS (SELECT * FROM (${ANSWERS_SQL}) AS a WHERE ${where.join(' AND ')})`;
    const [total, clusters, partners, items] = await Promise.all([
      db.query(`${base} SELECT ${AGGREGATE_COLUMNS} FROM a`, params),
      db.query(`${base} SELECT c.id, c.name, ${AGGREGATE_COLUMNS} FROM a CROSS JOIN LATERAL unnest(a.cluster_ids) AS u(cluster_id) JOIN clusters c ON c.id = u.cluster_id
                      ${filter.clusterId ? `WHERE c.id = $1` : ''} GROUP BY c.id ORDER BY c.name`, params),
      db.query(`${base} SELECT o.id, o.name, ${AGGREGATE_COLUMNS} FROM a JOIN organisations o ON o.id = a.partner_id GROUP BY o.id ORDER BY o.name`, params),
      db.query(`${base} SELECT r.id, json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en) AS names, ${AGGREGATE_COLUMNS}
                      FROM a JOIN resources r ON r.id = a.resource_id GROUP BY r.id ORDER BY coalesce(r.name_fr, r.name_nl, r.name_en)`, params),
    ]);
    return { total, clusters, partners, items };
  }

  /** Comments of bookers about the `partners`, latest first. */
  comments(db: EntityManager, partners: string[]): Promise<{ title: TranslatedOptional; organisation: string; rater: string; comment: string; endedAt: string }[]> {
    return db.query(
      `SELECT a.title, o.name AS organisation, a.rater, a.comment, a.ended_at AS "endedAt"
         FROM (${ANSWERS_SQL}) a JOIN organisations o ON o.id = a.rater_organisation_id
        WHERE a.comment IS NOT NULL AND a.partner_id = ANY($1::uuid[]) AND a.rater = 'booker'
        ORDER BY a.created_at DESC LIMIT 200`,
      [partners],
    );
  }

  /** Bookings and groups that ended in (since, now] and whose booker was not asked yet. */
  dueRequests(db: EntityManager, now: Date, since: Date): Promise<DueRatingRequest[]> {
    return db.query(
      `SELECT 'satisfaction:booking:' || b.id AS key, u.email, u.name, u.locale, json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en) AS title,
              upper(b.period) AS "end", s.time_zone AS zone
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id JOIN users u ON u.id = b.booked_by_id
        WHERE b.status = 'completed' AND b.organisation_id <> r.organisation_id AND u.active
          AND upper(b.period) <= $1 AND upper(b.period) > $2
          AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings sr WHERE sr.booking_id = b.id AND sr.rater = 'booker')
       UNION ALL
       SELECT 'satisfaction:registration:' || g.id, u.email, u.name, u.locale, json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en),
              upper(ts.period), s.time_zone
         FROM session_registrations g JOIN training_sessions ts ON ts.id = g.session_id JOIN sites s ON s.id = ts.site_id JOIN users u ON u.id = g.registered_by_id
        WHERE ts.status = 'held' AND g.status = 'registered' AND g.attended_pupils IS NOT NULL AND u.active
          AND upper(ts.period) <= $1 AND upper(ts.period) > $2
          AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings sr WHERE sr.registration_id = g.id AND sr.rater = 'booker')`,
      [now, since],
    );
  }
}

type Side = 'booker' | 'partner';

/** A kind of rateable subject: its rows, what makes it rateable, and which organisation rates it on each side. */
interface Rateable {
  kind: 'booking' | 'registration';
  id: string;
  from: string;
  title: string;
  period: string;
  done: string;
  rater: Record<Side, string>;
  rated: string;
}

/** Completed bookings with another organisation: the booking organisation and the item's owner rate them. */
const BOOKINGS: Rateable = {
  kind: 'booking', id: 'b.id', from: 'bookings b JOIN resources r ON r.id = b.resource_id',
  title: `json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en)`, period: 'b.period',
  done: `b.status = 'completed' AND b.organisation_id <> r.organisation_id`,
  rater: { booker: 'b.organisation_id', partner: 'r.organisation_id' }, rated: 'sr.booking_id = b.id',
};

/** Attended groups of held sessions: the group's organisation and the session's host rate them. */
const REGISTRATIONS: Rateable = {
  kind: 'registration', id: 'g.id', from: 'session_registrations g JOIN training_sessions ts ON ts.id = g.session_id',
  title: `json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en)`, period: 'ts.period',
  done: `ts.status = 'held' AND g.status = 'registered' AND g.attended_pupils IS NOT NULL`,
  rater: { booker: 'g.organisation_id', partner: 'ts.organisation_id' }, rated: 'sr.registration_id = g.id',
};

/** The subjects of one kind that one side may still rate ($1 the caller's organisations, $2 those they manage, $3 the oldest end). */
function rateableBy(subject: Rateable, side: Side): string {
  const org = subject.rater[side];
  return `SELECT '${subject.kind}' AS subject, ${subject.id}, '${side}' AS rater, ${subject.title} AS title,
           json_build_object('id', o.id, 'name', o.name) AS organisation, lower(${subject.period}) AS start, upper(${subject.period}) AS "end"
      FROM ${subject.from} JOIN organisations o ON o.id = ${org}
     WHERE ${subject.done} AND ${org} = ANY(${side === 'booker' ? '$1' : '$2'}::uuid[]) AND upper(${subject.period}) > $3
       AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings sr WHERE ${subject.rated} AND sr.rater = '${side}')`;
}

/**
 * What may be rated, as PendingRating rows with `subject` and `rater` columns: $1 the caller's
 * organisations, $2 those they manage, $3 the oldest end still rated.
 */
function rateableSql(): string {
  const branches = [rateableBy(BOOKINGS, 'booker'), rateableBy(BOOKINGS, 'partner'), rateableBy(REGISTRATIONS, 'booker'), rateableBy(REGISTRATIONS, 'partner')];
  return `SELECT * FROM (
    ${branches.join(`
    UNION ALL
    `)}
  ) AS rateable WHERE true`;
}
