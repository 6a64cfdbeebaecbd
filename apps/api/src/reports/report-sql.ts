/**
 * The SQL of the reports (definitions in docs/indicators.md). Every block is one statement made of
 * the same chain of CTEs, so that a figure means the same thing in every block:
 *
 *   periods      the report period (and, for the summary, the same number of days just before it)
 *   res_period   equipment × period after the equipment filters and the partner scope; the period
 *                bounds are the local midnights of the item's own time zone
 *   bk           confirmed, completed and no-show bookings overlapping the period, after the booking filters
 *   res          the equipment rows kept (school view: only items the school booked), with their open hours
 *                from report_open_days (derived data, one row per item and local day; filled before the
 *                statement by report_fill_open_days); MATERIALIZED so it is computed once
 *   open_days    the open time of the kept items, per local day of the period
 *   bkd          each booking cut at the local days it touches, joined to that day's open time: its booked
 *                time (period ∩ open time, confirmed/completed only) and used time (checked-in time ∩ open
 *                time, completed only), as multiranges — a booking meets the small open time of its own day,
 *                never the item's whole year
 *   bkx          each booking with its booked and used hours summed over its days, its participants, and
 *                whether it counts as in shortage
 */

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

/** Collects positional parameters while the SQL text is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

export const BENEFICIARY_COLUMNS = {
  pupils: 'actual_pupils',
  apprentices: 'actual_apprentices',
  jobSeekers: 'actual_job_seekers',
  trainers: 'actual_trainers',
  employees: 'actual_employees',
} as const;

/** The CTE chain above; the caller appends its own CTEs (starting with a comma) and the final SELECT. */
export function reportCtes(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, options: { previous?: boolean } = {}): string {
  const from = params.add(filters.from, '::date');
  const to = params.add(filters.to, '::date');

  const resourceWhere: string[] = [`r.status <> 'retired'`];
  if (filters.clusterId) resourceWhere.push(`EXISTS (SELECT 1 FROM resource_clusters rc WHERE rc.resource_id = r.id AND rc.cluster_id = ${params.add(filters.clusterId, '::uuid')})`);
  if (filters.occupationId) resourceWhere.push(`EXISTS (SELECT 1 FROM resource_occupations ro WHERE ro.resource_id = r.id AND ro.occupation_id = ${params.add(filters.occupationId, '::uuid')})`);
  if (filters.sector) resourceWhere.push(`r.sector = ${params.add(filters.sector)}`);
  if (filters.ownerOrganisationId) resourceWhere.push(`r.organisation_id = ${params.add(filters.ownerOrganisationId, '::uuid')}`);
  if (filters.kind) resourceWhere.push(`r.kind = ${params.add(filters.kind)}`);
  if (filters.siteId) resourceWhere.push(`r.site_id = ${params.add(filters.siteId, '::uuid')}`);
  if (filters.country) resourceWhere.push(`s.country = ${params.add(filters.country)}`);
  if (scope.ownerIds) resourceWhere.push(`r.organisation_id = ANY(${params.add(scope.ownerIds, '::uuid[]')})`);

  return `
    WITH periods (key, from_day, to_day) AS (
      SELECT 'current'::text, ${from}, ${to} + 1
      ${options.previous ? `UNION ALL SELECT 'previous'::text, ${from} - (${to} + 1 - ${from}), ${from}` : ''}
    ),
    res_period AS (
      SELECT p.key, r.id, r.organisation_id AS owner_id, r.site_id, s.time_zone AS zone, s.region, p.from_day, p.to_day,
             p.from_day::timestamp AT TIME ZONE s.time_zone AS p_from, p.to_day::timestamp AT TIME ZONE s.time_zone AS p_to
        FROM resources r JOIN sites s ON s.id = r.site_id CROSS JOIN periods p
       WHERE ${resourceWhere.join(' AND ')}
    ),
    bk AS (
      SELECT rp.key, rp.id AS resource_id, rp.owner_id, rp.region, rp.zone, rp.from_day, rp.to_day, rp.p_from, rp.p_to,
             b.id, b.organisation_id AS booker_id, b.status, b.period, b.occupation_id, b.actual_start, b.actual_end,
             ${Object.entries(BENEFICIARY_COLUMNS).map(([key, column]) => `coalesce(b.${column}, 0) AS "${key}"`).join(', ')}
        FROM res_period rp JOIN bookings b ON b.resource_id = rp.id AND b.period && tstzrange(rp.p_from, rp.p_to)
       WHERE b.status IN ('confirmed', 'completed', 'no_show') ${bookingWhere(params, filters, scope, 'b')}
    ),
    res AS MATERIALIZED (
      SELECT rp.*, coalesce((SELECT sum(d.hours) FROM report_open_days d
                              WHERE d.resource_id = rp.id AND d.day >= rp.from_day AND d.day < rp.to_day), 0) AS open_hours
        FROM res_period rp
       ${scope.kind === 'school' ? 'WHERE EXISTS (SELECT 1 FROM bk WHERE bk.resource_id = rp.id AND bk.key = rp.key)' : ''}
    ),
    open_days AS (
      SELECT res.key, res.id, res.zone, d.day, d.open, d.hours
        FROM res JOIN report_open_days d ON d.resource_id = res.id AND d.day >= res.from_day AND d.day < res.to_day
    ),
    bkd AS MATERIALIZED (
      SELECT bk.key, bk.id, bk.resource_id, bk.zone, d.day,
             CASE WHEN bk.status IN ('confirmed', 'completed') THEN tstzmultirange(bk.period) * d.open ELSE '{}'::tstzmultirange END AS booked_span,
             CASE WHEN bk.status = 'completed' AND bk.actual_start IS NOT NULL AND bk.actual_end IS NOT NULL
                  THEN tstzmultirange(tstzrange(bk.actual_start, bk.actual_end)) * d.open ELSE '{}'::tstzmultirange END AS used_span
        FROM bk
        CROSS JOIN LATERAL (SELECT least(lower(bk.period), bk.actual_start) AS first_at, greatest(upper(bk.period), bk.actual_end) AS last_at) AS span
        CROSS JOIN LATERAL generate_series(greatest(bk.from_day, (span.first_at AT TIME ZONE bk.zone)::date),
                                           least(bk.to_day - 1, ((span.last_at - interval '1 microsecond') AT TIME ZONE bk.zone)::date),
                                           interval '1 day') AS g
        JOIN report_open_days d ON d.resource_id = bk.resource_id AND d.day = g::date AND d.day >= bk.from_day AND d.day < bk.to_day
       WHERE bk.status IN ('confirmed', 'completed')
    ),
    bkx AS MATERIALIZED (
      SELECT bk.*, coalesce(x.booked_hours, 0) AS booked_hours, coalesce(x.used_hours, 0) AS used_hours,
             lower(bk.period) >= bk.p_from AND lower(bk.period) < bk.p_to AS starts_in_period,
             EXISTS (SELECT 1 FROM occupation_shortages os WHERE os.occupation_id = bk.occupation_id AND os.region = bk.region AND os.in_shortage) AS in_shortage,
             bk."pupils" + bk."apprentices" + bk."jobSeekers" + bk."trainers" + bk."employees" AS participants
        FROM bk
        LEFT JOIN (SELECT key, id, sum(report_hours(booked_span)) AS booked_hours, sum(report_hours(used_span)) AS used_hours
                     FROM bkd GROUP BY key, id) AS x ON x.key = bk.key AND x.id = bk.id
    )`;
}

/** The booking filters and the school scope, on a table with organisation_id (and occupation_id unless `noOccupation`). */
export function bookingWhere(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope, alias: string, options: { noOccupation?: boolean } = {}): string {
  const where: string[] = [];
  if (filters.occupationId && !options.noOccupation) where.push(`${alias}.occupation_id = ${params.add(filters.occupationId, '::uuid')}`);
  if (filters.bookingOrganisationId) where.push(`${alias}.organisation_id = ${params.add(filters.bookingOrganisationId, '::uuid')}`);
  if (scope.bookerIds) where.push(`${alias}.organisation_id = ANY(${params.add(scope.bookerIds, '::uuid[]')})`);
  return where.map((clause) => `AND ${clause}`).join(' ');
}

/** Partnerships per period: owner ≠ booker with a completed booking, flagged new (first ever in the period) and cross-border. */
export const PAIRS_CTES = `,
    pairs AS (
      SELECT key, owner_id, booker_id, count(*)::int AS completed_bookings, sum(used_hours) AS used_hours
        FROM bkx WHERE status = 'completed' AND booker_id <> owner_id
       GROUP BY key, owner_id, booker_id
    ),
    -- One ordered pass over completed bookings between organisations (filtering it by the pairs made the
    -- planner, which expects a handful of pairs, choose a nested loop: 52 s on a million bookings).
    pair_first AS MATERIALIZED (
      SELECT DISTINCT ON (r.organisation_id, b.organisation_id)
             r.organisation_id AS owner_id, b.organisation_id AS booker_id, lower(b.period) AS first_at, s.time_zone AS zone
        FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
       WHERE b.status = 'completed' AND b.organisation_id <> r.organisation_id
       ORDER BY r.organisation_id, b.organisation_id, lower(b.period)
    ),
    pairs_flagged AS (
      SELECT pairs.*, pf.first_at,
             pf.first_at >= p.from_day::timestamp AT TIME ZONE pf.zone AND pf.first_at < p.to_day::timestamp AT TIME ZONE pf.zone AS is_new,
             oo.country <> bo.country AS cross_border
        FROM pairs JOIN periods p ON p.key = pairs.key JOIN pair_first pf USING (owner_id, booker_id)
        JOIN organisations oo ON oo.id = pairs.owner_id JOIN organisations bo ON bo.id = pairs.booker_id
    )`;

/** Unmet demand per period and item: declined and expired requests, waitlist entries never served, requests refused for a conflict. */
export function unmetCtes(params: SqlParams, filters: ReportFilterValues, scope: ResolvedScope): string {
  const clip = (column: string) => `report_hours(tstzmultirange(${column}) * tstzmultirange(tstzrange(rp.p_from, rp.p_to)))`;
  return `,
    unmet AS (
      SELECT rp.key, rp.id AS resource_id, b.status AS kind, ${clip('b.period')} AS hours
        FROM res_period rp JOIN bookings b ON b.resource_id = rp.id AND b.period && tstzrange(rp.p_from, rp.p_to)
       WHERE b.status IN ('declined', 'expired') ${bookingWhere(params, filters, scope, 'b')}
      UNION ALL
      SELECT rp.key, rp.id, 'waitlist', ${clip('w.period')}
        FROM res_period rp JOIN waitlist_entries w ON w.resource_id = rp.id AND w.period && tstzrange(rp.p_from, rp.p_to)
       WHERE w.booking_id IS NULL AND (w.status = 'expired' OR (w.status = 'waiting' AND lower(w.period) <= now()))
             ${bookingWhere(params, filters, scope, 'w')}
      UNION ALL
      SELECT rp.key, rp.id, 'refused', ${clip('f.period')}
        FROM res_period rp JOIN booking_refusals f ON f.resource_id = rp.id AND f.period && tstzrange(rp.p_from, rp.p_to)
       WHERE f.code = 'SLOT_TAKEN' ${bookingWhere(params, filters, scope, 'f', { noOccupation: true })}
    )`;
}

/** Rounded figures: hours and rates to 4 decimals, so that exact fixtures compare exactly. */
export const h = (expression: string) => `round(coalesce(${expression}, 0), 4)::float8`;
export const rate = (numerator: string, denominator: string) => `round(coalesce(${numerator}, 0)::numeric / nullif(${denominator}, 0), 4)::float8`;

export const NAMES = (alias: string) => `json_build_object('fr', ${alias}.name_fr, 'nl', ${alias}.name_nl, 'en', ${alias}.name_en)`;
export const ORG = (alias: string) => `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'country', ${alias}.country)`;
export const OCCUPATION = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'code', ${alias}.code, 'labels', json_build_object('fr', ${alias}.label_fr, 'nl', ${alias}.label_nl, 'en', ${alias}.label_en))`;
