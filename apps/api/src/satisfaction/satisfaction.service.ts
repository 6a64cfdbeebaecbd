import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, SATISFACTION_MIN_ANSWERS, type Locale, type PendingRating, type SatisfactionAggregate, type TranslatedOptional,
} from '@equipole/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { type AuthUser, organisationIds } from '../auth/auth-user';
import { localDateTime } from '../bookings/booking-messages';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MailerService } from '../notifications/mailer.service';
import type { RateDto } from './dto/satisfaction.dto';

/** How long after its end a booking or session may still be rated, and is asked for. */
const RATING_WINDOW_DAYS = 60;

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

interface AggregateRow {
  answers: number;
  equipmentCondition: number | null;
  welcome: number | null;
  relevance: number | null;
  preparationAnswers: number;
  preparation: number | null;
}

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

export interface SatisfactionFilter {
  clusterId?: string;
  /** Only these partners (item owners, session hosts); null = all. */
  partnerIds?: string[] | null;
  /** Local days, both included, in the site's zone. */
  from?: string;
  to?: string;
}

export interface SatisfactionSummary {
  minAnswers: number;
  total: SatisfactionAggregate;
  clusters: { id: string; name: string; satisfaction: SatisfactionAggregate }[];
  partners: { id: string; name: string; satisfaction: SatisfactionAggregate }[];
  items: { id: string; names: TranslatedOptional; satisfaction: SatisfactionAggregate }[];
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
  ) {}

  /** What the caller's organisations may still rate. */
  async pending(user: AuthUser): Promise<PendingRating[]> {
    return this.dataSource.query(`${this.rateableSql()} ORDER BY "end" DESC LIMIT 100`, [organisationIds(user), organisationIds(user, 'manager'), this.windowStart()]);
  }

  async rate(user: AuthUser, dto: RateDto): Promise<void> {
    const [subject] = await this.dataSource.query(
      `${this.rateableSql()} AND subject = $4 AND id = $5::uuid AND rater = $6 LIMIT 1`,
      [organisationIds(user), organisationIds(user, 'manager'), this.windowStart(), dto.subject, dto.id, dto.rater],
    );
    if (!subject) {
      const [rated] = await this.dataSource.query(
        `SELECT 1 FROM satisfaction_ratings WHERE ${dto.subject === 'booking' ? 'booking_id' : 'registration_id'} = $1 AND rater = $2`, [dto.id, dto.rater],
      );
      throw new DomainError(rated ? ErrorCode.AlreadyRated : ErrorCode.NotRateable);
    }
    const booker = dto.rater === 'booker';
    const missing = (booker ? ['equipmentCondition', 'welcome', 'relevance'] as const : ['preparation'] as const).filter((key) => dto[key] === undefined);
    if (missing.length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: missing.map((field) => ({ field, constraint: 'isDefined', args: [] })) });
    }
    try {
      await this.dataSource.query(
        `INSERT INTO satisfaction_ratings (booking_id, registration_id, rater, organisation_id, user_id, equipment_condition, welcome, relevance, preparation, comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [dto.subject === 'booking' ? dto.id : null, dto.subject === 'registration' ? dto.id : null, dto.rater, subject.organisation.id, user.id,
          booker ? dto.equipmentCondition : null, booker ? dto.welcome : null, booker ? dto.relevance : null, booker ? null : dto.preparation,
          dto.comment ?? null, this.clock.now()],
      );
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
    const params: unknown[] = [];
    const add = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
    const where: string[] = ['true'];
    if (filter.clusterId) where.push(`${add(filter.clusterId, '::uuid')} = ANY(a.cluster_ids)`);
    if (filter.partnerIds) where.push(`a.partner_id = ANY(${add(filter.partnerIds, '::uuid[]')})`);
    if (filter.from) where.push(`a.ended_at > (${add(filter.from, '::date')})::timestamp AT TIME ZONE a.zone`);
    if (filter.to) where.push(`a.ended_at <= (${add(filter.to, '::date')} + 1)::timestamp AT TIME ZONE a.zone`);
    const base = `WITH a AS (SELECT * FROM (${ANSWERS_SQL}) AS a WHERE ${where.join(' AND ')})`;
    const [total, clusters, partners, items] = await Promise.all([
      manager.query(`${base} SELECT ${AGGREGATE_COLUMNS} FROM a`, params),
      manager.query(`${base} SELECT c.id, c.name, ${AGGREGATE_COLUMNS} FROM a CROSS JOIN LATERAL unnest(a.cluster_ids) AS u(cluster_id) JOIN clusters c ON c.id = u.cluster_id
                      ${filter.clusterId ? `WHERE c.id = $1` : ''} GROUP BY c.id ORDER BY c.name`, params),
      manager.query(`${base} SELECT o.id, o.name, ${AGGREGATE_COLUMNS} FROM a JOIN organisations o ON o.id = a.partner_id GROUP BY o.id ORDER BY o.name`, params),
      manager.query(`${base} SELECT r.id, json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en) AS names, ${AGGREGATE_COLUMNS}
                      FROM a JOIN resources r ON r.id = a.resource_id GROUP BY r.id ORDER BY coalesce(r.name_fr, r.name_nl, r.name_en)`, params),
    ]);
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
    return this.dataSource.query(
      `SELECT a.title, o.name AS organisation, a.rater, a.comment, a.ended_at AS "endedAt"
         FROM (${ANSWERS_SQL}) a JOIN organisations o ON o.id = a.rater_organisation_id
        WHERE a.comment IS NOT NULL AND a.partner_id = ANY($1::uuid[]) AND a.rater = 'booker'
        ORDER BY a.created_at DESC LIMIT 200`,
      [managed],
    );
  }

  /** Once per completed booking (with another organisation) and attended group: an email to whoever booked or registered it. */
  async requestRatings(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { key: string; email: string; name: string; locale: Locale; title: TranslatedOptional; end: Date; zone: string }[] = await manager.query(
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
        [now, new Date(now.getTime() - 7 * 86_400_000)],
      );
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

  private windowStart(): Date {
    return new Date(this.clock.now().getTime() - RATING_WINDOW_DAYS * 86_400_000);
  }

  /**
   * What may be rated, as PendingRating rows with `subject` and `rater` columns: $1 the caller's
   * organisations, $2 those they manage, $3 the oldest end still rated.
   */
  private rateableSql(): string {
    return `SELECT * FROM (
      SELECT 'booking' AS subject, b.id, 'booker' AS rater, json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en) AS title,
             json_build_object('id', o.id, 'name', o.name) AS organisation, lower(b.period) AS start, upper(b.period) AS "end"
        FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
       WHERE b.status = 'completed' AND b.organisation_id <> r.organisation_id AND b.organisation_id = ANY($1::uuid[]) AND upper(b.period) > $3
         AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings sr WHERE sr.booking_id = b.id AND sr.rater = 'booker')
      UNION ALL
      SELECT 'booking', b.id, 'partner', json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en),
             json_build_object('id', o.id, 'name', o.name), lower(b.period), upper(b.period)
        FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = r.organisation_id
       WHERE b.status = 'completed' AND b.organisation_id <> r.organisation_id AND r.organisation_id = ANY($2::uuid[]) AND upper(b.period) > $3
         AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings sr WHERE sr.booking_id = b.id AND sr.rater = 'partner')
      UNION ALL
      SELECT 'registration', g.id, 'booker', json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en),
             json_build_object('id', o.id, 'name', o.name), lower(ts.period), upper(ts.period)
        FROM session_registrations g JOIN training_sessions ts ON ts.id = g.session_id JOIN organisations o ON o.id = g.organisation_id
       WHERE ts.status = 'held' AND g.status = 'registered' AND g.attended_pupils IS NOT NULL AND g.organisation_id = ANY($1::uuid[]) AND upper(ts.period) > $3
         AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings sr WHERE sr.registration_id = g.id AND sr.rater = 'booker')
      UNION ALL
      SELECT 'registration', g.id, 'partner', json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en),
             json_build_object('id', o.id, 'name', o.name), lower(ts.period), upper(ts.period)
        FROM session_registrations g JOIN training_sessions ts ON ts.id = g.session_id JOIN organisations o ON o.id = ts.organisation_id
       WHERE ts.status = 'held' AND g.status = 'registered' AND g.attended_pupils IS NOT NULL AND ts.organisation_id = ANY($2::uuid[]) AND upper(ts.period) > $3
         AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings sr WHERE sr.registration_id = g.id AND sr.rater = 'partner')
    ) AS rateable WHERE true`;
  }
}
