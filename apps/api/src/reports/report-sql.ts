/**
 * The SQL of the reports (definitions in docs/indicators.md). Every block is one statement made of
 * the same chain of CTEs, so that a figure means the same thing in every block:
 *
 *   periods      the report period (and, for the summary, the same number of days just before it),
 *                computed by reportPeriods
 *   res_period   equipment × period after the equipment filters and the partner scope; the period
 *                bounds are the local midnights of the item's own time zone, and whole_from/whole_to
 *                bound the calendar months wholly inside the period
 *   bkx          one row per confirmed, completed or no-show booking and local day of the period, after
 *                the booking filters (report_booking_days, derived data filled before the statement by
 *                report_fill_booking_days): its booked time on that day (period ∩ open time,
 *                confirmed/completed only) and used time (checked-in time ∩ open time, completed only),
 *                already clipped to the item's open time; first_row marks the one row that counts the
 *                booking itself; participants, and whether it counts as in shortage
 *   res          the equipment rows kept (school view: only items the school booked), with their open hours:
 *                whole months from report_booking_months, the days at either end from report_open_days;
 *                MATERIALIZED so it is computed once
 */

import { DateTime } from 'luxon';
import type { SqlParams } from '../common/sql-params';
import { occupationJson } from '../database/sql/fragments/resource-json';

export type ScopeKind = 'network' | 'partner' | 'school';

export interface ResolvedScope {
  kind: ScopeKind;
  /** Restrict the equipment to these owners (partner view); null = no restriction. */
  ownerIds: string[] | null;
  /** Restrict the bookings to these booking organisations (school view); null = no restriction. */
  bookerIds: string[] | null;
}

export interface ReportFilterValues {
  from: string;
  to: string;
  clusterId?: string;
  occupationId?: string;
  sector?: string;
  ownerOrganisationId?: string;
  bookingOrganisationId?: string;
  kind?: string;
  siteId?: string;
  country?: string;
}

export const BENEFICIARY_COLUMNS = {
  pupils: 'actual_pupils',
  apprentices: 'actual_apprentices',
  jobSeekers: 'actual_job_seekers',
  trainers: 'actual_trainers',
  employees: 'actual_employees',
} as const;

/** The CTE chain above; the caller appends its own CTEs (starting with a comma) and the final SELECT. */
export function reportCtes(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, options: { previous?: boolean; spans?: boolean; countries?: boolean; inline?: boolean } = {}): string {
  const periods = reportPeriods(filters.from, filters.to, options.previous ?? false).map((period) => ({
    key: period.key,
    from: params.add(period.from, '::date'),
    to: params.add(period.to, '::date'),
    wholeFrom: params.add(period.wholeFrom, '::date'),
    wholeTo: params.add(period.wholeTo, '::date'),
  }));

  const inResources = resourceConditions(params, filters, scope, 'r', 's');
  const bookingFilters = bookingWhere(params, filters, scope, 'd');
  // One branch per period, joined straight to the items (not to res_period): the planner then knows
  // that each row meets one item, and the constant bounds let the scan skip the other days.
  const bookingDays = (key: string, fromDay: string, toDay: string) => `
      SELECT '${key}'::text AS key, r.id AS resource_id, r.organisation_id AS owner_id, s.region, d.day, d.organisation_id AS booker_id, d.status,
             d.occupation_id, d.booked_hours, d.used_hours, ${options.spans ? 's.time_zone AS zone, d.booked_span,' : ''}
             d.day = greatest(d.span_first_day, ${fromDay}) AS first_row,
             d.first_day >= ${fromDay} AS starts_in_period,
             (d.occupation_id, s.region) IN (SELECT occupation_id, region FROM occupation_shortages WHERE in_shortage) AS in_shortage,
             d.pupils AS "pupils", d.apprentices AS "apprentices", d.job_seekers AS "jobSeekers", d.trainers AS "trainers", d.employees AS "employees",
             d.pupils + d.apprentices + d.job_seekers + d.trainers + d.employees AS participants
             ${options.countries ? ', oo.country <> bo.country AS cross_border' : ''}
        FROM report_booking_days d JOIN resources r ON r.id = d.resource_id JOIN sites s ON s.id = r.site_id
        ${options.countries ? 'JOIN organisations oo ON oo.id = r.organisation_id JOIN organisations bo ON bo.id = d.organisation_id' : ''}
       WHERE ${inResources} AND d.day >= ${fromDay} AND d.day < ${toDay} AND d.last_day >= ${fromDay} AND d.first_day < ${toDay}
             ${bookingFilters}`;

  return `
    WITH periods (key, from_day, to_day, whole_from, whole_to) AS (
      VALUES ${periods.map((p) => `('${p.key}'::text, ${p.from}, ${p.to}, ${p.wholeFrom}, ${p.wholeTo})`).join(', ')}
    ),
    res_period AS (
      SELECT p.key, r.id, r.organisation_id AS owner_id, r.site_id, s.time_zone AS zone, s.region, p.from_day, p.to_day,
             p.from_day::timestamp AT TIME ZONE s.time_zone AS p_from, p.to_day::timestamp AT TIME ZONE s.time_zone AS p_to,
             p.whole_from, p.whole_to
        FROM resources r JOIN sites s ON s.id = r.site_id CROSS JOIN periods p
       WHERE ${inResources} AND ${onPlatformDuring('r', 's', 'p')}
    ),
    bkx AS ${options.inline ? 'NOT MATERIALIZED ' : ''}(
      ${periods.map((p) => bookingDays(p.key, p.from, p.to)).join(`
      UNION ALL`)}
    ),
    res AS MATERIALIZED (
      SELECT rp.*,
             coalesce((SELECT sum(m.open_hours) FROM report_booking_months m
                        WHERE m.resource_id = rp.id AND m.month >= rp.whole_from AND m.month < rp.whole_to), 0)
             + coalesce((SELECT sum(d.hours) FROM report_open_days d
                          WHERE d.resource_id = rp.id AND d.day >= rp.from_day AND d.day < least(rp.whole_from, rp.to_day)), 0)
             + coalesce((SELECT sum(d.hours) FROM report_open_days d
                          WHERE d.resource_id = rp.id AND d.day >= greatest(rp.whole_to, rp.whole_from) AND d.day < rp.to_day), 0) AS open_hours
        FROM res_period rp
       ${scope.kind === 'school' ? 'WHERE EXISTS (SELECT 1 FROM bkx WHERE bkx.resource_id = rp.id AND bkx.key = rp.key)' : ''}
    )`;
}

/** The equipment filters and the partner scope, on `resources ${r} JOIN sites ${s}`. */
function resourceConditions(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, r: string, s: string): string {
  const where: string[] = [];
  if (filters.clusterId) where.push(`EXISTS (SELECT 1 FROM resource_clusters rc WHERE rc.resource_id = ${r}.id AND rc.cluster_id = ${params.add(filters.clusterId, '::uuid')})`);
  if (filters.occupationId) where.push(`EXISTS (SELECT 1 FROM resource_occupations ro WHERE ro.resource_id = ${r}.id AND ro.occupation_id = ${params.add(filters.occupationId, '::uuid')})`);
  if (filters.sector) where.push(`${r}.sector = ${params.add(filters.sector)}`);
  if (filters.ownerOrganisationId) where.push(`${r}.organisation_id = ${params.add(filters.ownerOrganisationId, '::uuid')}`);
  if (filters.kind) where.push(`${r}.kind = ${params.add(filters.kind)}`);
  if (filters.siteId) where.push(`${r}.site_id = ${params.add(filters.siteId, '::uuid')}`);
  if (filters.country) where.push(`${s}.country = ${params.add(filters.country)}`);
  if (scope.ownerIds) where.push(`${r}.organisation_id = ANY(${params.add(scope.ownerIds, '::uuid[]')})`);
  return where.length > 0 ? where.join(' AND ') : 'true';
}

/**
 * The items a period reports on (`r` resources, `s` their sites, `p` a row of periods): those on the
 * platform by then (available_from before the period's end) and not retired during the whole period.
 * A retired item stays in the periods when it was active; an item created today is not in last year's.
 */
function onPlatformDuring(r: string, s: string, p: string): string {
  return `${r}.available_from < ${p}.to_day
          AND EXISTS (SELECT 1 FROM resource_status_periods sp
                       WHERE sp.resource_id = ${r}.id AND sp.status <> 'retired'
                         AND sp.during && tstzrange(${p}.from_day::timestamp AT TIME ZONE ${s}.time_zone, ${p}.to_day::timestamp AT TIME ZONE ${s}.time_zone))`;
}

/**
 * The items whose derived data a report needs, as the `items` argument of report_fill_booking_days
 * (`fromDay`, `toDay`: placeholders of the days it fills, [from, to)). NULL — every item, and the
 * network's heatmap cells — only for the whole network without equipment filters; otherwise the
 * items the report keeps: those of the filters and the partner scope, and in the school view only
 * those the caller's organisations booked around those days (a day's margin each side covers every
 * zone's local days). A report never makes the database compute what it will not read.
 */
export function fillItems(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, fromDay: string, toDay: string): string {
  if (scope.kind === 'network' && !filtersResources(filters, scope)) return 'NULL::uuid[]';
  const booked = scope.bookerIds
    ? `AND EXISTS (
        SELECT 1 FROM bookings b, tstzrange((${fromDay} - 1)::timestamp AT TIME ZONE 'UTC', (${toDay} + 1)::timestamp AT TIME ZONE 'UTC') AS w
         WHERE b.resource_id = r.id AND b.status IN ('confirmed', 'completed', 'no_show')
           AND (b.period && w OR (b.actual_start < upper(w) AND b.actual_end > lower(w))) ${bookingWhere(params, filters, scope, 'b')})`
    : '';
  return `ARRAY(SELECT r.id FROM resources r JOIN sites s ON s.id = r.site_id WHERE ${resourceConditions(params, filters, scope, 'r', 's')} ${booked})`;
}

/** True when the report keeps only some items (then network-wide totals cannot be used). */
export function filtersResources(filters: ReportFilterValues, scope: ResolvedScope): boolean {
  return Boolean(filters.clusterId || filters.occupationId || filters.sector || filters.ownerOrganisationId || filters.kind || filters.siteId || filters.country || scope.ownerIds);
}

/** True when the report keeps only some bookings (then per-item-month booking totals cannot be used). */
export function filtersBookings(filters: ReportFilterValues, scope: ResolvedScope): boolean {
  return Boolean(filters.occupationId || filters.bookingOrganisationId || scope.bookerIds);
}

/** The booking filters and the school scope, on a table with organisation_id (and occupation_id unless `noOccupation`). */
export function bookingWhere(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, alias: string, options: { noOccupation?: boolean } = {}): string {
  const where: string[] = [];
  if (filters.occupationId && !options.noOccupation) where.push(`${alias}.occupation_id = ${params.add(filters.occupationId, '::uuid')}`);
  if (filters.bookingOrganisationId) where.push(`${alias}.organisation_id = ${params.add(filters.bookingOrganisationId, '::uuid')}`);
  if (scope.bookerIds) where.push(`${alias}.organisation_id = ANY(${params.add(scope.bookerIds, '::uuid[]')})`);
  return where.map((clause) => `AND ${clause}`).join(' ');
}

/**
 * Partnerships per period: owner ≠ booker with a completed booking, from `bookingDays` (the bkx CTE of
 * reportCtes, built with `countries`) and the `periods` CTE; the caller appends them after its CTEs.
 */
export function pairsCtes(bookingDays: string, periods: string): string {
  return `,
    pairs AS (
      SELECT key, owner_id, booker_id, count(*) FILTER (WHERE first_row)::int AS completed_bookings, sum(used_hours) AS used_hours,
             bool_or(cross_border) AS cross_border
        FROM ${bookingDays} WHERE status = 'completed' AND booker_id <> owner_id
       GROUP BY key, owner_id, booker_id
    )${pairsFlagged(periods)}`;
}

/**
 * The pairs flagged new: their first completed booking ever (report_partnerships) falls in the
 * period, in the zone of that booking's item. A hashed lookup, not a join: the planner cannot know
 * how many pairs there are, and joined row by row, tens of thousands of pairs cost seconds.
 */
function pairsFlagged(periods: string): string {
  return `,
    pairs_flagged AS (
      SELECT pairs.*,
             (pairs.key, pairs.owner_id, pairs.booker_id) IN (
               SELECT p.key, pf.owner_id, pf.booker_id FROM report_partnerships pf CROSS JOIN ${periods} p
                WHERE pf.first_completed_at >= p.from_day::timestamp AT TIME ZONE pf.first_zone
                  AND pf.first_completed_at < p.to_day::timestamp AT TIME ZONE pf.first_zone) AS is_new
        FROM pairs
    )`;
}

/**
 * Unmet demand per period and item (docs/indicators.md, "Unmet demand"): declined requests, expired
 * ones and those still pending after their start (whatever the expiry job did), waitlist entries never
 * served, requests refused because the slot was taken. A request of an organisation that holds an
 * overlapping booking of the item (confirmed, completed or no-show) is not unmet; the remaining
 * requests of one organisation for one item that overlap (or touch) count once, as their union, under
 * the kind that says most (declined, expired, waitlist, refused). Hours are clipped to the period only.
 * `itemPeriods` names the res_period CTE of reportCtes (items × periods with their local bounds).
 */
export function unmetCtes(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, now: Date, itemPeriods: string): string {
  const clip = (column: string) => `report_hours(tstzmultirange(${column}) * tstzmultirange(tstzrange(rp.p_from, rp.p_to)))`;
  const at = params.add(now, '::timestamptz');
  return `,
    unmet_requests AS (
      SELECT rp.key, rp.id AS resource_id, b.organisation_id, CASE WHEN b.status = 'pending' THEN 'expired' ELSE b.status END AS kind, b.period
        FROM ${itemPeriods} rp JOIN bookings b ON b.resource_id = rp.id AND b.period && tstzrange(rp.p_from, rp.p_to)
       WHERE (b.status IN ('declined', 'expired') OR (b.status = 'pending' AND lower(b.period) <= ${at})) ${bookingWhere(params, filters, scope, 'b')}
      UNION ALL
      SELECT rp.key, rp.id, w.organisation_id, 'waitlist', w.period
        FROM ${itemPeriods} rp JOIN waitlist_entries w ON w.resource_id = rp.id AND w.period && tstzrange(rp.p_from, rp.p_to)
       WHERE w.booking_id IS NULL AND (w.status = 'expired' OR (w.status = 'waiting' AND lower(w.period) <= ${at}))
             ${bookingWhere(params, filters, scope, 'w')}
      UNION ALL
      SELECT rp.key, rp.id, f.organisation_id, 'refused', f.period
        FROM ${itemPeriods} rp JOIN booking_refusals f ON f.resource_id = rp.id AND f.period && tstzrange(rp.p_from, rp.p_to)
       WHERE f.code = 'SLOT_TAKEN' ${bookingWhere(params, filters, scope, 'f', { noOccupation: true })}
    ),
    unmet_open AS (
      SELECT u.* FROM unmet_requests u
       WHERE NOT EXISTS (SELECT 1 FROM bookings held
                          WHERE held.resource_id = u.resource_id AND held.organisation_id = u.organisation_id
                            AND held.status IN ('confirmed', 'completed', 'no_show') AND held.period && u.period)
    ),
    unmet_merged AS (
      SELECT g.key, g.resource_id, g.organisation_id, merged.period
        FROM (SELECT key, resource_id, organisation_id, range_agg(period) AS periods FROM unmet_open GROUP BY key, resource_id, organisation_id) AS g
        CROSS JOIN LATERAL unnest(g.periods) AS merged (period)
    ),
    unmet AS (
      SELECT m.key, m.resource_id,
             (SELECT u.kind FROM unmet_open u
               WHERE u.key = m.key AND u.resource_id = m.resource_id AND u.organisation_id = m.organisation_id AND u.period && m.period
               ORDER BY array_position(ARRAY['declined', 'expired', 'waitlist', 'refused'], u.kind) LIMIT 1) AS kind,
             ${clip('m.period')} AS hours
        FROM unmet_merged m JOIN ${itemPeriods} rp ON rp.key = m.key AND rp.id = m.resource_id
    )`;
}

/**
 * Campaign unmet demand per period (docs/indicators.md, "Campaign unmet demand"): for each request of
 * a published campaign, its unserved sessions (asked − allocated, `unmet_sessions`, recorded at
 * publication) × the campaign's session length, counted in the period holding the publication instant
 * (local days of the item's site). A request for an item counts when that item is reported on; a request
 * for a kind counts **once** when any of the campaign's items of that kind is (so the equipment filters
 * — cluster, occupation, country… — and the partner scope apply through `itemPeriods`, the res_period
 * CTE of reportCtes). Requests carry no occupation: like conflict refusals they count with an occupation
 * filter when the item is linked to it. The booking organisation filter and the school scope apply to the
 * requesting organisation. A source of its own: never merged with the booking requests of unmetCtes.
 */
export function campaignUnmetCtes(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, itemPeriods: string): string {
  return `,
    campaign_unmet AS (
      SELECT k.key, c.id AS campaign_id, c.organisation_id AS campaign_owner_id, q.organisation_id, q.resource_id, q.resource_kind,
             q.unmet_sessions AS sessions, q.unmet_sessions * c.session_minutes / 60.0 AS hours
        FROM (SELECT DISTINCT key FROM ${itemPeriods}) AS k
        CROSS JOIN campaigns c JOIN campaign_requests q ON q.campaign_id = c.id
       WHERE c.status = 'published' AND q.unmet_sessions > 0 ${bookingWhere(params, filters, scope, 'q', { noOccupation: true })}
         AND EXISTS (
               SELECT 1 FROM ${itemPeriods} rp JOIN resources r ON r.id = rp.id
                WHERE rp.key = k.key AND c.published_at >= rp.p_from AND c.published_at < rp.p_to
                  AND (rp.id = q.resource_id
                       OR (q.resource_id IS NULL AND r.kind = q.resource_kind
                           AND EXISTS (SELECT 1 FROM campaign_items ci WHERE ci.campaign_id = c.id AND ci.resource_id = rp.id))))
    )`;
}

/** Rounded figures: hours and rates to 4 decimals, so that exact fixtures compare exactly. */
export const h = (expression: string) => `round(coalesce(${expression}, 0)::numeric, 4)::float8`;
export const rate = (numerator: string, denominator: string) => `round(coalesce(${numerator}, 0)::numeric / nullif(${denominator}, 0)::numeric, 4)::float8`;

export const NAMES = (alias: string) => `json_build_object('fr', ${alias}.name_fr, 'nl', ${alias}.name_nl, 'en', ${alias}.name_en)`;
export const ORG = (alias: string) => `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'country', ${alias}.country)`;
export const OCCUPATION = occupationJson;

/** A report period as local dates: [from, to) and the calendar months wholly inside it, [wholeFrom, wholeTo) (empty when wholeFrom ≥ wholeTo). */
export interface ReportPeriod {
  key: 'current' | 'previous';
  from: string;
  to: string;
  wholeFrom: string;
  wholeTo: string;
}

/** The period [from, to] (ISO dates, both included) and, with `previous`, the same number of days just before it. */
export function reportPeriods(from: string, to: string, previous: boolean): ReportPeriod[] {
  const current = period('current', from, DateTime.fromISO(to, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!);
  if (!previous) return [current];
  const days = DateTime.fromISO(current.to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;
  return [current, period('previous', DateTime.fromISO(from, { zone: 'UTC' }).minus({ days }).toISODate()!, from)];
}

/**
 * The days of [from, to] (ISO dates, both included) outside the calendar months wholly inside it,
 * as half-open [first, next) ranges of ISO dates: none when the period is made of whole months.
 */
export function edgeRanges(from: string, to: string): [string, string][] {
  const { from: start, to: end, wholeFrom, wholeTo } = reportPeriods(from, to, false)[0];
  if (wholeFrom >= wholeTo) return [[start, end]];
  return [[start, wholeFrom], [wholeTo, end]].filter(([a, b]) => a < b) as [string, string][];
}

function period(key: ReportPeriod['key'], from: string, to: string): ReportPeriod {
  const start = DateTime.fromISO(from, { zone: 'UTC' });
  const wholeFrom = start.day === 1 ? start : start.startOf('month').plus({ months: 1 });
  return { key, from, to, wholeFrom: wholeFrom.toISODate()!, wholeTo: DateTime.fromISO(to, { zone: 'UTC' }).startOf('month').toISODate()! };
}
