import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * School-year campaigns (docs/campaigns.md): a partner's items offered for a period, requests
 * gathered during a window, a seeded allocation that managers adjust, then published as bookings.
 * Allocations of one campaign cannot overlap on an item (buffers included), as bookings cannot.
 * Every booking can now carry the class it is for.
 */
export class Campaigns1796860800000 implements MigrationInterface {
  name = 'Campaigns1796860800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        period_start date NOT NULL,
        period_end date NOT NULL,
        window_opens_at timestamptz NOT NULL,
        window_closes_at timestamptz NOT NULL,
        publish_by date NOT NULL,
        session_minutes integer NOT NULL CHECK (session_minutes BETWEEN 30 AND 1440),
        eligible_kinds text[] NOT NULL DEFAULT '{school}',
        eligible_levels text[] NOT NULL DEFAULT '{}',
        cap_per_organisation integer CHECK (cap_per_organisation > 0),
        cap_per_class integer CHECK (cap_per_class > 0),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'allocated', 'published')),
        seed text,
        draw_order uuid[],
        allocated_at timestamptz,
        published_at timestamptz,
        published_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        copied_from_id uuid REFERENCES campaigns (id) ON DELETE SET NULL,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaigns_period_order CHECK (period_start <= period_end),
        CONSTRAINT campaigns_window_order CHECK (window_opens_at < window_closes_at)
      )`);
    await queryRunner.query('CREATE INDEX campaigns_organisation_idx ON campaigns (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE campaign_items (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE RESTRICT,
        PRIMARY KEY (campaign_id, resource_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE campaign_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        requested_by_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        resource_id uuid REFERENCES resources (id) ON DELETE RESTRICT,
        resource_kind text,
        sessions integer NOT NULL CHECK (sessions BETWEEN 1 AND 200),
        priority smallint NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 99),
        preferred_weekdays smallint[] NOT NULL DEFAULT '{}' CHECK (preferred_weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]),
        preferred_part text NOT NULL DEFAULT 'any' CHECK (preferred_part IN ('any', 'morning', 'afternoon')),
        earliest date,
        latest date,
        purpose text NOT NULL DEFAULT 'course',
        class_level text NOT NULL CHECK (class_level IN ('primary', 'secondary', 'apprenticeship', 'adult')),
        class_year smallint CHECK (class_year BETWEEN 1 AND 7),
        class_section text CHECK (length(class_section) <= 200),
        class_teacher text CHECK (length(class_teacher) <= 200),
        trainer_requested boolean NOT NULL DEFAULT false,
        class_module text CHECK (length(class_module) <= 200),
        pupils integer NOT NULL CHECK (pupils BETWEEN 1 AND 1000),
        notes text CHECK (length(notes) <= 2000),
        allocated_sessions integer,
        unmet_sessions integer,
        unmet_reason text CHECK (unmet_reason IN ('cap', 'no_slot', 'adjusted')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_requests_target CHECK (num_nonnulls(resource_id, resource_kind) = 1),
        CONSTRAINT campaign_requests_dates CHECK (earliest IS NULL OR latest IS NULL OR earliest <= latest)
      )`);
    await queryRunner.query('CREATE INDEX campaign_requests_campaign_idx ON campaign_requests (campaign_id, organisation_id)');
    await queryRunner.query(`
      CREATE TABLE campaign_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        request_id uuid NOT NULL REFERENCES campaign_requests (id) ON DELETE CASCADE,
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE RESTRICT,
        period tstzrange NOT NULL CHECK (NOT isempty(period)),
        blocked tstzrange NOT NULL,
        manual boolean NOT NULL DEFAULT false,
        booking_id uuid REFERENCES bookings (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_allocations_blocked_covers_period CHECK (blocked @> period),
        CONSTRAINT campaign_allocations_no_overlap EXCLUDE USING gist (campaign_id WITH =, resource_id WITH =, blocked WITH &&)
      )`);
    await queryRunner.query('CREATE INDEX campaign_allocations_request_idx ON campaign_allocations (request_id)');

    await queryRunner.query(`
      ALTER TABLE bookings
        ADD COLUMN class_level text CHECK (class_level IN ('primary', 'secondary', 'apprenticeship', 'adult')),
        ADD COLUMN class_year smallint CHECK (class_year BETWEEN 1 AND 7),
        ADD COLUMN class_section text CHECK (length(class_section) <= 200),
        ADD COLUMN class_teacher text CHECK (length(class_teacher) <= 200),
        ADD COLUMN trainer_requested boolean NOT NULL DEFAULT false,
        ADD COLUMN class_module text CHECK (length(class_module) <= 200),
        ADD COLUMN campaign_id uuid REFERENCES campaigns (id) ON DELETE SET NULL`);
    await queryRunner.query('CREATE INDEX bookings_campaign_idx ON bookings (campaign_id) WHERE campaign_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE bookings DROP COLUMN campaign_id, DROP COLUMN class_module, DROP COLUMN trainer_requested, DROP COLUMN class_teacher,
        DROP COLUMN class_section, DROP COLUMN class_year, DROP COLUMN class_level`);
    await queryRunner.query('DROP TABLE campaign_allocations');
    await queryRunner.query('DROP TABLE campaign_requests');
    await queryRunner.query('DROP TABLE campaign_items');
    await queryRunner.query('DROP TABLE campaigns');
  }
}
