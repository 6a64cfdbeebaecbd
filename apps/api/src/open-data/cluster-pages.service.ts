import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import {
  ErrorCode, INDICATOR_VERSION, OPEN_DATA_MIN_ORGANISATIONS, type EvaluationReport, type InterregReport, type InterregRow, type LearnersReport, type PublicClusterPage, type Story,
} from '@equipole/shared';
import { DataSource } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ReportsService } from '../reports/reports.service';
import { SatisfactionService } from '../satisfaction/satisfaction.service';
import { SessionsService } from '../sessions/sessions.service';
import type { CreateStoryDto } from './dto/open-data.dto';
import { OPEN_DATA_ZONE as ZONE, OpenDataRepository } from './open-data.repository';
import { OPEN_DATA_READER } from './open-indicators.service';
import { StoryPhotosService } from './story-photos.service';

/** A cluster's public page, its steering committee's evaluation report and the Interreg proxies. */
@Injectable()
export class ClusterPagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly satisfaction: SatisfactionService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly repository: OpenDataRepository,
    private readonly storyPhotos: StoryPhotosService,
  ) {}

  async publicPage(id: string): Promise<PublicClusterPage> {
    const cluster = await this.repository.clusterPage(this.dataSource.manager, id);
    if (!cluster) throw new DomainError(ErrorCode.NotFound);
    const { from, to } = lastTwelveMonths(this.clock.dateTime());
    const organisations = await this.repository.organisationsBehindCluster(this.dataSource.manager, id, from, to);
    let headline: PublicClusterPage['headline']['figures'] = null;
    if (organisations >= OPEN_DATA_MIN_ORGANISATIONS) {
      const query = { from, to, scope: 'network' as const, clusterId: id };
      const summary = await this.reports.report(OPEN_DATA_READER, 'summary', query);
      const held = await this.repository.sessionsHeld(this.dataSource.manager, id, from, to);
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
    return this.repository.stories(this.dataSource.manager, clusterId);
  }

  async createStory(user: AuthUser, clusterId: string, dto: CreateStoryDto): Promise<Story> {
    requireCoordinator(user);
    if (!(await this.repository.clusterExists(this.dataSource.manager, clusterId))) throw new DomainError(ErrorCode.NotFound);
    const storyId = await this.repository.insertStory(this.dataSource.manager, {
      clusterId, title: dto.title, body: dto.body, photoUrl: dto.photoUrl ?? null, photoAlt: dto.photoAlt ?? null,
      partnerIds: dto.partnerIds, createdById: user.id, publishedAt: this.clock.now(),
    });
    const [story] = await this.repository.stories(this.dataSource.manager, clusterId, storyId);
    return story;
  }

  async deleteStory(user: AuthUser, clusterId: string, storyId: string): Promise<void> {
    requireCoordinator(user);
    const count = await this.repository.deleteStory(this.dataSource.manager, clusterId, storyId);
    if (!count) throw new DomainError(ErrorCode.NotFound);
    // Its photo goes with it (a concurrent upload waited for the row, then found no story).
    await this.storyPhotos.removeFiles(storyId);
  }

  /**
   * The steering committee's report for a cluster and period: the coordinator's indicators and their
   * previous period, partnerships gained, learners, unmet demand (booking requests, and apart the sessions
   * published campaigns could not give), satisfaction and sessions held.
   */
  async evaluation(user: AuthUser, clusterId: string, from: string, to: string): Promise<EvaluationReport> {
    requireCoordinator(user);
    this.reports.assertPeriod(from, to);
    const cluster = await this.repository.evaluationCluster(this.dataSource.manager, clusterId);
    if (!cluster) throw new DomainError(ErrorCode.NotFound);
    const query = { from, to, scope: 'network' as const, clusterId };
    const summary = await this.reports.report(user, 'summary', query);
    const partnerships = await this.reports.report(user, 'partnerships', query);
    const learners: LearnersReport = await this.reports.report(user, 'learners', query);
    const unmet = await this.reports.report(user, 'unmet', query);
    const satisfaction = await this.satisfaction.aggregates(this.dataSource.manager, { clusterId, from, to });
    const held = await this.repository.sessionsHeld(this.dataSource.manager, clusterId, from, to);
    return {
      cluster, from, to, indicatorVersion: INDICATOR_VERSION,
      current: summary.current, previous: summary.previous,
      partnershipsGained: partnerships.pairs.filter((pair) => pair.isNew).map((pair) => ({ owner: pair.owner, booker: pair.booker, crossBorder: pair.crossBorder })),
      learners: learners.totals,
      unmet: unmet.totals,
      campaignUnmet: unmet.campaign.totals,
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
  async interreg(user: AuthUser, from: string, to: string, clusterId?: string): Promise<InterregReport> {
    requireCoordinator(user);
    // Checked before the clusters are read: with no cluster (or none matching) no report would check it.
    this.reports.assertPeriod(from, to);
    const clusters = await this.repository.clusters(this.dataSource.manager, clusterId);
    const rows: InterregRow[] = [];
    for (const cluster of clusters) {
      const query = { from, to, scope: 'network' as const, clusterId: cluster.id };
      const partnerships = await this.reports.report(user, 'partnerships', query);
      const organisations = new Set<string>();
      for (const pair of partnerships.pairs.filter((p) => p.crossBorder)) {
        organisations.add(pair.owner.id);
        organisations.add(pair.booker.id);
      }
      const held = await this.repository.sessionsHeld(this.dataSource.manager, cluster.id, from, to);
      held.crossBorderOrganisationIds.forEach((org) => organisations.add(org));
      const participants = await this.repository.crossBorderBookingParticipants(this.dataSource.manager, cluster.id, from, to);
      rows.push({
        cluster,
        rco87: { value: organisations.size, proxy: true, crossBorderPartnerships: partnerships.totals.crossBorderPartnerships },
        rco81: { value: participants + held.crossBorderParticipants, proxy: true, bookingParticipants: participants, sessionParticipants: held.crossBorderParticipants },
      });
    }
    return { from, to, indicatorVersion: INDICATOR_VERSION, clusters: rows };
  }
}

/** The 12 whole months before the current one, as local days (both included). */
export function lastTwelveMonths(now: DateTime): { from: string; to: string } {
  const month = now.setZone(ZONE).startOf('month');
  return { from: month.minus({ months: 12 }).toISODate()!, to: month.minus({ days: 1 }).toISODate()! };
}
