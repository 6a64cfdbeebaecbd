import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications that are never lost or doubled: one Message-ID per (event, recipient), unique, so the
 * same notification cannot be queued twice; the calendar invitation that travels with an email;
 * per-person opt-outs of non-essential emails; secret calendar feed URLs (stored as hashes); and the
 * lease and run log of the scheduled jobs, so several API instances run each job once.
 */
export class NotificationsAndFeeds1795903200000 implements MigrationInterface {
  name = 'NotificationsAndFeeds1795903200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox
        ADD COLUMN event_key text,
        ADD COLUMN ics text,
        ADD COLUMN ics_method text CHECK (ics_method IN ('REQUEST', 'CANCEL')),
        ADD CONSTRAINT outbox_ics_method CHECK ((ics IS NULL) = (ics_method IS NULL))`);
    await queryRunner.query('CREATE UNIQUE INDEX outbox_message_id_key ON outbox (message_id)');
    await queryRunner.query('CREATE INDEX outbox_created_idx ON outbox (created_at DESC)');
    await queryRunner.query('CREATE INDEX outbox_event_key_idx ON outbox (event_key) WHERE event_key IS NOT NULL');

    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN email_opt_outs text[] NOT NULL DEFAULT '{}'
          CHECK (email_opt_outs <@ ARRAY['equipment_activity', 'reminders', 'digest', 'waitlist']::text[])`);

    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
        locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'nl', 'en')),
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT calendar_feeds_one_owner CHECK ((user_id IS NULL) <> (organisation_id IS NULL))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX calendar_feeds_user_active ON calendar_feeds (user_id) WHERE revoked_at IS NULL AND user_id IS NOT NULL');
    await queryRunner.query(
      'CREATE UNIQUE INDEX calendar_feeds_organisation_active ON calendar_feeds (organisation_id) WHERE revoked_at IS NULL AND organisation_id IS NOT NULL',
    );

    await queryRunner.query(`
      CREATE TABLE job_leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        locked_until timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE job_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job text NOT NULL,
        holder text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        as_of timestamptz NOT NULL,
        result jsonb,
        error text
      )`);
    await queryRunner.query('CREATE INDEX job_runs_job_idx ON job_runs (job, started_at DESC)');
    await queryRunner.query(`CREATE INDEX bookings_confirmed_start_idx ON bookings (lower(period)) WHERE status = 'confirmed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX bookings_confirmed_start_idx');
    await queryRunner.query('DROP TABLE job_runs');
    await queryRunner.query('DROP TABLE job_leases');
    await queryRunner.query('DROP TABLE calendar_feeds');
    await queryRunner.query('ALTER TABLE users DROP COLUMN email_opt_outs');
    await queryRunner.query('DROP INDEX outbox_event_key_idx');
    await queryRunner.query('DROP INDEX outbox_created_idx');
    await queryRunner.query('DROP INDEX outbox_message_id_key');
    await queryRunner.query('ALTER TABLE outbox DROP CONSTRAINT outbox_ics_method, DROP COLUMN ics_method, DROP COLUMN ics, DROP COLUMN event_key');
  }
}
