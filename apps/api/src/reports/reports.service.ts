import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, INDICATOR_VERSION, reportPeriodProblems, UNMET_KINDS, type EquipmentReport, type HeatmapReport, type LearnersReport,
  type PartnershipsReport, type ReportBlock, type ReportByBlock, type ReportMeta, type ShortageReport, type SummaryReport, type TrendReport,
  type UnmetFigures, type UnmetKind, type UnmetReport,
} from '@equipole/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { type AuthUser, organisationIds, requireCoordinator, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import type { ReportQuery } from './dto/report-query.dto';
import type { ResolvedScope } from './report-sql';
import { ReportSlots } from './report-slots';
import { ReportsRepository, type CampaignUnmetSqlRow, type UnmetRow } from './reports.repository';

/** One report block asked for: by whom (their slots), with which filters, in which scope. */
interface ReportRequest {
  userId: string;
  query: ReportQuery;
  scope: ResolvedScope;
}

/** Occupancy reports: scope, period checks and report slots; one statement per block in ReportsRepository (docs/indicators.md). */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly slots: ReportSlots,
    private readonly repository: ReportsRepository,
  ) {}

  /** Refuses a period no report can be computed on (400 with translated field errors), as every report does. */
  assertPeriod(from: string, to: string): void {
    assertPeriod({ from, to }, this.clock.dateTime().toISODate()!);
  }

  report<B extends ReportBlock>(user: AuthUser, block: B, query: ReportQuery): Promise<ReportByBlock[B]> {
    const scope = this.resolveScope(user, query);
    assertPeriod(query, this.clock.dateTime().toISODate()!);
    const meta: ReportMeta = { indicatorVersion: INDICATOR_VERSION, scope: scope.kind, from: query.from, to: query.to };
    const request: ReportRequest = { userId: user.id, query, scope };
    const builders: { [K in ReportBlock]: () => Promise<ReportByBlock[K]> } = {
      summary: () => this.summary(meta, request),
      trend: () => this.trend(meta, request),
      heatmap: () => this.heatmap(meta, request),
      equipment: () => this.equipment(meta, request),
      partnerships: () => this.partnerships(meta, request),
      learners: () => this.learners(meta, request),
      shortage: () => this.shortage(meta, request),
      unmet: () => this.unmet(meta, request),
    };
    return builders[block]() as Promise<ReportByBlock[B]>;
  }

  /**
   * Coordinators see the whole network; managers their organisations' equipment; members their
   * organisations' bookings. Naming an organisation outside one's scope answers like the rest of
   * the API: 403 to its members, 404 to everyone else.
   */
  resolveScope(user: AuthUser, query: Pick<ReportQuery, 'scope' | 'ownerOrganisationId' | 'bookingOrganisationId'>): ResolvedScope {
    const managed = organisationIds(user, 'manager');
    const mine = organisationIds(user);
    const kind = query.scope ?? (user.isCoordinator ? 'network' : managed.length > 0 ? 'partner' : 'school');
    if (kind === 'network') {
      requireCoordinator(user);
      return { kind, ownerIds: null, bookerIds: null };
    }
    if (user.isCoordinator) return { kind, ownerIds: null, bookerIds: null };
    if (kind === 'partner') {
      if (managed.length === 0) throw new DomainError(ErrorCode.Forbidden);
      const owner = query.ownerOrganisationId;
      if (owner && !managed.includes(owner)) throw new DomainError(roleIn(user, owner) ? ErrorCode.Forbidden : ErrorCode.NotFound);
      return { kind, ownerIds: managed, bookerIds: null };
    }
    if (mine.length === 0) throw new DomainError(ErrorCode.Forbidden);
    const booker = query.bookingOrganisationId;
    if (booker && !mine.includes(booker)) throw new DomainError(ErrorCode.NotFound);
    return { kind, ownerIds: null, bookerIds: mine };
  }

  /**
   * Runs one report statement (ReportsRepository) in one of the caller's report slots (ReportSlots:
   * 429 when they already run MAX_CONCURRENT_REPORTS), after the repository has prepared the derived
   * data it reads (ReportsRepository.prepare).
   */
  private async run<T>(request: ReportRequest, statement: (manager: EntityManager) => Promise<T>, options: { previous?: boolean } = {}): Promise<T> {
    const { userId, query, scope } = request;
    const release = this.slots.reserve(userId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.slots.claim(manager, userId);
        await this.repository.prepare(manager, query, scope, options.previous ?? false);
        return statement(manager);
      });
    } finally {
      release();
    }
  }

  private async summary(meta: ReportMeta, request: ReportRequest): Promise<SummaryReport> {
    const { query, scope } = request;
    const now = this.clock.now();
    const rows = await this.run(request, (manager) => this.repository.summary(manager, query, scope, now), { previous: true });
    const pick = (key: string) => {
      const { key: _key, previousComparable: _comparable, ...set } = rows.find((row) => row.key === key)!;
      return set;
    };
    const { from: _from, to: _to, ...current } = pick('current');
    return { ...meta, current, previous: pick('previous'), previousComparable: rows[0].previousComparable };
  }

  private async trend(meta: ReportMeta, request: ReportRequest): Promise<TrendReport> {
    const { query, scope } = request;
    return { ...meta, months: await this.run(request, (manager) => this.repository.trend(manager, query, scope)) };
  }

  private async heatmap(meta: ReportMeta, request: ReportRequest): Promise<HeatmapReport> {
    const { query, scope } = request;
    return { ...meta, cells: await this.run(request, (manager) => this.repository.heatmap(manager, query, scope)) };
  }

  private async equipment(meta: ReportMeta, request: ReportRequest): Promise<EquipmentReport> {
    const { query, scope } = request;
    return { ...meta, items: await this.run(request, (manager) => this.repository.equipment(manager, query, scope)) };
  }

  private async partnerships(meta: ReportMeta, request: ReportRequest): Promise<PartnershipsReport> {
    const { query, scope } = request;
    const pairs = await this.run(request, (manager) => this.repository.partnerships(manager, query, scope));
    const distinct = (list: PartnershipsReport['owners']) =>
      [...new Map(list.map((o) => [o.id, o])).values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    return {
      ...meta,
      pairs: pairs.map((pair) => ({ ...pair, firstCompletedAt: new Date(pair.firstCompletedAt).toISOString() })),
      owners: distinct(pairs.map((pair) => pair.owner)),
      bookers: distinct(pairs.map((pair) => pair.booker)),
      totals: {
        partnerships: pairs.length,
        newPartnerships: pairs.filter((pair) => pair.isNew).length,
        crossBorderPartnerships: pairs.filter((pair) => pair.crossBorder).length,
      },
    };
  }

  private async learners(meta: ReportMeta, request: ReportRequest): Promise<LearnersReport> {
    const { query, scope } = request;
    const rows = await this.run(request, (manager) => this.repository.learners(manager, query, scope));
    const { isTotal: _total, occupation: _none, ...totals } = rows.find((row) => row.isTotal)!;
    return { ...meta, rows: rows.filter((row) => !row.isTotal).map(({ isTotal: _isTotal, ...row }) => row), totals };
  }

  private async shortage(meta: ReportMeta, request: ReportRequest): Promise<ShortageReport> {
    const { query, scope } = request;
    const [row] = await this.run(request, (manager) => this.repository.shortage(manager, query, scope));
    return { ...meta, ...row };
  }

  private async unmet(meta: ReportMeta, request: ReportRequest): Promise<UnmetReport> {
    const { query, scope } = request;
    const now = this.clock.now();
    const { rows, campaign } = await this.run(request, (manager) => this.repository.unmet(manager, query, scope, now));
    return { ...assembleUnmet(meta, rows), campaign: assembleCampaignUnmet(campaign) };
  }
}

function zero(): UnmetFigures {
  return { requests: 0, hours: 0 };
}
const add = (a: UnmetFigures, b: UnmetFigures): UnmetFigures => ({ requests: a.requests + b.requests, hours: round4(a.hours + b.hours) });
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** Campaign rows from SQL (largest first) with their totals; publication instants in ISO 8601 UTC. */
function assembleCampaignUnmet(rows: CampaignUnmetSqlRow[]): UnmetReport['campaign'] {
  const totals = { requests: 0, sessions: 0, hours: 0 };
  for (const row of rows) {
    totals.requests += row.requests;
    totals.sessions += row.sessions;
    totals.hours = round4(totals.hours + row.hours);
  }
  return { totals, rows: rows.map((row) => ({ ...row, campaign: { ...row.campaign, publishedAt: new Date(row.campaign.publishedAt).toISOString() } })) };
}

/** Rows per (item, kind) from SQL, arranged per item with totals. */
function assembleUnmet(
  meta: ReportMeta,
  rows: UnmetRow[],
): Omit<UnmetReport, 'campaign'> {
  const items = new Map<string, UnmetReport['items'][number]>();
  const totals = Object.fromEntries([...UNMET_KINDS, 'total'].map((kind) => [kind, zero()])) as UnmetReport['totals'];
  for (const row of rows) {
    const item = items.get(row.id) ?? {
      id: row.id, names: row.names, owner: row.owner, total: zero(),
      byKind: Object.fromEntries(UNMET_KINDS.map((kind) => [kind, zero()])) as Record<UnmetKind, UnmetFigures>,
    };
    const figures = { requests: row.requests, hours: row.hours };
    item.byKind[row.kind] = figures;
    item.total = add(item.total, figures);
    totals[row.kind] = add(totals[row.kind], figures);
    totals.total = add(totals.total, figures);
    items.set(row.id, item);
  }
  return { ...meta, totals, items: [...items.values()].sort((a, b) => b.total.hours - a.total.hours) };
}

/**
 * Each day between REPORT_FIRST_DAY and today plus the longest booking horizon (business time),
 * from ≤ to, at most MAX_REPORT_DAYS days: a period outside what can hold data would only make the
 * database compute derived rows nobody needs (reportPeriodProblems, shared with the web app).
 */
function assertPeriod(query: Pick<ReportQuery, 'from' | 'to'>, today: string): void {
  const problems = reportPeriodProblems(query.from, query.to, today);
  if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, { details: problems });
}
