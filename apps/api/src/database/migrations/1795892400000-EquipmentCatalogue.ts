import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Equipment catalogue: safety credentials and their grants, closures (per item or per site, one-off
 * or yearly), photos, links to manuals, who may book, rule defaults per site/organisation, and a
 * full-text index over names and descriptions in FR/NL/EN, accent- and case-insensitive.
 */
export class EquipmentCatalogue1795892400000 implements MigrationInterface {
  name = 'EquipmentCatalogue1795892400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // unaccent() is only STABLE (it reads a dictionary); pinning the dictionary makes it safe to index.
    await queryRunner.query(`
      CREATE FUNCTION f_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    await queryRunner.query('ALTER TABLE organisations ADD COLUMN default_rules jsonb');
    await queryRunner.query('ALTER TABLE sites ADD COLUMN default_rules jsonb');

    await queryRunner.query(`
      CREATE TABLE credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        name_fr text,
        name_nl text,
        name_en text,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credentials_name_present CHECK (coalesce(name_fr, name_nl, name_en) IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX credentials_organisation_idx ON credentials (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE credential_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        credential_id uuid NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        granted_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_on date NOT NULL,
        revoked_at timestamptz,
        note text
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX credential_grants_active_key ON credential_grants (credential_id, user_id) WHERE revoked_at IS NULL');
    await queryRunner.query('CREATE INDEX credential_grants_user_idx ON credential_grants (user_id)');

    await queryRunner.query(`
      ALTER TABLE resources
        ADD COLUMN skills text[] NOT NULL DEFAULT '{}',
        ADD COLUMN required_credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', f_unaccent(lower(coalesce(name_fr, '') || ' ' || coalesce(name_nl, '') || ' ' || coalesce(name_en, '')))), 'A') ||
          setweight(to_tsvector('simple', f_unaccent(lower(coalesce(description_fr, '') || ' ' || coalesce(description_nl, '') || ' ' || coalesce(description_en, '')))), 'B')
        ) STORED`);
    await queryRunner.query('CREATE INDEX resources_search_idx ON resources USING gin (search_vector)');
    await queryRunner.query(`
      CREATE INDEX resources_name_trgm_idx ON resources
        USING gin (f_unaccent(lower(coalesce(name_fr, '') || ' ' || coalesce(name_nl, '') || ' ' || coalesce(name_en, ''))) gin_trgm_ops)`);
    await queryRunner.query('CREATE INDEX resources_status_kind_idx ON resources (status, kind)');

    await queryRunner.query(`
      CREATE TABLE resource_allowed_organisations (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        PRIMARY KEY (resource_id, organisation_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE closures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid REFERENCES resources (id) ON DELETE CASCADE,
        site_id uuid REFERENCES sites (id) ON DELETE CASCADE,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        start_time time,
        end_time time,
        yearly boolean NOT NULL DEFAULT false,
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 300),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT closures_one_scope CHECK (num_nonnulls(resource_id, site_id) = 1),
        CONSTRAINT closures_order CHECK (yearly OR starts_on <= ends_on),
        CONSTRAINT closures_times CHECK ((start_time IS NULL) = (end_time IS NULL) AND (start_time IS NULL OR start_time < end_time))
      )`);
    await queryRunner.query('CREATE INDEX closures_resource_idx ON closures (resource_id) WHERE resource_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX closures_site_idx ON closures (site_id) WHERE site_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE resource_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        file_name text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        position integer NOT NULL DEFAULT 0,
        alt_text text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX resource_photos_resource_idx ON resource_photos (resource_id, position)');

    await queryRunner.query(`
      CREATE TABLE resource_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('manual', 'safety_sheet', 'video', 'other')),
        label text NOT NULL,
        url text NOT NULL CHECK (url ~ '^https?://'),
        position integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('CREATE INDEX resource_links_resource_idx ON resource_links (resource_id, position)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE resource_links');
    await queryRunner.query('DROP TABLE resource_photos');
    await queryRunner.query('DROP TABLE closures');
    await queryRunner.query('DROP TABLE resource_allowed_organisations');
    await queryRunner.query('ALTER TABLE resources DROP COLUMN search_vector, DROP COLUMN required_credential_id, DROP COLUMN skills');
    await queryRunner.query('DROP TABLE credential_grants');
    await queryRunner.query('DROP TABLE credentials');
    await queryRunner.query('ALTER TABLE sites DROP COLUMN default_rules');
    await queryRunner.query('ALTER TABLE organisations DROP COLUMN default_rules');
    await queryRunner.query('DROP FUNCTION f_unaccent(text)');
  }
}
