import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import {
  ErrorCode, INDICATOR_VERSION, OPEN_DATA_MIN_ORGANISATIONS, type EvaluationReport, type LearnersReport, type PublicClusterPage, type Story,
} from '@equipole/shared';
import { DataSource } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ReportsService } from '../reports/reports.service';
import { SatisfactionService } from '../satisfaction/satisfaction.service';
import { SessionsService } from '../sessions/sessions.service';
import type { CreateStoryDto } from './dto/open-data.dto';
import { OPEN_DATA_READER } from './open-indicators.service';

const ZONE = 'Europe/Brussels';

export interface SessionsHeld {
  held: number;
  participants: number;
  crossBorderParticipants: number;
  crossBorderOrganisationIds: string[];
}

/** A cluster's public page, its steering committee's evaluation report and the Interreg proxies. */
@Injectable()
export class ClusterPagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly satisfaction: SatisfactionService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  async publicPage(id: string): Promise<PublicClusterPage> {
    const [cluster] = await this.dataSource.query(
      `SELECT c.id, c.name, c.sector, c.status, json_build_object('fr', c.description_fr, 'nl', c.description_nl, 'en', c.description_en) AS descriptions,
              coalesce((SELECT json_agg(json_build_object('id', oc.id, 'code', oc.code, 'labels', json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en)) ORDER BY oc.label_fr)
                          FROM cluster_occupations co JOIN occupations oc ON oc.id = co.occupation_id WHERE co.cluster_id = c.id), '[]') AS occupations,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'country', o.country, 'kind', o.kind) ORDER BY o.name)
                          FROM cluster_members cm JOIN organisations o ON o.id = cm.organisation_id WHERE cm.cluster_id = c.id), '[]') AS partners,
              coalesce((SELECT json_agg(json_build_object('id', r.id, 'names', json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en), 'kind', r.kind,
                                                          'owner', o.name, 'city', s.city, 'country', s.country) ORDER BY coalesce(r.name_fr, r.name_nl, r.name_en))
                          FROM resource_clusters rc JOIN resources r ON r.id = rc.resource_id JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id
                         WHERE rc.cluster_id = c.id AND r.status <> 'retired'), '[]') AS equipment
         FROM clusters c WHERE c.id = $1`,
      [id],
    );
    if (!cluster) throw new DomainError(ErrorCode.NotFound);
    const { from, to } = lastTwelveMonths(this.clock.dateTime());
    const [{ organisations }] = await this.dataSource.query(
      `SELECT count(DISTINCT org)::int AS organisations FROM (
         SELECT cm.organisation_id AS org FROM cluster_members cm WHERE cm.cluster_id = $1
         UNION SELECT r.organisation_id FROM resource_clusters rc JOIN resources r ON r.id = rc.resource_id WHERE rc.cluster_id = $1
         UNION SELECT b.organisation_id FROM resource_clusters rc JOIN bookings b ON b.resource_id = rc.resource_id
          WHERE rc.cluster_id = $1 AND b.status = 'completed' AND b.period && tstzrange($2::date::timestamp AT TIME ZONE '${ZONE}', ($3::date + 1)::timestamp AT TIME ZONE '${ZONE}')
       ) AS behind`,
      [id, from, to],
    );
    let headline: PublicClusterPage['headline']['figures'] = null;
    if (organisations >= OPEN_DATA_MIN_ORGANISATIONS) {
      const query = { from, to, scope: 'network' as const, clusterId: id };
      const summary = await this.reports.report(OPEN_DATA_READER, 'summary', query);
      const held = await this.sessionsHeld(id, from, to);
      const c = summary.current;
      headline = {
        usedHours: c.usedHours, occupancyRate: c.occupancyRate, learnerHours: c.learnerHours, partnerships: c.partnerships,
        crossBorderPartnerships: c.crossBorderPartnerships, sessionsHeld: held.held, sessionParticipants: held.participants,
      };
    }
    const satisfaction = await this.satisfaction.aggregates(this.dataSource.manager, { clusterId: id, from, to });
    return {
      ...cluster,
      sessions: await this.sessions.list(undefined, { clusterId: id }),
      headline: { from, to, indicatorVersion: INDICATOR_VERSION, figures: headline },
      satisfaction: satisfaction.total,
      stories: await this.stories(id),
    };
  }

  async stories(clusterId: string): Promise<Story[]> {
    return this.dataSource.query(
      `SELECT st.id, st.title, st.body, st.photo_url AS "photoUrl", st.photo_alt AS "photoAlt", st.published_at AS "publishedAt",
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name) FROM organisations o WHERE o.id = ANY(st.partner_ids)), '[]') AS partners
         FROM cluster_stories st WHERE st.cluster_id = $1 ORDER BY st.published_at DESC LIMIT 50`,
      [clusterId],
    );
  }

  async createStory(user: AuthUser, clusterId: string, dto: CreateStoryDto): Promise<Story> {
    requireCoordinator(user);
    const [cluster] = await this.dataSource.query('SELECT id FROM clusters WHERE id = $1', [clusterId]);
    if (!cluster) throw new DomainError(ErrorCode.NotFound);
    const [row] = await this.dataSource.query(
      `INSERT INTO cluster_stories (cluster_id, title, body, photo_url, photo_alt, partner_ids, created_by_id, published_at)
       SELECT $1, $2, $3, $4, $5, ARRAY(SELECT id FROM organisations WHERE id = ANY($6::uuid[])), $7, $8 RETURNING id`,
      [clusterId, dto.title, dto.body, dto.photoUrl ?? null, dto.photoAlt ?? null, dto.partnerIds, user.id, this.clock.now()],
    );
    return (await this.stories(clusterId)).find((story) => story.id === row.id)!;
  }

  async deleteStory(user: AuthUser, clusterId: string, storyId: string): Promise<void> {
    requireCoordinator(user);
    const [, count] = await this.dataSource.query('DELETE FROM cluster_stories WHERE id = $1 AND cluster_id = $2', [storyId, clusterId]);
    if (!count) throw new DomainError(ErrorCode.NotFound);
  }

  /**
   * The steering committee's report for a cluster and period: the coordinator's indicators and their
   * previous period, partnerships gained, learners, unmet demand, satisfaction and sessions held.
   */
  async evaluation(user: AuthUser, clusterId: string, from: string, to: string): Promise<EvaluationReport> {
    requireCoordinator(user);
    const [cluster] = await this.dataSource.query('SELECT id, name, sector, status FROM clusters WHERE id = $1', [clusterId]);
    if (!cluster) throw new DomainError(ErrorCode.NotFound);
    const query = { from, to, scope: 'network' as const, clusterId };
    const summary = await this.reports.report(user, 'summary', query);
    const partnerships = await this.reports.report(user, 'partnerships', query);
    const learners: LearnersReport = await this.reports.report(user, 'learners', query);
    const unmet = await this.reports.report(user, 'unmet', query);
    const satisfaction = await this.satisfaction.aggregates(this.dataSource.manager, { clusterId, from, to });
    const held = await this.sessionsHeld(clusterId, from, to);
    return {
      cluster, from, to, indicatorVersion: INDICATOR_VERSION,
      current: summary.current, previous: summary.previous,
      partnershipsGained: partnerships.pairs.filter((pair) => pair.isNew).map((pair) => ({ owner: pair.owner, booker: pair.booker, crossBorder: pair.crossBorder })),
      learners: learners.totals,
      unmet: unmet.totals,
      satisfaction: satisfaction.total,
      sessions: { held: held.held, participants: held.participants },
    };
  }

  /**
   * Interreg common indicators as the platform can measure them, per cluster (proxies):
   * RCO 87 — organisations cooperating across borders: distinct organisations of a cross-border
   * partnership (coordinator's partnerships report) or of a session where host and group are in two countries;
   * RCO 81 — participations in joint actions across borders: participants of completed cross-border
   * bookings plus attended participants of cross-border session groups.
   */
  async interreg(user: AuthUser, from: string, to: string, clusterId?: string) {
    requireCoordinator(user);
    const clusters: { id: string; name: string }[] = await this.dataSource.query(
      'SELECT id, name FROM clusters WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY name', [clusterId ?? null],
    );
    const rows = [];
    for (const cluster of clusters) {
      const query = { from, to, scope: 'network' as const, clusterId: cluster.id };
      const partnerships = await this.reports.report(user, 'partnerships', query);
      const organisations = new Set<string>();
      for (const pair of partnerships.pairs.filter((p) => p.crossBorder)) {
        organisations.add(pair.owner.id);
        organisations.add(pair.booker.id);
      }
      const held = await this.sessionsHeld(cluster.id, from, to);
      held.crossBorderOrganisationIds.forEach((org) => organisations.add(org));
      const [{ participants }] = await this.dataSource.query(
        `SELECT coalesce(sum(coalesce(b.actual_pupils, 0) + coalesce(b.actual_apprentices, 0) + coalesce(b.actual_job_seekers, 0) + coalesce(b.actual_trainers, 0) + coalesce(b.actual_employees, 0)), 0)::int AS participants
           FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
           JOIN organisations oo ON oo.id = r.organisation_id JOIN organisations bo ON bo.id = b.organisation_id
          WHERE b.status = 'completed' AND oo.country <> bo.country AND r.status <> 'retired'
            AND EXISTS (SELECT 1 FROM resource_clusters rc WHERE rc.resource_id = r.id AND rc.cluster_id = $1)
            AND lower(b.period) >= $2::date::timestamp AT TIME ZONE s.time_zone AND lower(b.period) < ($3::date + 1)::timestamp AT TIME ZONE s.time_zone`,
        [cluster.id, from, to],
      );
      rows.push({
        cluster,
        rco87: { value: organisations.size, proxy: true, crossBorderPartnerships: partnerships.totals.crossBorderPartnerships },
        rco81: { value: participants + held.crossBorderParticipants, proxy: true, bookingParticipants: participants, sessionParticipants: held.crossBorderParticipants },
      });
    }
    return { from, to, indicatorVersion: INDICATOR_VERSION, clusters: rows };
  }

  /** Sessions of the cluster held in [from, to] (local days of their site), their attended participants, and those across the border. */
  private async sessionsHeld(clusterId: string, from: string, to: string): Promise<SessionsHeld> {
    const [row] = await this.dataSource.query(
      `WITH held AS (
         SELECT ts.id, host.country FROM training_sessions ts JOIN sites s ON s.id = ts.site_id JOIN organisations host ON host.id = ts.organisation_id
          WHERE ts.status = 'held' AND ts.cluster_id = $1
            AND lower(ts.period) >= $2::date::timestamp AT TIME ZONE s.time_zone AND lower(ts.period) < ($3::date + 1)::timestamp AT TIME ZONE s.time_zone
       ),
       groups AS (
         SELECT g.organisation_id, o.country <> held.country AS cross_border, ts.organisation_id AS host_id,
                coalesce(g.attended_pupils, 0) + coalesce(g.attended_apprentices, 0) + coalesce(g.attended_job_seekers, 0)
                + coalesce(g.attended_trainers, 0) + coalesce(g.attended_employees, 0) AS attended
           FROM session_registrations g JOIN held ON held.id = g.session_id JOIN organisations o ON o.id = g.organisation_id
           JOIN training_sessions ts ON ts.id = g.session_id
          WHERE g.status = 'registered'
       )
       SELECT (SELECT count(*)::int FROM held) AS held, (SELECT coalesce(sum(attended), 0)::int FROM groups) AS participants,
              (SELECT coalesce(sum(attended), 0)::int FROM groups WHERE cross_border) AS "crossBorderParticipants",
              ARRAY(SELECT organisation_id FROM groups WHERE cross_border AND attended > 0 UNION SELECT host_id FROM groups WHERE cross_border AND attended > 0) AS "crossBorderOrganisationIds"`,
      [clusterId, from, to],
    );
    return row;
  }
}

/** The 12 whole months before the current one, as local days (both included). */
export function lastTwelveMonths(now: DateTime): { from: string; to: string } {
  const month = now.setZone(ZONE).startOf('month');
  return { from: month.minus({ months: 12 }).toISODate()!, to: month.minus({ days: 1 }).toISODate()! };
}
