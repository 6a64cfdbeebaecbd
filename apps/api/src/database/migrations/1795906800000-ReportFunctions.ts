import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQL helpers of the occupancy reports (docs/indicators.md), so that every report block is one
 * set-based query: an item's open time over a period as a multirange (weekly opening hours expanded
 * day by day in the site's zone, minus one-off and yearly closures of the item and of its site), and
 * the length of a multirange in hours. The same rules as openSpans() in libs/shared/src/availability.ts.
 *
 * Sites already carry their region (WAL/VLA/BRU/HDF), which the shortage lists are keyed by: no new column.
 */
export class ReportFunctions1795906800000 implements MigrationInterface {
  name = 'ReportFunctions1795906800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION report_hours(spans tstzmultirange) RETURNS numeric
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT coalesce(sum(extract(epoch FROM upper(span) - lower(span))), 0) / 3600 FROM unnest(spans) AS span $$`);

    // Local days are walked as dates and turned into instants with AT TIME ZONE, so 08:00 stays 08:00
    // local on both sides of a DST change and a whole DST day lasts 23 or 25 hours.
    await queryRunner.query(`
      CREATE FUNCTION report_open_time(item_id uuid, item_site_id uuid, opening_hours jsonb, zone text, period_start timestamptz, period_end timestamptz)
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
        $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION report_open_time(uuid, uuid, jsonb, text, timestamptz, timestamptz)');
    await queryRunner.query('DROP FUNCTION report_hours(tstzmultirange)');
  }
}
