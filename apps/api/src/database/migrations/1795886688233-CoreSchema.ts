import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core of the domain: organisations and their people, clusters (pôles de collaboration),
 * occupations, sites, equipment with its booking rules, and bookings. The "no double booking"
 * invariant is the exclusion constraint on bookings.blocked.
 */
export class CoreSchema1795886688233 implements MigrationInterface {
  name = 'CoreSchema1795886688233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('school', 'training_centre', 'company', 'sector_fund', 'public_service', 'other')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        country char(2) NOT NULL CHECK (country IN ('BE', 'FR')),
        address text,
        postcode text,
        city text,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        registration_number text,
        contact_email text,
        contact_phone text,
        website text,
        logo_path text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (position('@' IN email) > 1),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'nl', 'en')),
        password_hash text,
        is_coordinator boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX users_email_key ON users (lower(email))');

    await queryRunner.query(`
      CREATE TABLE memberships (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('manager', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, organisation_id)
      )`);
    await queryRunner.query('CREATE INDEX memberships_organisation_idx ON memberships (organisation_id)');

    await queryRunner.query(`
      CREATE TABLE occupations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]+$'),
        label_fr text NOT NULL,
        label_nl text NOT NULL,
        label_en text NOT NULL,
        sector text NOT NULL,
        esco_uri text,
        isco_code text,
        rome_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE occupation_shortages (
        occupation_id uuid NOT NULL REFERENCES occupations (id) ON DELETE CASCADE,
        region text NOT NULL CHECK (region IN ('WAL', 'VLA', 'BRU', 'HDF')),
        in_shortage boolean NOT NULL,
        list_date date,
        source text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (occupation_id, region)
      )`);

    await queryRunner.query(`
      CREATE TABLE clusters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        description_fr text,
        description_nl text,
        description_en text,
        sector text NOT NULL,
        lead_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        start_date date,
        status text NOT NULL DEFAULT 'pilot' CHECK (status IN ('pilot', 'active', 'evaluated', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE cluster_occupations (
        cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
        occupation_id uuid NOT NULL REFERENCES occupations (id) ON DELETE RESTRICT,
        PRIMARY KEY (cluster_id, occupation_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE cluster_members (
        cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cluster_id, organisation_id)
      )`);
    await queryRunner.query('CREATE INDEX cluster_members_organisation_idx ON cluster_members (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE cluster_coordinators (
        cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (cluster_id, user_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        address text,
        postcode text,
        city text,
        country char(2) NOT NULL CHECK (country IN ('BE', 'FR')),
        region text NOT NULL CHECK (region IN ('WAL', 'VLA', 'BRU', 'HDF')),
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        time_zone text NOT NULL DEFAULT 'Europe/Brussels',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX sites_organisation_idx ON sites (organisation_id)');

    await queryRunner.query(`
      CREATE TABLE resources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        site_id uuid NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('machine', 'workshop', 'vehicle', 'simulator', 'tool_kit', 'other')),
        name_fr text,
        name_nl text,
        name_en text,
        description_fr text,
        description_nl text,
        description_en text,
        capacity integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 1000),
        sector text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'maintenance', 'retired')),
        with_operator boolean NOT NULL DEFAULT false,
        cost_model text NOT NULL DEFAULT 'free' CHECK (cost_model IN ('free', 'hourly', 'cost_sharing')),
        hourly_rate numeric(10, 2) CHECK (hourly_rate >= 0),
        cost_note text,
        opening_hours jsonb NOT NULL DEFAULT '[]',
        slot_minutes integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 1440),
        min_duration_minutes integer NOT NULL DEFAULT 60 CHECK (min_duration_minutes > 0),
        max_duration_minutes integer NOT NULL DEFAULT 480,
        lead_time_minutes integer NOT NULL DEFAULT 1440 CHECK (lead_time_minutes >= 0),
        horizon_days integer NOT NULL DEFAULT 90 CHECK (horizon_days BETWEEN 1 AND 730),
        buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 1440),
        buffer_after_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 1440),
        approval_mode text NOT NULL DEFAULT 'owner' CHECK (approval_mode IN ('automatic', 'owner', 'cluster_automatic')),
        quota_week_minutes integer CHECK (quota_week_minutes > 0),
        quota_month_minutes integer CHECK (quota_month_minutes > 0),
        access_policy text NOT NULL DEFAULT 'all' CHECK (access_policy IN ('clusters', 'listed', 'all')),
        cancel_cutoff_hours integer NOT NULL DEFAULT 24 CHECK (cancel_cutoff_hours >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT resources_name_present CHECK (coalesce(name_fr, name_nl, name_en) IS NOT NULL),
        CONSTRAINT resources_duration_order CHECK (min_duration_minutes <= max_duration_minutes)
      )`);
    await queryRunner.query('CREATE INDEX resources_organisation_idx ON resources (organisation_id)');
    await queryRunner.query('CREATE INDEX resources_site_idx ON resources (site_id)');
    await queryRunner.query(`
      CREATE TABLE resource_occupations (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        occupation_id uuid NOT NULL REFERENCES occupations (id) ON DELETE RESTRICT,
        PRIMARY KEY (resource_id, occupation_id)
      )`);
    await queryRunner.query('CREATE INDEX resource_occupations_occupation_idx ON resource_occupations (occupation_id)');
    await queryRunner.query(`
      CREATE TABLE resource_clusters (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
        PRIMARY KEY (resource_id, cluster_id)
      )`);
    await queryRunner.query('CREATE INDEX resource_clusters_cluster_idx ON resource_clusters (cluster_id)');

    await queryRunner.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE RESTRICT,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        booked_by_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        trainer_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        period tstzrange NOT NULL,
        blocked tstzrange NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined', 'cancelled', 'expired', 'completed', 'no_show')),
        purpose text NOT NULL CHECK (purpose IN ('course', 'trainer_training', 'occupation_discovery', 'exam', 'company_demo', 'other')),
        occupation_id uuid REFERENCES occupations (id) ON DELETE RESTRICT,
        expected_pupils integer NOT NULL DEFAULT 0 CHECK (expected_pupils >= 0),
        expected_apprentices integer NOT NULL DEFAULT 0 CHECK (expected_apprentices >= 0),
        expected_job_seekers integer NOT NULL DEFAULT 0 CHECK (expected_job_seekers >= 0),
        expected_trainers integer NOT NULL DEFAULT 0 CHECK (expected_trainers >= 0),
        expected_employees integer NOT NULL DEFAULT 0 CHECK (expected_employees >= 0),
        actual_start timestamptz,
        actual_end timestamptz,
        actual_pupils integer CHECK (actual_pupils >= 0),
        actual_apprentices integer CHECK (actual_apprentices >= 0),
        actual_job_seekers integer CHECK (actual_job_seekers >= 0),
        actual_trainers integer CHECK (actual_trainers >= 0),
        actual_employees integer CHECK (actual_employees >= 0),
        notes text,
        status_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bookings_period_bounded CHECK (
          NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)
          AND NOT lower_inf(period) AND NOT upper_inf(period)
        ),
        CONSTRAINT bookings_blocked_covers_period CHECK (blocked @> period),
        CONSTRAINT bookings_actual_order CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_start < actual_end),
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (resource_id WITH =, blocked WITH &&)
          WHERE (status IN ('pending', 'confirmed'))
      )`);
    await queryRunner.query('CREATE INDEX bookings_resource_start_idx ON bookings (resource_id, lower(period))');
    await queryRunner.query('CREATE INDEX bookings_organisation_start_idx ON bookings (organisation_id, lower(period))');
    await queryRunner.query('CREATE INDEX bookings_booked_by_idx ON bookings (booked_by_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'bookings', 'resource_clusters', 'resource_occupations', 'resources', 'sites', 'cluster_coordinators',
      'cluster_members', 'cluster_occupations', 'clusters', 'occupation_shortages', 'occupations', 'memberships', 'users', 'organisations',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
