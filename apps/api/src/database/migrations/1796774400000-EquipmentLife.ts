import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, equipment life (docs/indicators.md, "Downtime and check-in"):
 * - `resources.checkin_margin_minutes`: how long before a booking's start its holder may check in;
 *   `resources.auto_release_minutes`: when set, a confirmed booking not checked in that long after its
 *   start is released (no-show) by the `auto-release` job. Off (NULL) by default.
 * - `bookings.checked_in_at/_by_id`, `checked_out_at`: check-in at the machine; they also write the
 *   booking's actual start and end, which the reports read as used time.
 * - `breakdown_reports`: problems reported on an item; an "unusable" one puts the item into
 *   maintenance from its report until it is resolved, and feeds downtime and mean time to repair.
 * - `resource_events`: the append-only audit log of an item (reports, acknowledgements, resolutions,
 *   status changes, bookings kept as exceptions to a closure).
 * - `site_displays`: the secret URL of a site's door display; only its SHA-256 is stored.
 */
export class EquipmentLife1796774400000 implements MigrationInterface {
  name = 'EquipmentLife1796774400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE resources
        ADD COLUMN checkin_margin_minutes integer NOT NULL DEFAULT 15 CHECK (checkin_margin_minutes BETWEEN 0 AND 240),
        ADD COLUMN auto_release_minutes integer CHECK (auto_release_minutes BETWEEN 5 AND 240)`);
    await queryRunner.query(`
      ALTER TABLE bookings
        ADD COLUMN checked_in_at timestamptz,
        ADD COLUMN checked_in_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN checked_out_at timestamptz,
        ADD CONSTRAINT bookings_checkout_after_checkin CHECK (checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_in_at < checked_out_at))`);
    await queryRunner.query(`
      CREATE INDEX bookings_auto_release_idx ON bookings (resource_id, lower(period))
        WHERE status = 'confirmed' AND checked_in_at IS NULL AND actual_start IS NULL`);

    await queryRunner.query(`
      CREATE TABLE breakdown_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        reported_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        category text NOT NULL CHECK (category IN ('mechanical', 'electrical', 'safety', 'software', 'consumables', 'other')),
        description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 2000),
        unusable boolean NOT NULL DEFAULT false,
        photo_path text,
        photo_type text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
        reported_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        resolved_at timestamptz,
        resolved_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        resolution_note text CHECK (length(resolution_note) <= 2000),
        CONSTRAINT breakdown_reports_resolved CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CONSTRAINT breakdown_reports_order CHECK (resolved_at IS NULL OR resolved_at >= reported_at),
        CONSTRAINT breakdown_reports_photo CHECK ((photo_path IS NULL) = (photo_type IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX breakdown_reports_resource_idx ON breakdown_reports (resource_id, reported_at)');
    await queryRunner.query(`CREATE INDEX breakdown_reports_open_idx ON breakdown_reports (resource_id) WHERE status <> 'resolved'`);

    await queryRunner.query(`
      CREATE TABLE resource_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        action text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX resource_events_resource_idx ON resource_events (resource_id, id)');
    await queryRunner.query(`
      CREATE FUNCTION resource_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Deleting the item deletes its log (ON DELETE CASCADE); nothing else may change it.
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM resources WHERE id = OLD.resource_id) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'resource_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER resource_events_no_change BEFORE UPDATE OR DELETE ON resource_events
        FOR EACH ROW EXECUTE FUNCTION resource_events_append_only()`);

    await queryRunner.query(`
      CREATE TABLE site_displays (
        site_id uuid PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE site_displays');
    await queryRunner.query('DROP TABLE resource_events');
    await queryRunner.query('DROP FUNCTION resource_events_append_only()');
    await queryRunner.query('DROP TABLE breakdown_reports');
    await queryRunner.query('DROP INDEX bookings_auto_release_idx');
    await queryRunner.query(`
      ALTER TABLE bookings DROP CONSTRAINT bookings_checkout_after_checkin,
        DROP COLUMN checked_in_at, DROP COLUMN checked_in_by_id, DROP COLUMN checked_out_at`);
    await queryRunner.query('ALTER TABLE resources DROP COLUMN checkin_margin_minutes, DROP COLUMN auto_release_minutes');
  }
}
