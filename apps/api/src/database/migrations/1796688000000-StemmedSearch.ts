import { MigrationInterface, QueryRunner } from 'typeorm';
import { RESOURCE_SEARCH_V1 } from '../sql/resource-search.v1.sql';

/**
 * Issue 19, search in three languages: `resources.search_document` (resource-search.v1.sql.ts)
 * replaces the generated `search_vector`, which held names and descriptions as written only
 * ("lassen" missed "lasser", occupations were not searched). The trigram index on the names stays
 * for typos.
 */
export class StemmedSearch1796688000000 implements MigrationInterface {
  name = 'StemmedSearch1796688000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE resources ADD COLUMN search_document tsvector NOT NULL DEFAULT ''::tsvector`);
    for (const statement of RESOURCE_SEARCH_V1) await queryRunner.query(statement);
    await queryRunner.query('SELECT refresh_resource_search(ARRAY(SELECT id FROM resources))');
    await queryRunner.query('CREATE INDEX resources_search_document_idx ON resources USING gin (search_document)');
    await queryRunner.query('DROP INDEX resources_search_idx');
    await queryRunner.query('ALTER TABLE resources DROP COLUMN search_vector');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE resources
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', f_unaccent(lower(coalesce(name_fr, '') || ' ' || coalesce(name_nl, '') || ' ' || coalesce(name_en, '')))), 'A') ||
          setweight(to_tsvector('simple', f_unaccent(lower(coalesce(description_fr, '') || ' ' || coalesce(description_nl, '') || ' ' || coalesce(description_en, '')))), 'B')
        ) STORED`);
    await queryRunner.query('CREATE INDEX resources_search_idx ON resources USING gin (search_vector)');
    await queryRunner.query('DROP TRIGGER occupations_search_document ON occupations');
    await queryRunner.query('DROP TRIGGER resource_occupations_search_document ON resource_occupations');
    await queryRunner.query('DROP TRIGGER resources_search_document ON resources');
    await queryRunner.query('DROP FUNCTION resources_search_refresh()');
    await queryRunner.query('DROP FUNCTION refresh_resource_search(uuid[])');
    await queryRunner.query('ALTER TABLE resources DROP COLUMN search_document');
  }
}
