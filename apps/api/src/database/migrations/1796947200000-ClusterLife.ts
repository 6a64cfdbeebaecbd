import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cluster's life beyond shared machines (issue 22): sessions (trainer training, discovery days,
 * demonstrations) with group registrations whose seats the database keeps from being over-allocated,
 * satisfaction ratings given once per completed booking or attended session, and the good-practice
 * stories of a cluster's public page.
 *
 * A session on an item blocks it through a `bookings` row (`training_sessions.booking_id`), so the
 * same exclusion constraint `bookings_no_overlap` decides between sessions and bookings.
 */
export class ClusterLife1796947200000 implements MigrationInterface {
  name = 'ClusterLife1796947200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('trainer_training', 'occupation_discovery', 'demonstration', 'other')),
        title_fr text, title_nl text, title_en text,
        description_fr text, description_nl text, description_en text,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        cluster_id uuid REFERENCES clusters (id) ON DELETE SET NULL,
        resource_id uuid REFERENCES resources (id) ON DELETE RESTRICT,
        site_id uuid NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
        booking_id uuid UNIQUE REFERENCES bookings (id) ON DELETE RESTRICT,
        period tstzrange NOT NULL,
        seats integer NOT NULL CHECK (seats BETWEEN 1 AND 1000),
        seats_taken integer NOT NULL DEFAULT 0,
        audience_kinds text[] NOT NULL DEFAULT '{}',
        audience_beneficiaries text[] NOT NULL DEFAULT '{}',
        registration_deadline timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled', 'held')),
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        attendance_recorded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_sessions_title CHECK (coalesce(title_fr, title_nl, title_en) IS NOT NULL),
        CONSTRAINT training_sessions_period_bounded CHECK (
          NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period) AND NOT lower_inf(period) AND NOT upper_inf(period)
        ),
        CONSTRAINT training_sessions_deadline CHECK (registration_deadline <= lower(period)),
        -- The seats rule itself: whatever the code does, registered groups never hold more seats than the session has.
        CONSTRAINT training_sessions_seats_taken CHECK (seats_taken BETWEEN 0 AND seats),
        CONSTRAINT training_sessions_item_booking CHECK ((resource_id IS NULL) = (booking_id IS NULL)),
        CONSTRAINT training_sessions_audience_kinds CHECK (audience_kinds <@ ARRAY['school', 'training_centre', 'company', 'sector_fund', 'public_service', 'other']),
        CONSTRAINT training_sessions_audience_beneficiaries CHECK (audience_beneficiaries <@ ARRAY['pupils', 'apprentices', 'job_seekers', 'trainers', 'employees'])
      )`);
    await queryRunner.query('CREATE INDEX training_sessions_start_idx ON training_sessions (lower(period))');
    await queryRunner.query('CREATE INDEX training_sessions_cluster_idx ON training_sessions (cluster_id, lower(period))');
    await queryRunner.query(`
      CREATE TABLE training_session_occupations (
        session_id uuid NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
        occupation_id uuid NOT NULL REFERENCES occupations (id) ON DELETE RESTRICT,
        PRIMARY KEY (session_id, occupation_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE session_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        registered_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        contact_name text NOT NULL CHECK (length(btrim(contact_name)) BETWEEN 1 AND 200),
        contact_email text NOT NULL CHECK (position('@' IN contact_email) > 1),
        contact_phone text,
        pupils integer NOT NULL DEFAULT 0 CHECK (pupils >= 0),
        apprentices integer NOT NULL DEFAULT 0 CHECK (apprentices >= 0),
        job_seekers integer NOT NULL DEFAULT 0 CHECK (job_seekers >= 0),
        trainers integer NOT NULL DEFAULT 0 CHECK (trainers >= 0),
        employees integer NOT NULL DEFAULT 0 CHECK (employees >= 0),
        seats integer GENERATED ALWAYS AS (pupils + apprentices + job_seekers + trainers + employees) STORED CHECK (seats BETWEEN 1 AND 1000),
        status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
        attended_pupils integer CHECK (attended_pupils >= 0),
        attended_apprentices integer CHECK (attended_apprentices >= 0),
        attended_job_seekers integer CHECK (attended_job_seekers >= 0),
        attended_trainers integer CHECK (attended_trainers >= 0),
        attended_employees integer CHECK (attended_employees >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz
      )`);
    // One live registration per organisation and session: a second group changes the first.
    await queryRunner.query(`CREATE UNIQUE INDEX session_registrations_live_key ON session_registrations (session_id, organisation_id) WHERE status <> 'cancelled'`);
    await queryRunner.query('CREATE INDEX session_registrations_organisation_idx ON session_registrations (organisation_id)');
    // seats_taken follows the registered groups in the same transaction; its CHECK refuses over-allocation.
    await queryRunner.query(`
      CREATE FUNCTION session_registrations_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta integer := 0;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'registered' THEN delta := delta - OLD.seats; END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'registered' THEN delta := delta + NEW.seats; END IF;
        IF delta <> 0 THEN
          UPDATE training_sessions SET seats_taken = seats_taken + delta, updated_at = now()
           WHERE id = coalesce(NEW.session_id, OLD.session_id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER session_registrations_seats AFTER INSERT OR UPDATE OR DELETE ON session_registrations
        FOR EACH ROW EXECUTE FUNCTION session_registrations_count_seats()`);

    await queryRunner.query(`
      CREATE TABLE satisfaction_ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        booking_id uuid REFERENCES bookings (id) ON DELETE CASCADE,
        registration_id uuid REFERENCES session_registrations (id) ON DELETE CASCADE,
        rater text NOT NULL CHECK (rater IN ('booker', 'partner')),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        equipment_condition smallint CHECK (equipment_condition BETWEEN 1 AND 5),
        welcome smallint CHECK (welcome BETWEEN 1 AND 5),
        relevance smallint CHECK (relevance BETWEEN 1 AND 5),
        preparation smallint CHECK (preparation BETWEEN 1 AND 5),
        comment text CHECK (length(comment) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT satisfaction_ratings_subject CHECK (num_nonnulls(booking_id, registration_id) = 1),
        CONSTRAINT satisfaction_ratings_scores CHECK (
          (rater = 'booker' AND equipment_condition IS NOT NULL AND welcome IS NOT NULL AND relevance IS NOT NULL AND preparation IS NULL)
          OR (rater = 'partner' AND preparation IS NOT NULL AND equipment_condition IS NULL AND welcome IS NULL AND relevance IS NULL)
        )
      )`);
    // Once: one rating per side of a booking or a registration.
    await queryRunner.query('CREATE UNIQUE INDEX satisfaction_ratings_booking_key ON satisfaction_ratings (booking_id, rater) WHERE booking_id IS NOT NULL');
    await queryRunner.query('CREATE UNIQUE INDEX satisfaction_ratings_registration_key ON satisfaction_ratings (registration_id, rater) WHERE registration_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE cluster_stories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 8000),
        photo_url text CHECK (photo_url ~ '^(https://|/)'),
        photo_alt text,
        partner_ids uuid[] NOT NULL DEFAULT '{}',
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX cluster_stories_cluster_idx ON cluster_stories (cluster_id, published_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE cluster_stories');
    await queryRunner.query('DROP TABLE satisfaction_ratings');
    await queryRunner.query('DROP TABLE session_registrations');
    await queryRunner.query('DROP FUNCTION session_registrations_count_seats()');
    await queryRunner.query('DROP TABLE training_session_occupations');
    await queryRunner.query('DROP TABLE training_sessions');
  }
}
