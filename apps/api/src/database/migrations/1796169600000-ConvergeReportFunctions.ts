import { MigrationInterface, QueryRunner } from 'typeorm';
import { REPORT_FUNCTIONS_V1, REPORT_PARTNERSHIPS_FILL_V1, REPORT_TRIGGERS_V1 } from '../sql/report-functions.v1.sql';

/**
 * ReportOpenDays1795910400000 and ReportBookingDays1796083200000 were edited after they landed, so a
 * database migrated in between kept older definitions (TypeORM never runs a migration twice):
 *
 * - before a975336, report_fill_open_days returned void (now integer), and before 0a28e1f it
 *   computed each item-month's open time once per day;
 * - from bccc2be to 6d292c2, report_forget_open_days also forgot report_booking_months (now the
 *   report_open_months_forgotten trigger and report_forget_booking_months do), and before 6163cb5
 *   report_bookings_changed was written out by hand;
 * - before e459f17, report_network_cells, report_network_months, report_forget_network and its two
 *   triggers did not exist, and report_fill_booking_days did the work of report_compute_item_months
 *   (which did not exist either) and summed no network cells; before 6d292c2 it never analyzed.
 *
 * No version created an object that the current ones no longer have, no column or index changed,
 * so this migration creates what may be missing and installs every function and trigger of both
 * migrations again (report-functions.v1.sql.ts). The derived rows that older functions computed are
 * forgotten: the reports fill them again lazily, an item-month at a time, and report_partnerships,
 * which is kept by triggers rather than filled lazily, is computed again from the bookings.
 *
 * test/migrations-upgrade.e2e-spec.ts proves that a database migrated at bccc2be or before 0a28e1f
 * ends up with exactly the catalog of a fresh one.
 */
export class ConvergeReportFunctions1796169600000 implements MigrationInterface {
  name = 'ConvergeReportFunctions1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS report_network_cells (
        month date NOT NULL,
        weekday smallint NOT NULL,
        hour smallint NOT NULL,
        open_hours float8 NOT NULL,
        booked_hours float8 NOT NULL,
        PRIMARY KEY (month, weekday, hour)
      )`);
    await queryRunner.query('CREATE TABLE IF NOT EXISTS report_network_months (month date PRIMARY KEY)');

    // CREATE OR REPLACE cannot change a result type (void before a975336).
    await queryRunner.query('DROP FUNCTION IF EXISTS report_fill_open_days(date, date)');
    for (const statement of REPORT_FUNCTIONS_V1) await queryRunner.query(statement);
    for (const trigger of REPORT_TRIGGERS_V1) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${trigger.name} ON ${trigger.table}`);
      await queryRunner.query(trigger.create);
    }

    // TRUNCATE fires no DELETE trigger: every table the triggers would reach is in the list.
    await queryRunner.query(`
      TRUNCATE report_open_months, report_open_days, report_booking_months, report_booking_days,
               report_month_cells, report_network_months, report_network_cells, report_partnerships`);
    await queryRunner.query(REPORT_PARTNERSHIPS_FILL_V1);
  }

  async down(): Promise<void> {
    // Nothing to restore: on a fresh database, up installs exactly what ReportOpenDays and
    // ReportBookingDays already installed (the upgrade test checks it), and the older definitions an
    // upgraded database had are the ones this migration exists to get rid of. The derived rows it
    // forgot are computed again by the next report.
  }
}
