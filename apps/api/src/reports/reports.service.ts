import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, INDICATOR_VERSION, reportPeriodProblems, UNMET_KINDS, type EquipmentReport, type HeatmapReport, type IndicatorSet, type LearnersReport,
  type PartnershipsReport, type ReportBlock, type ReportByBlock, type ReportMeta, type ShortageReport, type SummaryReport, type TrendReport,
  type UnmetFigures, type UnmetKind, type UnmetReport,
} from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { type AuthUser, organisationIds, requireCoordinator, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { SqlParams } from '../common/sql-params';
import type { ReportQuery } from './dto/report-query.dto';
import {
  BENEFICIARY_COLUMNS, edgeRanges, fillItems, filtersBookings, filtersResources, h, NAMES, OCCUPATION, ORG, PAIRS_CTES, rate, reportCtes, reportPeriods,
  type ResolvedScope, unmetCtes,
} from './report-sql';
import { ReportSlots } from './report-slots';

/** One report block asked for: by whom (their slots), with which filters, in which scope. */
interface ReportRequest {
  userId: string;
  query: ReportQuery;
  scope: ResolvedScope;
}

/** Occupancy reports: one SQL statement per block (see report-sql.ts and docs/indicators.md). */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly slots: ReportSlots,
  ) {}

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
   * Runs one report statement in one of the caller's report slots (ReportSlots: 429 when they
   * already run MAX_CONCURRENT_REPORTS), after making sure the derived data it reads is computed for
   * its days and for the items it covers only (fillItems): the items' open time (report_open_days)
   * and the bookings cut at local days (report_booking_days), kept by triggers; see the
   * ReportOpenDays, ReportBookingDays and ReportFillItems migrations.
   * JIT compilation is off: the row estimates of generate_series and unnest over multiranges are
   * far too high, so PostgreSQL would spend seconds compiling a query that runs in milliseconds;
   * work_mem is raised so that the booking × day join hashes in memory.
   */
  private async run<T>(request: ReportRequest, sql: string, params: SqlParams, options: { previous?: boolean } = {}): Promise<T> {
    const { userId, query, scope } = request;
    const periods = reportPeriods(query.from, query.to, options.previous ?? false);
    const fill = new SqlParams();
    const fromDay = fill.add(periods[periods.length - 1].from, '::date');
    const toDay = fill.add(periods[0].to, '::date');
    const items = fillItems(fill, query, scope, fromDay, toDay);
    const release = this.slots.reserve(userId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.slots.claim(manager, userId);
        // One round trip: the transaction's settings (set_config(…, true) is SET LOCAL) and the caches' fill.
        await manager.query(
          `SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true), report_fill_booking_days(${fromDay}, ${toDay}, ${items})`,
          fill.values,
        );
        return manager.query(sql, params.values);
      });
    } finally {
      release();
    }
  }

  private async summary(meta: ReportMeta, request: ReportRequest): Promise<SummaryReport> {
    const { query, scope } = request;
    const params = new SqlParams();
    // bkx is read twice but not stored (NOT MATERIALIZED): each aggregate can then run in parallel workers.
    const sql = `${reportCtes(params, query, scope, { previous: true, countries: true, inline: true })},
      booking_totals AS (
        SELECT key, sum(booked_hours) AS booked_hours, sum(used_hours) AS used_hours,
               count(*) FILTER (WHERE status = 'completed' AND starts_in_period AND first_row) AS completed,
               count(*) FILTER (WHERE status = 'no_show' AND starts_in_period AND first_row) AS no_shows,
               sum(used_hours * participants) AS learner_hours,
               sum(used_hours) FILTER (WHERE booker_id <> owner_id) AS mutualised_hours,
               sum(used_hours) FILTER (WHERE in_shortage) AS shortage_hours
          FROM bkx GROUP BY key
      )${PAIRS_CTES}${unmetCtes(params, query, scope, this.clock.now())},
      open_totals AS (SELECT key, sum(open_hours) AS open_hours FROM res GROUP BY key),
      pair_totals AS (
        SELECT key, count(*) AS partnerships, count(*) FILTER (WHERE is_new) AS new_partnerships, count(*) FILTER (WHERE cross_border) AS cross_border
          FROM pairs_flagged GROUP BY key
      ),
      unmet_totals AS (SELECT key, sum(hours) AS hours FROM unmet GROUP BY key)
      SELECT p.key, to_char(p.from_day, 'YYYY-MM-DD') AS "from", to_char(p.to_day - 1, 'YYYY-MM-DD') AS "to",
             ${h('o.open_hours')} AS "openHours", ${h('b.booked_hours')} AS "bookedHours", ${rate('b.booked_hours', 'o.open_hours')} AS "occupancyRate",
             ${h('b.used_hours')} AS "usedHours", ${rate('b.used_hours', 'o.open_hours')} AS "usageRate",
             coalesce(b.completed, 0)::int AS "completedBookings", coalesce(b.no_shows, 0)::int AS "noShows",
             ${rate("b.no_shows", "b.completed + b.no_shows")} AS "noShowRate",
             ${h('b.learner_hours')} AS "learnerHours", ${h('b.mutualised_hours')} AS "mutualisedHours",
             ${rate('b.mutualised_hours', 'b.booked_hours')} AS "mutualisationRate",
             coalesce(pt.partnerships, 0)::int AS "partnerships", coalesce(pt.new_partnerships, 0)::int AS "newPartnerships",
             coalesce(pt.cross_border, 0)::int AS "crossBorderPartnerships",
             ${h('b.shortage_hours')} AS "shortageHours", ${h('u.hours')} AS "unmetHours",
             -- The previous period compares only when the items reported on were on the platform during all of it.
             coalesce((SELECT min(r.available_from) FROM res_period rp JOIN resources r ON r.id = rp.id WHERE rp.key = 'current')
                      <= (SELECT from_day FROM periods WHERE key = 'previous'), false) AS "previousComparable"
        FROM periods p
        LEFT JOIN open_totals o ON o.key = p.key LEFT JOIN booking_totals b ON b.key = p.key
        LEFT JOIN pair_totals pt ON pt.key = p.key LEFT JOIN unmet_totals u ON u.key = p.key`;
    const rows = await this.run<(IndicatorSet & { key: string; from: string; to: string; previousComparable: boolean })[]>(request, sql, params, { previous: true });
    const pick = (key: string) => {
      const { key: _key, previousComparable: _comparable, ...set } = rows.find((row) => row.key === key)!;
      return set;
    };
    const { from: _from, to: _to, ...current } = pick('current');
    return { ...meta, current, previous: pick('previous'), previousComparable: rows[0].previousComparable };
  }

  private async trend(meta: ReportMeta, request: ReportRequest): Promise<TrendReport> {
    const { query, scope } = request;
    const params = new SqlParams();
    const edges = edgeRanges(query.from, query.to);
    const sql = `${reportCtes(params, query, scope)},
      months AS (
        SELECT to_char(m, 'YYYY-MM') AS month
          FROM periods CROSS JOIN LATERAL generate_series(date_trunc('month', periods.from_day), periods.to_day - 1, interval '1 month') AS m
         WHERE EXISTS (SELECT 1 FROM res)
      ),
      -- Whole months from report_booking_months, the part-months at either end from report_open_days.
      month_open AS (
        SELECT to_char(month, 'YYYY-MM') AS month, sum(hours) AS open_hours FROM (
          SELECT m.month, m.open_hours AS hours FROM res JOIN report_booking_months m
              ON m.resource_id = res.id AND m.month >= res.whole_from AND m.month < res.whole_to
          ${edges.length ? `UNION ALL
          SELECT date_trunc('month', d.day), d.hours FROM res JOIN report_open_days d
              ON d.resource_id = res.id AND ${edgeCondition(params, edges, 'd.day')}` : ''}
        ) AS parts GROUP BY 1
      ),
      month_bookings AS (
        SELECT to_char(day, 'YYYY-MM') AS month, sum(booked_hours) AS booked_hours, sum(used_hours) AS used_hours
          FROM bkx GROUP BY 1
      )
      SELECT month, ${h('o.open_hours')} AS "openHours", ${h('b.booked_hours')} AS "bookedHours", ${h('b.used_hours')} AS "usedHours",
             ${rate('b.booked_hours', 'o.open_hours')} AS "occupancyRate", ${rate('b.used_hours', 'o.open_hours')} AS "usageRate"
        FROM months LEFT JOIN month_open o USING (month) LEFT JOIN month_bookings b USING (month)
       ORDER BY month`;
    return { ...meta, months: await this.run<TrendReport['months']>(request, sql, params) };
  }

  private async heatmap(meta: ReportMeta, request: ReportRequest): Promise<HeatmapReport> {
    const { query, scope } = request;
    const params = new SqlParams();
    // Whole months come from report_month_cells (open and booked hours per item-month, weekday and
    // hour); the days at either end are cut at the local hours of their item's zone here (an
    // hour-long cell, also on DST days). Booking filters need the booked cells from the booking days.
    const wholeMonthsBooked = !filtersBookings(query, scope);
    // The whole network without filters: whole months are summed over all items already (report_network_cells).
    const network = scope.kind === 'network' && wholeMonthsBooked && !filtersResources(query, scope);
    const [{ wholeFrom, wholeTo }] = reportPeriods(query.from, query.to, false);
    const ctes = reportCtes(params, query, scope, { spans: true });
    // The days at either end of the period, outside whole months, computed here: often none.
    const edges = edgeRanges(query.from, query.to);
    const edgeDays = (column: string) => edgeCondition(params, edges, column);
    const sql = `${ctes},
      all_cells AS (
        ${network
          ? `SELECT weekday, hour, open_hours, booked_hours FROM report_network_cells
              WHERE month >= ${params.add(wholeFrom, '::date')} AND month < ${params.add(wholeTo, '::date')}`
          : `SELECT c.weekday, c.hour, c.open_hours, ${wholeMonthsBooked ? 'c.booked_hours' : '0'} AS booked_hours
               FROM res JOIN report_month_cells c ON c.resource_id = res.id AND c.month >= res.whole_from AND c.month < res.whole_to`}
        ${edges.length ? `UNION ALL
        SELECT cell.weekday, cell.hour, cell.hours, 0
          FROM res JOIN report_open_days o ON o.resource_id = res.id AND ${edgeDays('o.day')}
          CROSS JOIN LATERAL report_hour_cells(o.open, res.zone) AS cell` : ''}
        ${edges.length || !wholeMonthsBooked ? `UNION ALL
        SELECT cell.weekday, cell.hour, 0, cell.hours
          FROM bkx CROSS JOIN LATERAL report_hour_cells(bkx.booked_span, bkx.zone) AS cell
         WHERE bkx.booked_span IS NOT NULL ${wholeMonthsBooked ? `AND ${edgeDays('bkx.day')}` : ''}` : ''}
      )
      SELECT weekday, hour, ${h('sum(open_hours)')} AS "openHours", ${h('sum(booked_hours)')} AS "bookedHours",
             ${rate('sum(booked_hours)', 'sum(open_hours)')} AS "occupancyRate"
        FROM all_cells GROUP BY weekday, hour ORDER BY weekday, hour`;
    return { ...meta, cells: await this.run<HeatmapReport['cells']>(request, sql, params) };
  }

  private async equipment(meta: ReportMeta, request: ReportRequest): Promise<EquipmentReport> {
    const { query, scope } = request;
    const params = new SqlParams();
    const sql = `${reportCtes(params, query, scope)},
      per_item AS (
        SELECT resource_id, sum(booked_hours) AS booked_hours, sum(used_hours) AS used_hours,
               count(*) FILTER (WHERE status = 'completed' AND starts_in_period AND first_row) AS completed,
               count(*) FILTER (WHERE status = 'no_show' AND starts_in_period AND first_row) AS no_shows
          FROM bkx GROUP BY resource_id
      ),
      item_open AS (SELECT res.id, res.open_hours FROM res)
      SELECT r.id, ${NAMES('r')} AS names, r.kind, ${ORG('o')} AS owner,
             json_build_object('id', s.id, 'name', s.name, 'country', s.country, 'region', s.region, 'timeZone', s.time_zone) AS site,
             ${h('io.open_hours')} AS "openHours", ${h('pi.booked_hours')} AS "bookedHours", ${h('pi.used_hours')} AS "usedHours",
             ${rate('pi.booked_hours', 'io.open_hours')} AS "occupancyRate", ${rate('pi.used_hours', 'io.open_hours')} AS "usageRate",
             coalesce(pi.completed, 0)::int AS "completedBookings", coalesce(pi.no_shows, 0)::int AS "noShows"
        FROM item_open io JOIN resources r ON r.id = io.id JOIN sites s ON s.id = r.site_id JOIN organisations o ON o.id = r.organisation_id
        LEFT JOIN per_item pi ON pi.resource_id = io.id
       ORDER BY coalesce(pi.booked_hours, 0) / nullif(io.open_hours, 0) NULLS FIRST, coalesce(r.name_fr, r.name_nl, r.name_en)`;
    return { ...meta, items: await this.run<EquipmentReport['items']>(request, sql, params) };
  }

  private async partnerships(meta: ReportMeta, request: ReportRequest): Promise<PartnershipsReport> {
    const { query, scope } = request;
    const params = new SqlParams();
    const sql = `${reportCtes(params, query, scope, { countries: true })}${PAIRS_CTES}
      SELECT ${ORG('oo')} AS owner, ${ORG('bo')} AS booker, pf.completed_bookings AS "completedBookings", ${h('pf.used_hours')} AS "usedHours",
             first.first_completed_at AS "firstCompletedAt", pf.is_new AS "isNew", pf.cross_border AS "crossBorder"
        FROM pairs_flagged pf JOIN organisations oo ON oo.id = pf.owner_id JOIN organisations bo ON bo.id = pf.booker_id
        JOIN report_partnerships first ON first.owner_id = pf.owner_id AND first.booker_id = pf.booker_id
       ORDER BY oo.name, bo.name`;
    const pairs = await this.run<PartnershipsReport['pairs']>(request, sql, params);
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
    const params = new SqlParams();
    const keys = Object.keys(BENEFICIARY_COLUMNS);
    const sql = `${reportCtes(params, query, scope)},
      per_occupation AS (
        SELECT occupation_id, GROUPING(occupation_id) = 1 AS is_total,
               ${keys.map((key) => `sum(used_hours * "${key}") AS "${key}"`).join(', ')}, sum(used_hours * participants) AS total
          FROM bkx WHERE used_hours > 0 GROUP BY GROUPING SETS ((occupation_id), ())
      )
      SELECT p.is_total AS "isTotal", CASE WHEN oc.id IS NULL THEN NULL ELSE ${OCCUPATION('oc')} END AS occupation,
             ${keys.map((key) => `${h(`p."${key}"`)} AS "${key}"`).join(', ')}, ${h('p.total')} AS total
        FROM per_occupation p LEFT JOIN occupations oc ON oc.id = p.occupation_id
       ORDER BY p.total DESC, oc.label_fr`;
    const rows = await this.run<(LearnersReport['rows'][number] & { isTotal: boolean })[]>(request, sql, params);
    const { isTotal: _total, occupation: _none, ...totals } = rows.find((row) => row.isTotal)!;
    return { ...meta, rows: rows.filter((row) => !row.isTotal).map(({ isTotal: _isTotal, ...row }) => row), totals };
  }

  private async shortage(meta: ReportMeta, request: ReportRequest): Promise<ShortageReport> {
    const { query, scope } = request;
    const params = new SqlParams();
    const sql = `${reportCtes(params, query, scope)},
      -- One pass: the grand total (used hours, and those in shortage) and the rows per occupation and region.
      grouped AS (
        SELECT occupation_id, region, GROUPING(occupation_id, region, in_shortage) <> 0 AS is_total, in_shortage,
               sum(used_hours) AS used_hours, sum(used_hours) FILTER (WHERE in_shortage) AS shortage_hours,
               sum(used_hours * participants) AS learner_hours
          FROM bkx GROUP BY GROUPING SETS ((), (occupation_id, region, in_shortage))
      ),
      total AS (SELECT used_hours, shortage_hours FROM grouped WHERE is_total),
      per_occupation AS (SELECT * FROM grouped WHERE NOT is_total AND in_shortage AND used_hours > 0)
      SELECT ${h('(SELECT shortage_hours FROM total)')} AS "shortageHours", ${h('(SELECT used_hours FROM total)')} AS "usedHours",
             ${rate('(SELECT shortage_hours FROM total)', '(SELECT used_hours FROM total)')} AS "shareOfUsedHours",
             coalesce((SELECT json_agg(json_build_object('occupation', ${OCCUPATION('oc')}, 'region', p.region,
                                                         'usedHours', ${h('p.used_hours')}, 'learnerHours', ${h('p.learner_hours')})
                                       ORDER BY p.used_hours DESC, oc.label_fr, p.region)
                         FROM per_occupation p JOIN occupations oc ON oc.id = p.occupation_id), '[]') AS rows`;
    const [row] = await this.run<Omit<ShortageReport, keyof ReportMeta>[]>(request, sql, params);
    return { ...meta, ...row };
  }

  private async unmet(meta: ReportMeta, request: ReportRequest): Promise<UnmetReport> {
    const { query, scope } = request;
    const params = new SqlParams();
    const sql = `${reportCtes(params, query, scope)}${unmetCtes(params, query, scope, this.clock.now())}
      SELECT r.id, ${NAMES('r')} AS names, ${ORG('o')} AS owner, u.kind, count(*)::int AS requests, ${h('sum(u.hours)')} AS hours
        FROM unmet u JOIN resources r ON r.id = u.resource_id JOIN organisations o ON o.id = r.organisation_id
       GROUP BY r.id, o.id, u.kind
       ORDER BY r.id, u.kind`;
    return assembleUnmet(meta, await this.run<UnmetRow[]>(request, sql, params));
  }
}

type UnmetRow = { id: string; names: UnmetReport['items'][number]['names']; owner: UnmetReport['items'][number]['owner']; kind: UnmetKind; requests: number; hours: number };

function zero(): UnmetFigures {
  return { requests: 0, hours: 0 };
}
const add = (a: UnmetFigures, b: UnmetFigures): UnmetFigures => ({ requests: a.requests + b.requests, hours: round4(a.hours + b.hours) });
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** Rows per (item, kind) from SQL, arranged per item with totals. */
function assembleUnmet(
  meta: ReportMeta,
  rows: UnmetRow[],
): UnmetReport {
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

/** `column` falls in one of the edge ranges, as constants of the statement (the planner then sees how few days they hold). */
function edgeCondition(params: SqlParams, edges: [string, string][], column: string): string {
  if (edges.length === 0) return 'false';
  return `(${edges.map(([from, to]) => `(${column} >= ${params.add(from, '::date')} AND ${column} < ${params.add(to, '::date')})`).join(' OR ')})`;
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
