/**
 * The reports' derived-data machinery, version 1: the functions that fill the report tables
 * (report_open_days, report_booking_days, report_booking_months, report_month_cells,
 * report_network_cells, report_partnerships) and the triggers that forget them, exactly as a fresh
 * database has them after ReportOpenDays1795910400000 and ReportBookingDays1796083200000.
 *
 * Installed by ConvergeReportFunctions1796169600000 on every database, so that one migrated while
 * those two migrations were still being edited ends up with the same definitions as a fresh one.
 * This file is covered by the migrations manifest like a migration: it never changes once landed.
 * A new definition is a report-functions.v2.sql.ts installed by a new migration.
 *
 * The function bodies are kept byte for byte as those migrations write them (the upgrade test
 * compares pg_get_functiondef), which is why they keep those migrations' indentation.
 */

/** Forgets the item-months (with a day's margin on each side, in UTC) that the bookings in `rows` touch. */
function forgetMonthsOf(rows: 'old_rows' | 'new_rows'): string {
  return `DELETE FROM report_booking_months m
             USING (SELECT DISTINCT b.resource_id, g::date AS month FROM ${rows} b
                      CROSS JOIN LATERAL generate_series(date_trunc('month', least(lower(b.period), b.actual_start) - interval '1 day'),
                                                         greatest(upper(b.period), b.actual_end) + interval '1 day', interval '1 month') AS g) AS t
             WHERE m.resource_id = t.resource_id AND m.month = t.month;`;
}

/** The first completed booking between each owner and another organisation among `source`'s bookings: its start and its item's zone. */
function firstCompleted(source: 'bookings' | 'new_rows'): string {
  return `SELECT DISTINCT ON (r.organisation_id, b.organisation_id) r.organisation_id, b.organisation_id, lower(b.period), s.time_zone
              FROM ${source} b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
             WHERE b.status = 'completed' AND b.organisation_id <> r.organisation_id
             ORDER BY r.organisation_id, b.organisation_id, lower(b.period)`;
}

/**
 * Every function, in an order in which each one's dependencies exist (SQL-language bodies are
 * checked when created). All are CREATE OR REPLACE: none changes its arguments or result type here.
 */
export const REPORT_FUNCTIONS_V1: readonly string[] = [
  // Claims the item-months not yet computed (ON CONFLICT: two reports never compute one month twice),
  // expands them with report_open_time and cuts them at the item's local midnights. Returns how many
  // item-months it computed.
  `
      CREATE OR REPLACE FUNCTION report_fill_open_days(from_day date, to_day date) RETURNS integer
        LANGUAGE sql VOLATILE
        AS $$
          WITH wanted AS (
            SELECT r.id AS resource_id, m::date AS month
              FROM resources r CROSS JOIN generate_series(date_trunc('month', from_day), to_day - 1, interval '1 month') AS m
             WHERE NOT EXISTS (SELECT 1 FROM report_open_months c WHERE c.resource_id = r.id AND c.month = m::date)
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

  // Forgets an item's open days (and, through report_open_months_forgotten, its booking months) when
  // its opening hours or site, its site's zone, or a closure of it or of its site changes.
  `
      CREATE OR REPLACE FUNCTION report_forget_open_days() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        DECLARE
          items uuid[];
        BEGIN
          IF TG_TABLE_NAME = 'resources' THEN
            items := ARRAY[NEW.id];
          ELSIF TG_TABLE_NAME = 'sites' THEN
            SELECT array_agg(id) INTO items FROM resources WHERE site_id = NEW.id;
          ELSE
            SELECT array_agg(DISTINCT r.id) INTO items FROM resources r
             WHERE (TG_OP <> 'INSERT' AND (r.id = OLD.resource_id OR r.site_id = OLD.site_id))
                OR (TG_OP <> 'DELETE' AND (r.id = NEW.resource_id OR r.site_id = NEW.site_id));
          END IF;
          IF items IS NOT NULL THEN
            DELETE FROM report_open_days WHERE resource_id = ANY(items);
            DELETE FROM report_open_months WHERE resource_id = ANY(items);
          END IF;
          RETURN NULL;
        END
        $$`,

  // The network's heatmap cells are forgotten whole when an item is retired, brought back or deleted.
  `
      CREATE OR REPLACE FUNCTION report_forget_network() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          DELETE FROM report_network_months;
          RETURN NULL;
        END
        $$`,

  // Spans cut at the local hours of a zone (an hour-long cell, also on DST days).
  `
      CREATE OR REPLACE FUNCTION report_hour_cells(spans tstzmultirange, zone text) RETURNS TABLE (weekday integer, hour integer, hours float8)
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$
          SELECT extract(isodow FROM hour_start AT TIME ZONE zone)::int, extract(hour FROM hour_start AT TIME ZONE zone)::int,
                 extract(epoch FROM least(upper(span), hour_start + interval '1 hour') - greatest(lower(span), hour_start)) / 3600
            FROM unnest(spans) AS span
            CROSS JOIN LATERAL generate_series(date_trunc('hour', lower(span), zone), upper(span) - interval '1 microsecond', interval '1 hour') AS hour_start
        $$`,

  // The rows of the claimed item-months: booking days, then the heatmap's cells.
  `
      CREATE OR REPLACE FUNCTION report_compute_item_months(ids uuid[], months date[]) RETURNS void
        LANGUAGE plpgsql VOLATILE
        AS $$
        BEGIN
          DELETE FROM report_booking_days d USING unnest(ids, months) AS c (resource_id, month)
           WHERE d.resource_id = c.resource_id AND d.day >= c.month AND d.day < (c.month + interval '1 month')::date;
          INSERT INTO report_booking_days
          SELECT b.resource_id, g.day, b.id, b.organisation_id, b.occupation_id, b.status,
                 span.first_day, span.last_day, span.span_first_day,
                 coalesce(report_hours(x.booked), 0), coalesce(report_hours(x.used), 0), nullif(x.booked, '{}'::tstzmultirange),
                 coalesce(b.actual_pupils, 0), coalesce(b.actual_apprentices, 0), coalesce(b.actual_job_seekers, 0),
                 coalesce(b.actual_trainers, 0), coalesce(b.actual_employees, 0)
            FROM unnest(ids, months) AS c (resource_id, month)
            JOIN resources r ON r.id = c.resource_id
            JOIN sites s ON s.id = r.site_id
            JOIN bookings b ON b.resource_id = c.resource_id AND b.status IN ('confirmed', 'completed', 'no_show')
            CROSS JOIN LATERAL (
              SELECT (lower(b.period) AT TIME ZONE s.time_zone)::date AS first_day,
                     ((upper(b.period) - interval '1 microsecond') AT TIME ZONE s.time_zone)::date AS last_day,
                     (least(lower(b.period), b.actual_start) AT TIME ZONE s.time_zone)::date AS span_first_day,
                     ((greatest(upper(b.period), b.actual_end) - interval '1 microsecond') AT TIME ZONE s.time_zone)::date AS span_last_day
            ) AS span
            CROSS JOIN LATERAL (
              SELECT d::date AS day
                FROM generate_series(greatest(c.month, span.span_first_day), least((c.month + interval '1 month')::date - 1, span.span_last_day), interval '1 day') AS d
            ) AS g
            LEFT JOIN report_open_days o ON o.resource_id = b.resource_id AND o.day = g.day
            CROSS JOIN LATERAL (
              SELECT CASE WHEN b.status IN ('confirmed', 'completed') THEN tstzmultirange(b.period) * o.open END AS booked,
                     CASE WHEN b.status = 'completed' AND b.actual_start IS NOT NULL AND b.actual_end IS NOT NULL
                          THEN tstzmultirange(tstzrange(b.actual_start, b.actual_end)) * o.open END AS used
            ) AS x
           WHERE span.span_first_day < (c.month + interval '1 month')::date AND span.span_last_day >= c.month
           -- Written in index order: an item's rows share pages, so a report reads a few pages per item, not one per row.
           ORDER BY b.resource_id, g.day;
          DELETE FROM report_month_cells m USING unnest(ids, months) AS c (resource_id, month)
           WHERE m.resource_id = c.resource_id AND m.month = c.month;
          INSERT INTO report_month_cells (resource_id, month, weekday, hour, open_hours, booked_hours)
          SELECT resource_id, month, weekday, hour, sum(open_hours), sum(booked_hours)
            FROM (
              SELECT c.resource_id, c.month, cell.weekday, cell.hour, cell.hours AS open_hours, 0 AS booked_hours
                FROM unnest(ids, months) AS c (resource_id, month)
                JOIN resources r ON r.id = c.resource_id JOIN sites s ON s.id = r.site_id
                JOIN report_open_days o ON o.resource_id = c.resource_id AND o.day >= c.month AND o.day < (c.month + interval '1 month')::date
                CROSS JOIN LATERAL report_hour_cells(o.open, s.time_zone) AS cell
              UNION ALL
              SELECT c.resource_id, c.month, cell.weekday, cell.hour, 0, cell.hours
                FROM unnest(ids, months) AS c (resource_id, month)
                JOIN resources r ON r.id = c.resource_id JOIN sites s ON s.id = r.site_id
                JOIN report_booking_days d ON d.resource_id = c.resource_id AND d.day >= c.month AND d.day < (c.month + interval '1 month')::date
                CROSS JOIN LATERAL report_hour_cells(d.booked_span, s.time_zone) AS cell
               WHERE d.booked_span IS NOT NULL
            ) AS cells
           GROUP BY resource_id, month, weekday, hour;
        END
        $$`,

  // Claims the item-months not yet computed (the second of two concurrent reports waits for the
  // first), fills the open-day cache first (a booking meets the open time of its own day), then the
  // network's cells of the months not yet summed. Returns how many item-months it computed.
  `
      CREATE OR REPLACE FUNCTION report_fill_booking_days(from_day date, to_day date) RETURNS integer
        LANGUAGE plpgsql VOLATILE
        AS $$
        DECLARE
          ids uuid[];
          months date[];
          network date[];
        BEGIN
          PERFORM report_fill_open_days(from_day, to_day);
          WITH claimed AS (
            INSERT INTO report_booking_months (resource_id, month, open_hours)
            SELECT r.id, m::date, coalesce((SELECT sum(o.hours) FROM report_open_days o
                                              WHERE o.resource_id = r.id AND o.day >= m::date AND o.day < (m + interval '1 month')::date), 0)
              FROM resources r CROSS JOIN generate_series(date_trunc('month', from_day), to_day - 1, interval '1 month') AS m
             WHERE NOT EXISTS (SELECT 1 FROM report_booking_months c WHERE c.resource_id = r.id AND c.month = m::date)
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
          RETURN coalesce(array_length(ids, 1), 0);
        END
        $$`,

  // A booking month is computed against its open month: whatever forgets the one forgets the other.
  `
      CREATE OR REPLACE FUNCTION report_forget_booking_months() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          DELETE FROM report_booking_months m USING old_rows o WHERE m.resource_id = o.resource_id AND m.month = o.month;
          RETURN NULL;
        END
        $$`,

  // One function for the three statement triggers on bookings; each branch reads only the transition
  // tables its operation has. A pair whose completed booking changed or went away is computed again
  // from its bookings; a new completed booking can only move a pair's first date earlier.
  `
      CREATE OR REPLACE FUNCTION report_bookings_changed() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') THEN
            ${forgetMonthsOf('old_rows')}
            WITH pairs AS (
              SELECT DISTINCT r.organisation_id AS owner_id, o.organisation_id AS booker_id
                FROM old_rows o JOIN resources r ON r.id = o.resource_id
               WHERE o.status = 'completed' AND o.organisation_id <> r.organisation_id
            ),
            firsts AS (
              SELECT p.owner_id, p.booker_id, f.first_at, f.zone
                FROM pairs p
                LEFT JOIN LATERAL (
                  SELECT lower(b.period) AS first_at, s.time_zone AS zone
                    FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
                   WHERE b.organisation_id = p.booker_id AND r.organisation_id = p.owner_id AND b.status = 'completed'
                   ORDER BY lower(b.period) LIMIT 1
                ) AS f ON true
            ),
            gone AS (
              DELETE FROM report_partnerships rp USING firsts f
               WHERE rp.owner_id = f.owner_id AND rp.booker_id = f.booker_id AND f.first_at IS NULL
            )
            INSERT INTO report_partnerships (owner_id, booker_id, first_completed_at, first_zone)
            SELECT owner_id, booker_id, first_at, zone FROM firsts WHERE first_at IS NOT NULL
            ON CONFLICT (owner_id, booker_id) DO UPDATE SET first_completed_at = excluded.first_completed_at, first_zone = excluded.first_zone;
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            ${forgetMonthsOf('new_rows')}
            INSERT INTO report_partnerships AS rp (owner_id, booker_id, first_completed_at, first_zone)
            ${firstCompleted('new_rows')}
            ON CONFLICT (owner_id, booker_id) DO UPDATE SET first_completed_at = excluded.first_completed_at, first_zone = excluded.first_zone
             WHERE excluded.first_completed_at < rp.first_completed_at;
          END IF;
          RETURN NULL;
        END
        $$`,
];

/** A trigger is replaced by dropping it (IF EXISTS) and creating it again: `table` says where it lives. */
export interface TriggerDefinition {
  readonly name: string;
  readonly table: string;
  readonly create: string;
}

/** Every trigger of the machinery; the functions they call must exist first. */
export const REPORT_TRIGGERS_V1: readonly TriggerDefinition[] = [
  {
    name: 'resources_forget_open_days',
    table: 'resources',
    create: `
      CREATE TRIGGER resources_forget_open_days AFTER UPDATE OF opening_hours, site_id ON resources
        FOR EACH ROW WHEN (OLD.opening_hours IS DISTINCT FROM NEW.opening_hours OR OLD.site_id IS DISTINCT FROM NEW.site_id)
        EXECUTE FUNCTION report_forget_open_days()`,
  },
  {
    name: 'sites_forget_open_days',
    table: 'sites',
    create: `
      CREATE TRIGGER sites_forget_open_days AFTER UPDATE OF time_zone ON sites
        FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
        EXECUTE FUNCTION report_forget_open_days()`,
  },
  {
    name: 'closures_forget_open_days',
    table: 'closures',
    create: `
      CREATE TRIGGER closures_forget_open_days AFTER INSERT OR UPDATE OR DELETE ON closures
        FOR EACH ROW EXECUTE FUNCTION report_forget_open_days()`,
  },
  {
    name: 'resources_forget_network',
    table: 'resources',
    create: `
      CREATE TRIGGER resources_forget_network AFTER UPDATE OF status ON resources
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION report_forget_network()`,
  },
  {
    name: 'resources_deleted_forget_network',
    table: 'resources',
    create: `
      CREATE TRIGGER resources_deleted_forget_network AFTER DELETE ON resources
        FOR EACH STATEMENT EXECUTE FUNCTION report_forget_network()`,
  },
  {
    name: 'report_open_months_forgotten',
    table: 'report_open_months',
    create: `
      CREATE TRIGGER report_open_months_forgotten AFTER DELETE ON report_open_months
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_booking_months()`,
  },
  {
    name: 'bookings_report_insert',
    table: 'bookings',
    create: `
      CREATE TRIGGER bookings_report_insert AFTER INSERT ON bookings
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_bookings_changed()`,
  },
  {
    name: 'bookings_report_update',
    table: 'bookings',
    create: `
      CREATE TRIGGER bookings_report_update AFTER UPDATE ON bookings
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_bookings_changed()`,
  },
  {
    name: 'bookings_report_delete',
    table: 'bookings',
    create: `
      CREATE TRIGGER bookings_report_delete AFTER DELETE ON bookings
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_bookings_changed()`,
  },
];

/** report_partnerships computed again from every booking (it is kept by triggers, never filled lazily). */
export const REPORT_PARTNERSHIPS_FILL_V1 = `INSERT INTO report_partnerships (owner_id, booker_id, first_completed_at, first_zone) ${firstCompleted('bookings')}`;
