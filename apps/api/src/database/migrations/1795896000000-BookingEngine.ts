import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The booking lifecycle around the no-overlap constraint: recurring series, who decided or cancelled
 * what, attendance, a waitlist, refused requests kept as unmet demand, and an append-only audit log.
 */
export class BookingEngine1795896000000 implements MigrationInterface {
  name = 'BookingEngine1795896000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE booking_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE RESTRICT,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        booked_by_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]),
        interval_weeks smallint NOT NULL DEFAULT 1 CHECK (interval_weeks BETWEEN 1 AND 8),
        start_time time NOT NULL,
        end_time time NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        mode text NOT NULL CHECK (mode IN ('all_or_nothing', 'skip_conflicts')),
        report jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT booking_series_order CHECK (starts_on <= ends_on AND start_time < end_time)
      )`);

    await queryRunner.query(`
      ALTER TABLE bookings
        ADD COLUMN series_id uuid REFERENCES booking_series (id) ON DELETE RESTRICT,
        ADD COLUMN decided_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN cancelled_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN attendance_recorded_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN attendance_recorded_at timestamptz`);
    await queryRunner.query('CREATE INDEX bookings_series_idx ON bookings (series_id) WHERE series_id IS NOT NULL');
    await queryRunner.query(`CREATE INDEX bookings_pending_idx ON bookings (resource_id, lower(period)) WHERE status = 'pending'`);

    await queryRunner.query(`
      CREATE TABLE waitlist_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        period tstzrange NOT NULL CHECK (NOT isempty(period)),
        purpose text NOT NULL,
        occupation_id uuid REFERENCES occupations (id) ON DELETE SET NULL,
        participants jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'expired', 'cancelled')),
        booking_id uuid REFERENCES bookings (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX waitlist_waiting_idx ON waitlist_entries USING gist (resource_id, period) WHERE status = 'waiting'`);

    await queryRunner.query(`
      CREATE TABLE booking_refusals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        period tstzrange NOT NULL,
        code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX booking_refusals_resource_idx ON booking_refusals (resource_id, lower(period))');

    await queryRunner.query(`
      CREATE TABLE booking_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        booking_id uuid REFERENCES bookings (id) ON DELETE RESTRICT,
        series_id uuid REFERENCES booking_series (id) ON DELETE RESTRICT,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        action text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX booking_events_booking_idx ON booking_events (booking_id, id)');
    await queryRunner.query(`
      CREATE FUNCTION booking_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'booking_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER booking_events_no_change BEFORE UPDATE OR DELETE ON booking_events
        FOR EACH ROW EXECUTE FUNCTION booking_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE booking_events');
    await queryRunner.query('DROP FUNCTION booking_events_append_only()');
    await queryRunner.query('DROP TABLE booking_refusals');
    await queryRunner.query('DROP TABLE waitlist_entries');
    await queryRunner.query(`
      ALTER TABLE bookings DROP COLUMN series_id, DROP COLUMN decided_by_id, DROP COLUMN decided_at, DROP COLUMN cancelled_by_id,
        DROP COLUMN cancelled_at, DROP COLUMN attendance_recorded_by_id, DROP COLUMN attendance_recorded_at`);
    await queryRunner.query('DROP TABLE booking_series');
  }
}
