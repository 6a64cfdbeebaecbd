/**
 * The indicators' SQL helpers that the early report migrations wrote in their own bodies, version 1,
 * exactly as every database has them after all earlier migrations:
 *
 * - report_hours(spans): the length of a multirange in hours (every hour figure of docs/indicators.md);
 * - report_open_time(item, site, opening hours, zone, from, to): an item's open time over a period,
 *   weekly hours expanded day by day in the site's zone minus one-off and yearly closures. The reports
 *   use report_item_open_time (report-functions.v3.sql.ts) since ItemHistory1796601600000; this one
 *   stays for the databases that have it.
 *
 * Created by ReportFunctions1795906800000; installed again (CREATE OR REPLACE, no change) by
 * VersionedFunctions1797100000000 so that the definition a database runs comes from this file.
 * Covered by the migrations manifest: it never changes once landed. A new definition is an
 * indicator-functions.v2.sql.ts installed by a new migration (whose down installs this file again).
 *
 * The bodies are kept byte for byte as ReportFunctions wrote them (the upgrade test compares
 * pg_get_functiondef), which is why they keep that migration's indentation.
 */
export const INDICATOR_FUNCTIONS_V1: readonly string[] = [
  `
      CREATE OR REPLACE FUNCTION report_hours(spans tstzmultirange) RETURNS numeric
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT coalesce(sum(extract(epoch FROM upper(span) - lower(span))), 0) / 3600 FROM unnest(spans) AS span $$`,
  `
      CREATE OR REPLACE FUNCTION report_open_time(item_id uuid, item_site_id uuid, opening_hours jsonb, zone text, period_start timestamptz, period_end timestamptz)
        RETURNS tstzmultirange
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$
          WITH days AS (
            SELECT d::date AS day
              FROM generate_series((period_start AT TIME ZONE zone)::date, (period_end AT TIME ZONE zone)::date, interval '1 day') AS d
          ),
          opening AS (
            SELECT tstzrange((days.day + oh.start::time) AT TIME ZONE zone, (days.day + oh."end"::time) AT TIME ZONE zone) AS span
              FROM days CROSS JOIN jsonb_to_recordset(opening_hours) AS oh(weekday int, start text, "end" text)
             WHERE oh.weekday = extract(isodow FROM days.day)
          ),
          closed AS (
            SELECT CASE WHEN c.start_time IS NULL
                        THEN tstzrange(days.day::timestamp AT TIME ZONE zone, (days.day + 1)::timestamp AT TIME ZONE zone)
                        ELSE tstzrange((days.day + c.start_time) AT TIME ZONE zone, (days.day + c.end_time) AT TIME ZONE zone) END AS span
              FROM days JOIN closures c ON (c.resource_id = item_id OR c.site_id = item_site_id)
             WHERE CASE
                     WHEN NOT c.yearly THEN days.day BETWEEN c.starts_on AND c.ends_on
                     WHEN to_char(c.starts_on, 'MM-DD') <= to_char(c.ends_on, 'MM-DD')
                       THEN to_char(days.day, 'MM-DD') BETWEEN to_char(c.starts_on, 'MM-DD') AND to_char(c.ends_on, 'MM-DD')
                     ELSE to_char(days.day, 'MM-DD') >= to_char(c.starts_on, 'MM-DD') OR to_char(days.day, 'MM-DD') <= to_char(c.ends_on, 'MM-DD')
                   END
          )
          SELECT (coalesce((SELECT range_agg(span) FROM opening), '{}'::tstzmultirange)
                  - coalesce((SELECT range_agg(span) FROM closed), '{}'::tstzmultirange))
                 * tstzmultirange(tstzrange(period_start, period_end))
        $$`,
];
