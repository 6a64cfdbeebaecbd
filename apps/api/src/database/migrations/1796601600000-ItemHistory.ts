import { MigrationInterface, QueryRunner } from 'typeorm';
import { REPORT_FUNCTIONS_V1 } from '../sql/report-functions.v1.sql';
import { REPORT_FILL_FUNCTIONS_V2 } from '../sql/report-functions.v2.sql';
import { REPORT_FUNCTIONS_V3, REPORT_TRIGGERS_V3 } from '../sql/report-functions.v3.sql';

/**
 * Item history for indicators 1.1 (issue 18): a change made today no longer rewrites past reports.
 *
 * - resources.available_from: the item's first day on the platform (local date of its site). New
 *   items: their creation day (business time). Existing items: the earliest of their creation and
 *   their first booking, so that imported history keeps its open time; managers may set it earlier.
 * - resource_status_periods: the item's statuses over time, one period per status change, never two
 *   overlapping (exclusion constraint). Existing items: `active` until their last update, then their
 *   current status when it is not `active` (the only date a status change left behind).
 * - resource_opening_hours: each version of the weekly opening hours, in force from a local day on.
 *   Existing items: their current hours since always.
 * - closures_removed: closures deleted, still in force before the day of their removal.
 *
 * Triggers keep the history in the same statement as the change, and forget the derived report rows
 * of the item; the functions of report-functions.v3.sql.ts compute open time from the history. Every
 * derived row is forgotten here: the reports fill them again lazily with the new definitions.
 */
export class ItemHistory1796601600000 implements MigrationInterface {
  name = 'ItemHistory1796601600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE resources ADD COLUMN available_from date');
    await queryRunner.query(`
      UPDATE resources r SET available_from = (least(r.created_at, (SELECT min(lower(b.period)) FROM bookings b WHERE b.resource_id = r.id)) AT TIME ZONE s.time_zone)::date
        FROM sites s WHERE s.id = r.site_id`);
    await queryRunner.query('ALTER TABLE resources ALTER COLUMN available_from SET NOT NULL');

    await queryRunner.query(`
      CREATE TABLE resource_status_periods (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('active', 'maintenance', 'retired')),
        during tstzrange NOT NULL CHECK (NOT isempty(during)),
        CONSTRAINT resource_status_periods_no_overlap EXCLUDE USING gist (resource_id WITH =, during WITH &&)
      )`);
    await queryRunner.query(`
      INSERT INTO resource_status_periods (resource_id, status, during)
      SELECT id, 'active', CASE WHEN status = 'active' THEN tstzrange(NULL, NULL) ELSE tstzrange(NULL, updated_at) END FROM resources
      UNION ALL
      SELECT id, status, tstzrange(updated_at, NULL) FROM resources WHERE status <> 'active'`);

    await queryRunner.query(`
      CREATE TABLE resource_opening_hours (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        valid_from date NOT NULL,
        opening_hours jsonb NOT NULL,
        PRIMARY KEY (resource_id, valid_from)
      )`);
    await queryRunner.query(`INSERT INTO resource_opening_hours (resource_id, valid_from, opening_hours) SELECT id, '-infinity', opening_hours FROM resources`);

    await queryRunner.query(`
      CREATE TABLE closures_removed (
        id uuid PRIMARY KEY,
        resource_id uuid REFERENCES resources (id) ON DELETE CASCADE,
        site_id uuid REFERENCES sites (id) ON DELETE CASCADE,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        start_time time,
        end_time time,
        yearly boolean NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL,
        removed_on date NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX closures_removed_resource_idx ON closures_removed (resource_id) WHERE resource_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX closures_removed_site_idx ON closures_removed (site_id) WHERE site_id IS NOT NULL');

    for (const statement of REPORT_FUNCTIONS_V3) await queryRunner.query(statement);
    for (const trigger of REPORT_TRIGGERS_V3) await queryRunner.query(trigger.create);

    // TRUNCATE fires no DELETE trigger: every derived table is in the list (report_partnerships is kept by bookings' triggers).
    await queryRunner.query(`
      TRUNCATE report_open_months, report_open_days, report_booking_months, report_booking_days,
               report_month_cells, report_network_months, report_network_cells`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of [...REPORT_TRIGGERS_V3].reverse()) await queryRunner.query(`DROP TRIGGER ${trigger.name} ON ${trigger.table}`);
    // Version 1's compute_item_months and version 2's fills, which no longer call report_item_open_time.
    const computeV1 = REPORT_FUNCTIONS_V1.find((statement) => statement.includes('FUNCTION report_compute_item_months'))!;
    await queryRunner.query(computeV1);
    for (const statement of REPORT_FILL_FUNCTIONS_V2) await queryRunner.query(statement);
    for (const signature of [
      'closures_keep_removed()', 'resource_default_available_from()', 'resource_record_history()', 'report_forget_item_history()',
      'report_item_open_time(uuid, text, timestamptz, timestamptz)', 'business_now()',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${signature}`);
    }
    await queryRunner.query('DROP TABLE closures_removed');
    await queryRunner.query('DROP TABLE resource_opening_hours');
    await queryRunner.query('DROP TABLE resource_status_periods');
    await queryRunner.query('ALTER TABLE resources DROP COLUMN available_from');
    await queryRunner.query(`
      TRUNCATE report_open_months, report_open_days, report_booking_months, report_booking_days,
               report_month_cells, report_network_months, report_network_cells`);
  }
}
