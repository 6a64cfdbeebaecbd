import { Injectable } from '@nestjs/common';
import type {
  EquipmentReport, HeatmapReport, IndicatorSet, LearnersReport, PartnershipsReport, ShortageReport, TrendReport, UnmetKind, UnmetReport, CampaignUnmetRow,
} from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-params';
import {
  BENEFICIARY_COLUMNS, edgeRanges, fillItems, filtersBookings, filtersResources, h, NAMES, OCCUPATION, ORG, pairsCtes, rate, reportCtes, reportPeriods,
  type ReportFilterValues, type ResolvedScope, campaignUnmetCtes, unmetCtes,
} from './report-sql';

/** A summary row: the indicator set of one period (current or previous) and its dates. */
export type SummaryRow = IndicatorSet & { key: string; from: string; to: string; previousComparable: boolean };
export type LearnersRow = LearnersReport['rows'][number] & { isTotal: boolean };
export type ShortageRow = Omit<ShortageReport, 'indicatorVersion' | 'scope' | 'from' | 'to'>;
/** A row of campaign unmet demand as the statement gives it (publishedAt as PostgreSQL writes a timestamptz in JSON). */
export type CampaignUnmetSqlRow = CampaignUnmetRow;
export type UnmetRow = { id: string; names: UnmetReport['items'][number]['names']; owner: UnmetReport['items'][number]['owner']; kind: UnmetKind; requests: number; hours: number };

/**
 * The advisory lock of one of a person's report slots, in the two-key form: the first key names
 * the purpose, the second the person and the slot (hashtext collisions only let two people share
 * slots, never let one exceed them). `user` and `slot` are SQL expressions.
 */
export const reportSlotLock = (user: string, slot: string) => `hashtext('equipole:report-slots'), hashtext(${user} || ':' || ${slot})`;

/**
 * Takes the first free one of the person's slots until the transaction ends: rows are tried in
 * order and LIMIT 1 stops at the first lock taken, so a request never holds two. No row: all taken.
 */
const TAKE_SLOT = `SELECT slot FROM generate_series(0, $2::int - 1) AS slot
                    WHERE pg_try_advisory_xact_lock(${reportSlotLock('$1::text', 'slot::text')}) LIMIT 1`;

/**
 * The statements of the occupancy reports, one per block (report-sql.ts builds their common CTE
 * chain; definitions in docs/indicators.md). Every method runs inside the report's transaction,
 * after prepare().
 */
@Injectable()
export class ReportsRepository {
  /** Takes one of the person's `slots` report slots until `manager`'s transaction ends; false when all are taken. */
  async takeSlot(manager: EntityManager, userId: string, slots: number): Promise<boolean> {
    const rows: { slot: number }[] = await manager.query(TAKE_SLOT, [userId, slots]);
    return rows.length > 0;
  }

  /**
   * Prepares the report's transaction: makes sure the derived data a statement reads is computed
   * for its days and for the items it covers only (fillItems): the items' open time
   * (report_open_days) and the bookings cut at local days (report_booking_days), kept by triggers;
   * see the ReportOpenDays, ReportBookingDays and ReportFillItems migrations.
   * JIT compilation is off: the row estimates of generate_series and unnest over multiranges are
   * far too high, so PostgreSQL would spend seconds compiling a query that runs in milliseconds;
   * work_mem is raised so that the booking × day join hashes in memory.
   */
  async prepare(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope, previous: boolean): Promise<void> {
    const periods = reportPeriods(query.from, query.to, previous);
    const fill = new SqlParams();
    const fromDay = fill.add(periods[periods.length - 1].from, '::date');
    const toDay = fill.add(periods[0].to, '::date');
    const items = fillItems(fill, query, scope, fromDay, toDay);
    // One round trip: the transaction's settings (set_config(…, true) is SET LOCAL) and the caches' fill.
    await manager.query(
      `SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true), report_fill_booking_days(${fromDay}, ${toDay}, ${items})`,
      fill.values,
    );
  }

  /** The summary figures of the period (key current) and, computed alike, of the same number of days just before it (key previous). */
  summary(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope, now: Date): Promise<SummaryRow[]> {
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
      )${pairsCtes('bkx', 'periods')}${unmetCtes(params, query, scope, now, 'res_period')},
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
    return manager.query(sql, params.values);
  }

  /** Open, booked and used hours per calendar month of the period. */
  trend(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope): Promise<TrendReport['months']> {
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
    return manager.query(sql, params.values);
  }

  /** Open and booked hours per weekday and local hour. */
  heatmap(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope): Promise<HeatmapReport['cells']> {
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
    return manager.query(sql, params.values);
  }

  /** The figures of each item reported on, least occupied first. */
  equipment(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope): Promise<EquipmentReport['items']> {
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
    return manager.query(sql, params.values);
  }

  /** Owner–booker pairs with a completed booking in the period, flagged new and cross-border. */
  partnerships(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope): Promise<PartnershipsReport['pairs']> {
    const params = new SqlParams();
    const sql = `${reportCtes(params, query, scope, { countries: true })}${pairsCtes('bkx', 'periods')}
      SELECT ${ORG('oo')} AS owner, ${ORG('bo')} AS booker, pf.completed_bookings AS "completedBookings", ${h('pf.used_hours')} AS "usedHours",
             first.first_completed_at AS "firstCompletedAt", pf.is_new AS "isNew", pf.cross_border AS "crossBorder"
        FROM pairs_flagged pf JOIN organisations oo ON oo.id = pf.owner_id JOIN organisations bo ON bo.id = pf.booker_id
        JOIN report_partnerships first ON first.owner_id = pf.owner_id AND first.booker_id = pf.booker_id
       ORDER BY oo.name, bo.name`;
    return manager.query(sql, params.values);
  }

  /** Learner-hours per occupation and kind of participant, and their total (isTotal). */
  learners(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope): Promise<LearnersRow[]> {
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
    return manager.query(sql, params.values);
  }

  /** Used hours for occupations in shortage in their region, and the rows per occupation and region. */
  shortage(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope): Promise<ShortageRow[]> {
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
    return manager.query(sql, params.values);
  }

  /**
   * Unmet demand per item and kind of booking request (rows), and, a source of its own, the sessions
   * published campaigns could not give per campaign, requesting organisation and item or kind
   * (campaign): one statement, two JSON lists.
   */
  async unmet(manager: EntityManager, query: ReportFilterValues, scope: ResolvedScope, now: Date): Promise<{ rows: UnmetRow[]; campaign: CampaignUnmetSqlRow[] }> {
    const params = new SqlParams();
    const sql = `${reportCtes(params, query, scope)}${unmetCtes(params, query, scope, now, 'res_period')}${campaignUnmetCtes(params, query, scope, 'res_period')}
      SELECT
        coalesce((SELECT json_agg(x ORDER BY x.id, x.kind) FROM (
          SELECT r.id, ${NAMES('r')} AS names, ${ORG('o')} AS owner, u.kind, count(*)::int AS requests, ${h('sum(u.hours)')} AS hours
            FROM unmet u JOIN resources r ON r.id = u.resource_id JOIN organisations o ON o.id = r.organisation_id
           GROUP BY r.id, o.id, u.kind) AS x), '[]') AS rows,
        coalesce((SELECT json_agg(y ORDER BY y.hours DESC, y.organisation->>'name', y.campaign->>'name', y.campaign->>'id', y.item->>'id' NULLS LAST, y."resourceKind") FROM (
          SELECT json_build_object('id', c.id, 'name', c.name, 'publishedAt', c.published_at) AS campaign, ${ORG('bo')} AS organisation,
                 CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'names', ${NAMES('r')}) END AS item,
                 cu.resource_kind AS "resourceKind", ${ORG('oo')} AS owner,
                 count(*)::int AS requests, sum(cu.sessions)::int AS sessions, ${h('sum(cu.hours)')} AS hours
            FROM campaign_unmet cu JOIN campaigns c ON c.id = cu.campaign_id JOIN organisations bo ON bo.id = cu.organisation_id
            LEFT JOIN resources r ON r.id = cu.resource_id
            JOIN organisations oo ON oo.id = coalesce(r.organisation_id, cu.campaign_owner_id)
           WHERE cu.key = 'current'
           GROUP BY c.id, bo.id, r.id, cu.resource_kind, oo.id) AS y), '[]') AS campaign`;
    const [result] = await manager.query(sql, params.values);
    return result;
  }
}

/** `column` falls in one of the edge ranges, as constants of the statement (the planner then sees how few days they hold). */
function edgeCondition(params: SqlParams, edges: [string, string][], column: string): string {
  if (edges.length === 0) return 'false';
  return `(${edges.map(([from, to]) => `(${column} >= ${params.add(from, '::date')} AND ${column} < ${params.add(to, '::date')})`).join(' OR ')})`;
}
