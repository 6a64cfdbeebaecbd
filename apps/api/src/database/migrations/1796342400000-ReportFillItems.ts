import { MigrationInterface, QueryRunner } from 'typeorm';
import { REPORT_FUNCTIONS_V1 } from '../sql/report-functions.v1.sql';
import { REPORT_FILL_FUNCTIONS_V2, REPORT_FILL_FUNCTIONS_V2_ADDED } from '../sql/report-functions.v2.sql';

/**
 * The reports' fill functions take the items to fill (report-functions.v2.sql.ts), so that a report
 * computes the derived data of the items it covers only, not of every item of the platform (issue 15:
 * any member could make the database fill every item for any period). The rows already filled stay
 * valid: an item-month is computed the same way whichever fill claims it.
 */
export class ReportFillItems1796342400000 implements MigrationInterface {
  name = 'ReportFillItems1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of REPORT_FILL_FUNCTIONS_V2) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Version 1's bodies of the two-argument forms first: they no longer call the ones dropped next.
    for (const statement of REPORT_FUNCTIONS_V1) await queryRunner.query(statement);
    for (const signature of REPORT_FILL_FUNCTIONS_V2_ADDED) await queryRunner.query(`DROP FUNCTION ${signature}`);
  }
}
