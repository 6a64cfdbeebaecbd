import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Derived data for the reports: each item's open time, one row per local day, so that a report
 * no longer expands weekly opening hours and closures for every item on every request, and each
 * booking is clipped to the open time of its own days instead of a year-long multirange.
 *
 * Filled lazily, a month of an item at a time (report_fill_open_days, called before each report),
 * and forgotten by triggers in the same transaction as any change that alters it: an item's
 * opening hours or site, a site's time zone, a closure of the item or of its site. A day without
 * opening has no row. Measured in docs/performance.md.
 */
export class ReportOpenDays1795910400000 implements MigrationInterface {
  name = 'ReportOpenDays1795910400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_open_months (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        month date NOT NULL,
        PRIMARY KEY (resource_id, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE report_open_days (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        day date NOT NULL,
        open tstzmultirange NOT NULL,
        hours numeric NOT NULL,
        PRIMARY KEY (resource_id, day)
      )`);

    // Months not yet computed are claimed (ON CONFLICT: two reports never compute one month twice),
    // expanded with report_open_time and cut at the item's local midnights. Returns how many
    // item-months it computed.
    await queryRunner.query(`
      CREATE FUNCTION report_fill_open_days(from_day date, to_day date) RETURNS integer
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
        $$`);

    await queryRunner.query(`
      CREATE FUNCTION report_forget_open_days() RETURNS trigger
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
        $$`);
    await queryRunner.query(`
      CREATE TRIGGER resources_forget_open_days AFTER UPDATE OF opening_hours, site_id ON resources
        FOR EACH ROW WHEN (OLD.opening_hours IS DISTINCT FROM NEW.opening_hours OR OLD.site_id IS DISTINCT FROM NEW.site_id)
        EXECUTE FUNCTION report_forget_open_days()`);
    await queryRunner.query(`
      CREATE TRIGGER sites_forget_open_days AFTER UPDATE OF time_zone ON sites
        FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
        EXECUTE FUNCTION report_forget_open_days()`);
    await queryRunner.query(`
      CREATE TRIGGER closures_forget_open_days AFTER INSERT OR UPDATE OR DELETE ON closures
        FOR EACH ROW EXECUTE FUNCTION report_forget_open_days()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER closures_forget_open_days ON closures');
    await queryRunner.query('DROP TRIGGER sites_forget_open_days ON sites');
    await queryRunner.query('DROP TRIGGER resources_forget_open_days ON resources');
    await queryRunner.query('DROP FUNCTION report_forget_open_days()');
    await queryRunner.query('DROP FUNCTION report_fill_open_days(date, date)');
    await queryRunner.query('DROP TABLE report_open_days');
    await queryRunner.query('DROP TABLE report_open_months');
  }
}
