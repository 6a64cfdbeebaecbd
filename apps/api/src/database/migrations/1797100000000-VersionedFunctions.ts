import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDICATOR_FUNCTIONS_V1 } from '../sql/indicator-functions.v1.sql';
import { TEXT_FUNCTIONS_V1 } from '../sql/text-functions.v1.sql';
import { TRIGGER_FUNCTIONS_V1 } from '../sql/trigger-functions.v1.sql';

/**
 * Issue 17: every function now comes from a versioned SQL file (database/sql/*.vN.sql.ts), never from
 * a migration's own body. The six functions that earlier migrations wrote inline (report_hours and
 * report_open_time in ReportFunctions; f_unaccent in EquipmentCatalogue; the trigger bodies of
 * BookingEngine, EquipmentLife and ClusterLife) are installed again from their v1 files, byte for byte
 * as those migrations wrote them: nothing changes in any database, but the next definition of one of
 * them is a v2 file and a new migration, not an edit of a landed one (docs/indicators.md).
 */
export class VersionedFunctions1797100000000 implements MigrationInterface {
  name = 'VersionedFunctions1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...TEXT_FUNCTIONS_V1, ...INDICATOR_FUNCTIONS_V1, ...TRIGGER_FUNCTIONS_V1]) await queryRunner.query(statement);
  }

  /** The definitions installed are the ones the database had before: there is nothing to undo. */
  async down(): Promise<void> {}
}
