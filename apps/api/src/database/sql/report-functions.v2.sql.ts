/**
 * The reports' fill functions, version 2: they take the items to fill. Version 1
 * (report-functions.v1.sql.ts) filled every item of the platform for any report, whatever its
 * scope, so a member's report of a new period made the database compute every item's months.
 *
 * - report_fill_open_days(from_day, to_day, items) and report_fill_booking_days(from_day, to_day,
 *   items) compute the item-months of `items` only; NULL means every item. The network's heatmap
 *   cells (report_network_cells) sum every item, so only a fill of every item computes them.
 * - The two-argument forms stay, for the report-cache job and older callers: every item, as before.
 *
 * Installed by ReportFillItems1796342400000. Covered by the migrations manifest: it never changes
 * once landed (a change is a v3 installed by a new migration). Everything else of version 1 (the
 * triggers, report_compute_item_months, report_hour_cells…) is unchanged and stays as v1 installed it.
 */
export const REPORT_FILL_FUNCTIONS_V2: readonly string[] = [
  // Claims the item-months not yet computed of `items` (NULL: every item); otherwise as in v1.
  `
      CREATE OR REPLACE FUNCTION report_fill_open_days(from_day date, to_day date, items uuid[]) RETURNS integer
        LANGUAGE sql VOLATILE
        AS $$
          WITH wanted AS (
            SELECT r.id AS resource_id, m::date AS month
              FROM resources r CROSS JOIN generate_series(date_trunc('month', from_day), to_day - 1, interval '1 month') AS m
             WHERE (items IS NULL OR r.id = ANY(items))
               AND NOT EXISTS (SELECT 1 FROM report_open_months c WHERE c.resource_id = r.id AND c.month = m::date)
          ),
          claimed AS (
            INSERT INTO report_open_months (resource_id, month) SELECT resource_id, month FROM wanted
            ON CONFLICT DO NOTHING RETURNING resource_id, month
          ),
          -- MATERIALIZED: computed once per item and month; inlined, it ran again for every day (30×).
          month_open AS MATERIALIZED (
            SELECT c.resource_id, c.month, s.time_zone AS zone,
                   report_open_time(r.id, r.site_id, r.opening_hours, s.time_zone,
                                    c.month::timestamp AT TIME ZONE s.time_zone, (c.month + interval '1 month') AT TIME ZONE s.time_zone) AS open
              FROM claimed c JOIN resources r ON r.id = c.resource_id JOIN sites s ON s.id = r.site_id
          ),
          filled AS (
            INSERT INTO report_open_days (resource_id, day, open, hours)
            SELECT m.resource_id, d.day, x.open, report_hours(x.open)
              FROM month_open m
              CROSS JOIN LATERAL (SELECT g::date AS day FROM generate_series(m.month, m.month + interval '1 month' - interval '1 day', interval '1 day') AS g) AS d
              CROSS JOIN LATERAL (SELECT m.open * tstzmultirange(tstzrange(d.day::timestamp AT TIME ZONE m.zone,
                                                                           (d.day + 1)::timestamp AT TIME ZONE m.zone)) AS open) AS x
             WHERE NOT isempty(x.open)
            RETURNING resource_id
          )
          SELECT count(*)::int FROM claimed
        $$`,

  `
      CREATE OR REPLACE FUNCTION report_fill_open_days(from_day date, to_day date) RETURNS integer
        LANGUAGE sql VOLATILE
        AS $$ SELECT report_fill_open_days(from_day, to_day, NULL::uuid[]) $$`,

  // Claims the item-months not yet computed of `items` (NULL: every item), fills their open days
  // first, then, for a fill of every item only, the network's cells of the months not yet summed.
  // A partial fill still forgets the network's months it computed item-months of, as v1 did.
  `
      CREATE OR REPLACE FUNCTION report_fill_booking_days(from_day date, to_day date, items uuid[]) RETURNS integer
        LANGUAGE plpgsql VOLATILE
        AS $$
        DECLARE
          ids uuid[];
          months date[];
          network date[];
        BEGIN
          PERFORM report_fill_open_days(from_day, to_day, items);
          WITH claimed AS (
            INSERT INTO report_booking_months (resource_id, month, open_hours)
            SELECT r.id, m::date, coalesce((SELECT sum(o.hours) FROM report_open_days o
                                              WHERE o.resource_id = r.id AND o.day >= m::date AND o.day < (m + interval '1 month')::date), 0)
              FROM resources r CROSS JOIN generate_series(date_trunc('month', from_day), to_day - 1, interval '1 month') AS m
             WHERE (items IS NULL OR r.id = ANY(items))
               AND NOT EXISTS (SELECT 1 FROM report_booking_months c WHERE c.resource_id = r.id AND c.month = m::date)
            ON CONFLICT DO NOTHING RETURNING resource_id, month
          )
          SELECT array_agg(resource_id), array_agg(month) INTO ids, months FROM claimed;
          IF ids IS NOT NULL THEN
            PERFORM report_compute_item_months(ids, months);
            DELETE FROM report_network_months WHERE month = ANY(months);
            -- After a large fill (a cold start, a new year), the planner needs statistics of the new rows
            -- at once: without them it scans every booking day for one cluster (measured: 500 ms instead of 150).
            IF array_length(ids, 1) >= 1000 THEN
              ANALYZE report_open_days;
              ANALYZE report_booking_months;
              ANALYZE report_booking_days;
              ANALYZE report_month_cells;
            END IF;
          END IF;
          IF items IS NULL THEN
            WITH claimed AS (
              INSERT INTO report_network_months (month)
              SELECT m::date FROM generate_series(date_trunc('month', from_day), to_day - 1, interval '1 month') AS m
              ON CONFLICT DO NOTHING RETURNING month
            )
            SELECT array_agg(month) INTO network FROM claimed;
            IF network IS NOT NULL THEN
              DELETE FROM report_network_cells WHERE month = ANY(network);
              INSERT INTO report_network_cells (month, weekday, hour, open_hours, booked_hours)
              SELECT c.month, c.weekday, c.hour, sum(c.open_hours), sum(c.booked_hours)
                FROM report_month_cells c JOIN resources r ON r.id = c.resource_id
               WHERE c.month = ANY(network) AND r.status <> 'retired'
               GROUP BY c.month, c.weekday, c.hour;
            END IF;
          END IF;
          RETURN coalesce(array_length(ids, 1), 0);
        END
        $$`,

  `
      CREATE OR REPLACE FUNCTION report_fill_booking_days(from_day date, to_day date) RETURNS integer
        LANGUAGE sql VOLATILE
        AS $$ SELECT report_fill_booking_days(from_day, to_day, NULL::uuid[]) $$`,
];

/** What REPORT_FILL_FUNCTIONS_V2 adds (dropped by the migration's down, which then installs v1 again). */
export const REPORT_FILL_FUNCTIONS_V2_ADDED: readonly string[] = [
  'report_fill_booking_days(date, date, uuid[])',
  'report_fill_open_days(date, date, uuid[])',
];
