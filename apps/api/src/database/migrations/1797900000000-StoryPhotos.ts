import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: a good-practice story takes an uploaded photo (a file under UPLOADS_DIR/stories/<story id>/,
 * its type read from its bytes) with an alternative text per language. The old `photo_url` (a web
 * address) stays for the stories that have one; an upload replaces it (docs/clusters.md, "Good practices").
 */
export class StoryPhotos1797900000000 implements MigrationInterface {
  name = 'StoryPhotos1797900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cluster_stories
        ADD COLUMN photo_path text CHECK (photo_path ~ '^stories/[0-9a-f-]{36}/[0-9a-f-]{36}\\.(jpg|png|webp)$'),
        ADD COLUMN photo_type text CHECK (photo_type IN ('image/jpeg', 'image/png', 'image/webp')),
        ADD COLUMN photo_alt_fr text CHECK (length(photo_alt_fr) BETWEEN 1 AND 300),
        ADD COLUMN photo_alt_nl text CHECK (length(photo_alt_nl) BETWEEN 1 AND 300),
        ADD COLUMN photo_alt_en text CHECK (length(photo_alt_en) BETWEEN 1 AND 300),
        ADD CONSTRAINT cluster_stories_photo_file CHECK ((photo_path IS NULL) = (photo_type IS NULL)),
        ADD CONSTRAINT cluster_stories_photo_alts CHECK (photo_path IS NOT NULL OR coalesce(photo_alt_fr, photo_alt_nl, photo_alt_en) IS NULL),
        ADD CONSTRAINT cluster_stories_one_photo CHECK (photo_path IS NULL OR photo_url IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cluster_stories
        DROP CONSTRAINT cluster_stories_one_photo, DROP CONSTRAINT cluster_stories_photo_alts, DROP CONSTRAINT cluster_stories_photo_file,
        DROP COLUMN photo_alt_en, DROP COLUMN photo_alt_nl, DROP COLUMN photo_alt_fr, DROP COLUMN photo_type, DROP COLUMN photo_path`);
  }
}
