import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * More derived data for the reports (docs/performance.md, "Reports: booking days"):
 *
 * - report_booking_days: each confirmed, completed or no-show booking cut at the local days it
 *   touches, with its booked and used hours on that day already clipped to the item's open time.
 *   A report sums these rows instead of cutting a year of bookings on every request.
 * - report_booking_months: which item-months of report_booking_days are computed, with the item's
 *   open hours in that month (a year's open time is twelve rows instead of 365).
 * - report_month_cells: the heatmap's open and booked hours per item-month, local weekday and hour,
 *   and report_network_cells, the same summed over the whole network per month.
 * - report_partnerships: the first completed booking of each (owner, booking organisation) pair
 *   (its start and its item's zone), kept up to date as bookings change, so "new partnership" no
 *   longer sorts every completed booking.
 *
 * The first two are filled lazily, an item-month at a time (report_fill_booking_days, before each
 * report and by the report-cache job), and forgotten in the same transaction as any change that
 * alters them: a booking written, changed or deleted (statement triggers with transition tables,
 * one statement per write whatever the number of rows), or the item's open time changing (the
 * forgetting of an open month forgets the booking month computed against it).
 */
export class ReportBookingDays1796083200000 implements MigrationInterface {
  name = 'ReportBookingDays1796083200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_booking_months (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        month date NOT NULL,
        open_hours numeric NOT NULL,
        PRIMARY KEY (resource_id, month)
      )`);
    // No foreign keys: rows are only ever written by report_fill_booking_days, and a month is
    // rewritten whole. first_day/last_day are the local days of the booked period; span_first_day
    // also covers a check-in before the start, so each booking has exactly one row on
    // greatest(span_first_day, report start): the row that counts the booking once.
    await queryRunner.query(`
      CREATE TABLE report_booking_days (
        resource_id uuid NOT NULL,
        day date NOT NULL,
        booking_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        occupation_id uuid,
        status text NOT NULL,
        first_day date NOT NULL,
        last_day date NOT NULL,
        span_first_day date NOT NULL,
        booked_hours float8 NOT NULL,
        used_hours float8 NOT NULL,
        booked_span tstzmultirange,
        pupils integer NOT NULL,
        apprentices integer NOT NULL,
        job_seekers integer NOT NULL,
        trainers integer NOT NULL,
        employees integer NOT NULL,
        PRIMARY KEY (resource_id, day, booking_id)
      )`);

    // The heatmap's cells per item-month: open and booked hours per local ISO weekday and hour,
    // rewritten with the month's booking days. A year of an item is then a few hundred rows
    // instead of every open day and booking cut into hours.
    await queryRunner.query(`
      CREATE TABLE report_month_cells (
        resource_id uuid NOT NULL,
        month date NOT NULL,
        weekday smallint NOT NULL,
        hour smallint NOT NULL,
        open_hours float8 NOT NULL,
        booked_hours float8 NOT NULL,
        PRIMARY KEY (resource_id, month, weekday, hour)
      )`);
    // The same cells summed over every item that is not retired, per month: the coordinator's
    // network heatmap without filters reads 168 rows a month. Recomputed for a month whenever one of
    // its item-months is, and forgotten when an item is retired, brought back or deleted.
    await queryRunner.query(`
      CREATE TABLE report_network_cells (
        month date NOT NULL,
        weekday smallint NOT NULL,
        hour smallint NOT NULL,
        open_hours float8 NOT NULL,
        booked_hours float8 NOT NULL,
        PRIMARY KEY (month, weekday, hour)
      )`);
    await queryRunner.query('CREATE TABLE report_network_months (month date PRIMARY KEY)');
    await queryRunner.query(`
      CREATE FUNCTION report_forget_network() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          DELETE FROM report_network_months;
          RETURN NULL;
        END
        $$`);
    await queryRunner.query(`
      CREATE TRIGGER resources_forget_network AFTER UPDATE OF status ON resources
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION report_forget_network()`);
    await queryRunner.query(`
      CREATE TRIGGER resources_deleted_forget_network AFTER DELETE ON resources
        FOR EACH STATEMENT EXECUTE FUNCTION report_forget_network()`);

    // Spans cut at the local hours of a zone (an hour-long cell, also on DST days).
    await queryRunner.query(`
      CREATE FUNCTION report_hour_cells(spans tstzmultirange, zone text) RETURNS TABLE (weekday integer, hour integer, hours float8)
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$
          SELECT extract(isodow FROM hour_start AT TIME ZONE zone)::int, extract(hour FROM hour_start AT TIME ZONE zone)::int,
                 extract(epoch FROM least(upper(span), hour_start + interval '1 hour') - greatest(lower(span), hour_start)) / 3600
            FROM unnest(spans) AS span
            CROSS JOIN LATERAL generate_series(date_trunc('hour', lower(span), zone), upper(span) - interval '1 microsecond', interval '1 hour') AS hour_start
        $$`);

    // Claims the item-months not yet computed (ON CONFLICT: two reports never compute one month
    // twice; the second waits for the first), then rewrites their rows. The open-day cache is
    // filled first: a booking meets the open time of its own day.
    await queryRunner.query(`
      CREATE FUNCTION report_fill_booking_days(from_day date, to_day date) RETURNS integer
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
        $$`);

    // The rows of the claimed item-months: booking days, then the heatmap's cells.
    await queryRunner.query(`
      CREATE FUNCTION report_compute_item_months(ids uuid[], months date[]) RETURNS void
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
        $$`);

    // A booking month is computed against its open month: whatever forgets the one forgets the other.
    await queryRunner.query(`
      CREATE FUNCTION report_forget_booking_months() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          DELETE FROM report_booking_months m USING old_rows o WHERE m.resource_id = o.resource_id AND m.month = o.month;
          RETURN NULL;
        END
        $$`);
    await queryRunner.query(`
      CREATE TRIGGER report_open_months_forgotten AFTER DELETE ON report_open_months
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_forget_booking_months()`);

    // Unmet demand reads an item's declined and expired requests: a few dozen among hundreds of
    // bookings, scattered over the table; the index holds every column it needs (index-only scan).
    await queryRunner.query(`
      CREATE INDEX bookings_unmet_idx ON bookings (resource_id) INCLUDE (period, status, organisation_id, occupation_id)
       WHERE status IN ('declined', 'expired')`);

    await queryRunner.query(`
      CREATE TABLE report_partnerships (
        owner_id uuid NOT NULL,
        booker_id uuid NOT NULL,
        first_completed_at timestamptz NOT NULL,
        first_zone text NOT NULL,
        PRIMARY KEY (owner_id, booker_id)
      )`);
    await queryRunner.query(`INSERT INTO report_partnerships (owner_id, booker_id, first_completed_at, first_zone) ${firstCompleted('bookings')}`);

    // One function for the three statement triggers; each branch reads only the transition
    // tables its operation has. Months are forgotten with a day's margin on each side (in UTC),
    // which covers every time zone's local days. A pair whose completed booking changed or went
    // away is computed again from its bookings; a new completed booking can only move a pair's
    // first date earlier.
    await queryRunner.query(`
      CREATE FUNCTION report_bookings_changed() RETURNS trigger
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
        $$`);
    await queryRunner.query(`
      CREATE TRIGGER bookings_report_insert AFTER INSERT ON bookings
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_bookings_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER bookings_report_update AFTER UPDATE ON bookings
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_bookings_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER bookings_report_delete AFTER DELETE ON bookings
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_bookings_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER bookings_report_delete ON bookings');
    await queryRunner.query('DROP TRIGGER bookings_report_update ON bookings');
    await queryRunner.query('DROP TRIGGER bookings_report_insert ON bookings');
    await queryRunner.query('DROP FUNCTION report_bookings_changed()');
    await queryRunner.query('DROP TABLE report_partnerships');
    await queryRunner.query('DROP INDEX bookings_unmet_idx');
    await queryRunner.query('DROP TRIGGER report_open_months_forgotten ON report_open_months');
    await queryRunner.query('DROP FUNCTION report_forget_booking_months()');
    await queryRunner.query('DROP FUNCTION report_fill_booking_days(date, date)');
    await queryRunner.query('DROP FUNCTION report_compute_item_months(uuid[], date[])');
    await queryRunner.query('DROP TRIGGER resources_deleted_forget_network ON resources');
    await queryRunner.query('DROP TRIGGER resources_forget_network ON resources');
    await queryRunner.query('DROP FUNCTION report_forget_network()');
    await queryRunner.query('DROP TABLE report_network_months');
    await queryRunner.query('DROP TABLE report_network_cells');
    await queryRunner.query('DROP FUNCTION report_hour_cells(tstzmultirange, text)');
    await queryRunner.query('DROP TABLE report_month_cells');
    await queryRunner.query('DROP TABLE report_booking_days');
    await queryRunner.query('DROP TABLE report_booking_months');
  }
}

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
