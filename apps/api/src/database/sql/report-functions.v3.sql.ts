/**
 * The reports' derived data, version 3 (indicators 1.1): an item's open time follows its history
 * instead of its current settings, and used time is clipped to booked time.
 *
 * - report_item_open_time(item, zone, from, to) replaces report_open_time for the reports: each local
 *   day uses the opening hours in force that day (resource_opening_hours), the closures in force that
 *   day (closures, and closures_removed before the day they were removed; a yearly closure from its
 *   first date on), only the time when the item's status was `active` (resource_status_periods) and
 *   nothing before the item's first day on the platform (resources.available_from).
 * - report_fill_open_days(from, to, items) fills report_open_days with it.
 * - report_compute_item_months: used time is checked-in time ∩ booked time ∩ open time, so used ≤ booked
 *   for every booking and day (usage ≤ occupancy, mutualisation ≤ 100 %).
 * - report_fill_booking_days(from, to, items): the network's heatmap cells sum every item, retired ones
 *   included (a retired item has no open time after its retirement, and keeps the months it was active).
 * - report_forget_item_history(): forgets an item's open days when its history changes.
 *
 * Installed by ItemHistory1796601600000, which also creates the history tables and the triggers that
 * keep them. Covered by the migrations manifest: it never changes once landed (a change is a v4).
 * report_open_time (v1, ReportFunctions1795906800000) stays, unused by the reports.
 */

/** Business time in a trigger: the instant the API set for this transaction (its Clock), else the database's. */
export const BUSINESS_NOW = `
      CREATE OR REPLACE FUNCTION business_now() RETURNS timestamptz
        LANGUAGE sql STABLE
        AS $$ SELECT coalesce(nullif(current_setting('equipole.now', true), '')::timestamptz, now()) $$`;

export const REPORT_FUNCTIONS_V3: readonly string[] = [
  BUSINESS_NOW,

  // Local days are walked as dates and turned into instants with AT TIME ZONE (as report_open_time):
  // 08:00 stays 08:00 local on both sides of a DST change.
  `
      CREATE OR REPLACE FUNCTION report_item_open_time(item_id uuid, zone text, period_start timestamptz, period_end timestamptz)
        RETURNS tstzmultirange
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$
          WITH item AS (
            SELECT r.site_id, r.available_from FROM resources r WHERE r.id = item_id
          ),
          days AS (
            SELECT d::date AS day
              FROM generate_series((period_start AT TIME ZONE zone)::date, (period_end AT TIME ZONE zone)::date, interval '1 day') AS d
          ),
          rules AS (
            SELECT days.day, (SELECT h.opening_hours FROM resource_opening_hours h
                               WHERE h.resource_id = item_id AND h.valid_from <= days.day
                               ORDER BY h.valid_from DESC LIMIT 1) AS hours
              FROM days
          ),
          opening AS (
            SELECT tstzrange((rules.day + oh.start::time) AT TIME ZONE zone, (rules.day + oh."end"::time) AT TIME ZONE zone) AS span
              FROM rules CROSS JOIN jsonb_to_recordset(coalesce(rules.hours, '[]'::jsonb)) AS oh(weekday int, start text, "end" text)
             WHERE oh.weekday = extract(isodow FROM rules.day)
          ),
          closure_rules AS (
            SELECT c.resource_id, c.site_id, c.starts_on, c.ends_on, c.start_time, c.end_time, c.yearly, 'infinity'::date AS removed_on
              FROM closures c, item WHERE c.resource_id = item_id OR c.site_id = item.site_id
            UNION ALL
            SELECT c.resource_id, c.site_id, c.starts_on, c.ends_on, c.start_time, c.end_time, c.yearly, c.removed_on
              FROM closures_removed c, item WHERE c.resource_id = item_id OR c.site_id = item.site_id
          ),
          closed AS (
            SELECT CASE WHEN c.start_time IS NULL
                        THEN tstzrange(days.day::timestamp AT TIME ZONE zone, (days.day + 1)::timestamp AT TIME ZONE zone)
                        ELSE tstzrange((days.day + c.start_time) AT TIME ZONE zone, (days.day + c.end_time) AT TIME ZONE zone) END AS span
              FROM days JOIN closure_rules c ON days.day < c.removed_on
             WHERE CASE
                     WHEN NOT c.yearly THEN days.day BETWEEN c.starts_on AND c.ends_on
                     WHEN days.day < c.starts_on THEN false
                     WHEN to_char(c.starts_on, 'MM-DD') <= to_char(c.ends_on, 'MM-DD')
                       THEN to_char(days.day, 'MM-DD') BETWEEN to_char(c.starts_on, 'MM-DD') AND to_char(c.ends_on, 'MM-DD')
                     ELSE to_char(days.day, 'MM-DD') >= to_char(c.starts_on, 'MM-DD') OR to_char(days.day, 'MM-DD') <= to_char(c.ends_on, 'MM-DD')
                   END
          ),
          active AS (
            SELECT range_agg(p.during) AS spans FROM resource_status_periods p
             WHERE p.resource_id = item_id AND p.status = 'active' AND p.during && tstzrange(period_start, period_end)
          )
          SELECT (coalesce((SELECT range_agg(span) FROM opening), '{}'::tstzmultirange)
                  - coalesce((SELECT range_agg(span) FROM closed), '{}'::tstzmultirange))
                 * coalesce((SELECT spans FROM active), '{}'::tstzmultirange)
                 * tstzmultirange(tstzrange(period_start, period_end))
                 * tstzmultirange(tstzrange((SELECT available_from FROM item)::timestamp AT TIME ZONE zone, NULL))
        $$`,

  // As v2, with report_item_open_time.
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
                   report_item_open_time(r.id, s.time_zone,
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

  // As v1, but used time is checked-in time ∩ booked time ∩ open time (never more than booked time).
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
                     (lower(b.period) AT TIME ZONE s.time_zone)::date AS span_first_day,
                     ((upper(b.period) - interval '1 microsecond') AT TIME ZONE s.time_zone)::date AS span_last_day
            ) AS span
            CROSS JOIN LATERAL (
              SELECT d::date AS day
                FROM generate_series(greatest(c.month, span.span_first_day), least((c.month + interval '1 month')::date - 1, span.span_last_day), interval '1 day') AS d
            ) AS g
            LEFT JOIN report_open_days o ON o.resource_id = b.resource_id AND o.day = g.day
            CROSS JOIN LATERAL (
              SELECT CASE WHEN b.status IN ('confirmed', 'completed') THEN tstzmultirange(b.period) * o.open END AS booked,
                     CASE WHEN b.status = 'completed' AND b.actual_start IS NOT NULL AND b.actual_end IS NOT NULL
                          THEN tstzmultirange(tstzrange(b.actual_start, b.actual_end)) * tstzmultirange(b.period) * o.open END AS used
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

  // As v2, but the network's cells sum every item: a retired item has no open time after its retirement.
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
                FROM report_month_cells c
               WHERE c.month = ANY(network)
               GROUP BY c.month, c.weekday, c.hour;
            END IF;
          END IF;
          RETURN coalesce(array_length(ids, 1), 0);
        END
        $$`,

  // An item's open days (and, through report_open_months_forgotten, its booking months) are forgotten
  // when its history changes: a status period, an opening-hours version, its first day on the platform.
  // The months are computed again from the history, so the past ones come out the same.
  `
      CREATE OR REPLACE FUNCTION report_forget_item_history() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        DECLARE
          item uuid;
        BEGIN
          IF TG_TABLE_NAME = 'resources' THEN
            item := NEW.id;
          ELSIF TG_OP = 'DELETE' THEN
            item := OLD.resource_id;
          ELSE
            item := NEW.resource_id;
          END IF;
          DELETE FROM report_open_days WHERE resource_id = item;
          DELETE FROM report_open_months WHERE resource_id = item;
          RETURN NULL;
        END
        $$`,

  // The history kept when an item changes. Business time comes from business_now(): the API sets the
  // transaction's equipole.now from its Clock. A status period runs until the next change; a change at
  // (or, with a clock set back, before) the start of the current period replaces it.
  `
      CREATE OR REPLACE FUNCTION resource_record_history() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        DECLARE
          at timestamptz := business_now();
          zone text;
          current_start timestamptz;
        BEGIN
          IF TG_OP = 'INSERT' THEN
            INSERT INTO resource_status_periods (resource_id, status, during) VALUES (NEW.id, NEW.status, tstzrange(NULL, NULL));
            INSERT INTO resource_opening_hours (resource_id, valid_from, opening_hours) VALUES (NEW.id, '-infinity', NEW.opening_hours);
            RETURN NULL;
          END IF;
          IF NEW.status IS DISTINCT FROM OLD.status THEN
            SELECT lower(during) INTO current_start FROM resource_status_periods WHERE resource_id = NEW.id AND upper_inf(during) FOR UPDATE;
            IF current_start IS NOT NULL AND current_start >= at THEN
              DELETE FROM resource_status_periods WHERE resource_id = NEW.id AND upper_inf(during);
              INSERT INTO resource_status_periods (resource_id, status, during) VALUES (NEW.id, NEW.status, tstzrange(current_start, NULL));
            ELSE
              UPDATE resource_status_periods SET during = tstzrange(lower(during), at) WHERE resource_id = NEW.id AND upper_inf(during);
              INSERT INTO resource_status_periods (resource_id, status, during) VALUES (NEW.id, NEW.status, tstzrange(at, NULL));
            END IF;
          END IF;
          IF NEW.opening_hours IS DISTINCT FROM OLD.opening_hours THEN
            SELECT time_zone INTO zone FROM sites WHERE id = NEW.site_id;
            INSERT INTO resource_opening_hours (resource_id, valid_from, opening_hours)
            VALUES (NEW.id, (at AT TIME ZONE zone)::date, NEW.opening_hours)
            ON CONFLICT (resource_id, valid_from) DO UPDATE SET opening_hours = excluded.opening_hours;
          END IF;
          RETURN NULL;
        END
        $$`,

  // A new item is on the platform from its creation day (business time, its site's zone) unless told otherwise.
  `
      CREATE OR REPLACE FUNCTION resource_default_available_from() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          IF NEW.available_from IS NULL THEN
            NEW.available_from := (business_now() AT TIME ZONE (SELECT time_zone FROM sites WHERE id = NEW.site_id))::date;
          END IF;
          RETURN NEW;
        END
        $$`,

  // A closure removed today still closed the days before today. Not kept when its item or site is
  // being deleted with it.
  `
      CREATE OR REPLACE FUNCTION closures_keep_removed() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        DECLARE
          zone text;
        BEGIN
          SELECT s.time_zone INTO zone FROM sites s
           WHERE s.id = OLD.site_id OR s.id = (SELECT r.site_id FROM resources r WHERE r.id = OLD.resource_id);
          IF zone IS NOT NULL THEN
            INSERT INTO closures_removed (id, resource_id, site_id, starts_on, ends_on, start_time, end_time, yearly, reason, created_at, removed_on)
            VALUES (OLD.id, OLD.resource_id, OLD.site_id, OLD.starts_on, OLD.ends_on, OLD.start_time, OLD.end_time, OLD.yearly, OLD.reason,
                    OLD.created_at, (business_now() AT TIME ZONE zone)::date);
          END IF;
          RETURN NULL;
        END
        $$`,
];

export const REPORT_TRIGGERS_V3 = [
  {
    name: 'resources_default_available_from',
    table: 'resources',
    create: `
      CREATE TRIGGER resources_default_available_from BEFORE INSERT ON resources
        FOR EACH ROW EXECUTE FUNCTION resource_default_available_from()`,
  },
  {
    name: 'resources_record_history',
    table: 'resources',
    create: `
      CREATE TRIGGER resources_record_history AFTER INSERT OR UPDATE OF status, opening_hours ON resources
        FOR EACH ROW EXECUTE FUNCTION resource_record_history()`,
  },
  {
    name: 'resources_forget_available_from',
    table: 'resources',
    create: `
      CREATE TRIGGER resources_forget_available_from AFTER UPDATE OF available_from ON resources
        FOR EACH ROW WHEN (OLD.available_from IS DISTINCT FROM NEW.available_from) EXECUTE FUNCTION report_forget_item_history()`,
  },
  {
    name: 'status_periods_forget_open_days',
    table: 'resource_status_periods',
    create: `
      CREATE TRIGGER status_periods_forget_open_days AFTER INSERT OR UPDATE OR DELETE ON resource_status_periods
        FOR EACH ROW EXECUTE FUNCTION report_forget_item_history()`,
  },
  {
    name: 'opening_hours_forget_open_days',
    table: 'resource_opening_hours',
    create: `
      CREATE TRIGGER opening_hours_forget_open_days AFTER INSERT OR UPDATE OR DELETE ON resource_opening_hours
        FOR EACH ROW EXECUTE FUNCTION report_forget_item_history()`,
  },
  {
    name: 'closures_keep_removed',
    table: 'closures',
    create: `
      CREATE TRIGGER closures_keep_removed AFTER DELETE ON closures
        FOR EACH ROW EXECUTE FUNCTION closures_keep_removed()`,
  },
] as const;
