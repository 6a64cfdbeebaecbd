import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, several instances: a scheduled run records the period it answers (`job_runs.period_end`,
 * the next scheduled instant of its job), unique per job, so that with several API instances each
 * job runs once per period even when one instance's timer fires after another's run has finished.
 * Runs started by hand or at start-up have no period.
 */
export class JobPeriods1796515200000 implements MigrationInterface {
  name = 'JobPeriods1796515200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE job_runs ADD COLUMN period_end timestamptz');
    await queryRunner.query('CREATE UNIQUE INDEX job_runs_period_idx ON job_runs (job, period_end) WHERE period_end IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX job_runs_period_idx');
    await queryRunner.query('ALTER TABLE job_runs DROP COLUMN period_end');
  }
}
